// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import Testing

/// The shared datasets beside the repository (`../shared/data`).
let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/data").standardized.path

func temporaryFile(_ name: String, _ content: String) -> String {
    temporaryFile(name, Array(content.utf8))
}

func temporaryFile(_ name: String, _ bytes: [UInt8]) -> String {
    let directory = NSTemporaryDirectory() + "pace-tests-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/" + name
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
}

func humanEvalRecord(_ id: String) -> String {
    #"{"task_id": "\#(id)", "prompt": "def f(x):\n", "canonical_solution": "    return x\n", "test": "def check(c):\n    assert c(1) == 1\n", "entry_point": "f"}"#
}

@Suite("Dataset readers")
struct ReaderTests {
    @Test("HumanEval+ from the shared gzip: 164 tasks with base and plus suites")
    func humanEvalPlus() throws {
        let dataset = try Dataset.load(sharedData + "/humanevalplus/HumanEvalPlus.jsonl.gz")
        #expect(dataset.format == .humanevalplus)
        #expect(dataset.tasks.count == 164)
        #expect(dataset.tasks[0].suites.map(\.name) == ["base", "plus"])
        #expect(dataset.tasks.reduce(0) { $0 + $1.suites[1].inputs.count } > 100_000)
        #expect(dataset.tasks.first { $0.entryPoint == "find_zero" }?.comparison == .polynomialRoot)
        #expect(dataset.sha256.count == 64)
    }

    @Test("ENAMEL CSV: 164 tasks, four levels, checker and reference program")
    func enamel() throws {
        let dataset = try Dataset.load(sharedData + "/enamel/enamel.csv")
        #expect(dataset.format == .enamel)
        #expect(dataset.tasks.count == 164)
        let first = try #require(dataset.tasks.first?.efficiency)
        #expect(first.levels.count == 4)
        #expect(first.reference.hasPrefix(dataset.tasks[0].prompt + "\n"))
        #expect(EnamelReader.excludedProblems.count == 22)
        guard case .checker(let source, let function) = dataset.tasks[0].comparison else {
            Issue.record("expected a checker")
            return
        }
        #expect(function == "__check" && source.contains("def __check"))
    }

    @Test("the bundled benchmark reads, with samples")
    func bundled() throws {
        let dataset = try Dataset.load("pace-bench")
        #expect(dataset.format == .pace)
        #expect(dataset.tasks.count >= 10)
        #expect(dataset.tasks.allSatisfy { $0.efficiency?.slowReference != nil && !$0.suites.isEmpty })
        let samples = try PaceBenchReader.samples(path: dataset.path)
        #expect(samples.count >= 2 * dataset.tasks.count)
    }

    @Test("a malformed JSONL line is reported with file and line number")
    func malformedLine() {
        let path = temporaryFile("bad.jsonl", humanEvalRecord("T/0") + "\n{\"task_id\": \"T/1\", oops}\n")
        #expect {
            try Dataset.load(path)
        } throws: { error in
            guard let error = error as? DatasetError else { return false }
            return error.path == path && error.line == 2 && error.description.contains("\(path):2")
        }
    }

    @Test("a missing field is named")
    func missingField() {
        let path = temporaryFile("missing.jsonl", #"{"task_id": "T/0", "prompt": "x"}"# + "\n")
        #expect {
            try HumanEvalReader.read(path: path, plus: false)
        } throws: { error in
            (error as? DatasetError)?.message.contains("canonical_solution") == true
        }
    }

    @Test("truncated gzip, binary garbage and an empty file are clear errors")
    func badFiles() throws {
        let gzip = try #require(FileManager.default.contents(atPath: sharedData + "/humanevalplus/HumanEvalPlus-Mini.jsonl.gz"))
        let truncated = temporaryFile("cut.jsonl.gz", Array([UInt8](gzip).prefix(gzip.count / 2)))
        #expect(throws: DatasetError.self) { try Dataset.load(truncated) }
        let binary = temporaryFile("binary.jsonl", (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        #expect(throws: DatasetError.self) { try Dataset.load(binary) }
        let empty = temporaryFile("empty.jsonl", "")
        #expect(throws: DatasetError.self) { try Dataset.load(empty) }
        #expect(throws: DatasetError.self) { try Dataset.load("/nonexistent/dataset.jsonl") }
    }

    @Test("ENAMEL CSV without a column or with an unbalanced quote")
    func badCSV() {
        let missing = temporaryFile("missing.csv", "task_id,prompt\nHumanEval/0,x\n")
        #expect { try EnamelReader.read(path: missing) } throws: { ($0 as? DatasetError)?.message.contains("input_generator") == true }
        let header = "task_id,prompt,input_generator,input_levels,reference_solution,checker,entry_point\n"
        let unbalanced = temporaryFile("quote.csv", header + "HumanEval/0,\"def f():\n,gen,1 2,ref,chk,f\n")
        #expect(throws: DatasetError.self) { try EnamelReader.read(path: unbalanced) }
        let levels = temporaryFile("levels.csv", header + "HumanEval/0,p,g,one two,r,c,f\n")
        #expect { try EnamelReader.read(path: levels) } throws: { ($0 as? DatasetError)?.line == 2 }
    }
}

@Suite("Sample readers")
struct SampleReaderTests {
    let tasks = [
        BenchmarkTask(id: "T/0", index: 0, prompt: "def f(x):\n", entryPoint: "f"),
        BenchmarkTask(id: "T/1", index: 1, prompt: "def g(x):\n", entryPoint: "g"),
    ]

    @Test("solution wins over completion; completion is appended to the prompt; extra fields are kept")
    func jsonl() throws {
        let path = temporaryFile("samples.jsonl", """
            {"task_id": "T/0", "completion": "    return x\\n", "model": "m1"}
            {"task_id": "T/0", "solution": "def f(x): return x", "completion": "ignored"}

            {"task_id": "T/1", "solution": "def g(x): return 1", "meta": {"t": 0.5}}
            """)
        let (samples, unknown) = try SampleReader.read(path: path, tasks: tasks)
        #expect(unknown.isEmpty)
        #expect(samples.map(\.code) == ["def f(x):\n    return x\n", "def f(x): return x", "def g(x): return 1"])
        #expect(samples.map(\.index) == [0, 1, 0])
        #expect(samples[0].extra.first?.0 == "model")
        #expect(samples[2].origin.hasSuffix(":4"))
    }

    @Test("unknown task ids are listed, or skipped on request")
    func unknown() throws {
        let path = temporaryFile("unknown.jsonl", #"{"task_id": "X/9", "solution": "x"}"# + "\n" + #"{"task_id": "T/0", "solution": "x"}"#)
        #expect {
            try SampleReader.read(path: path, tasks: tasks)
        } throws: { error in
            guard let error = error as? DatasetError else { return false }
            return error.code == .unknownTasks && error.message.contains("X/9") && error.message.contains("--skip-unknown")
        }
        let (samples, unknown) = try SampleReader.read(path: path, tasks: tasks, skipUnknown: true)
        #expect(samples.count == 1 && unknown == ["X/9"])
    }

    @Test("ENAMEL JSON as a list and as an object keyed by problem index")
    func enamelJSON() throws {
        let list = temporaryFile("list.json", #"[["def f(x): return x"], ["def g(x): return 1", "def g(x): return 2"]]"#)
        let fromList = try SampleReader.read(path: list, tasks: tasks).samples
        #expect(fromList.map(\.taskID) == ["T/0", "T/1", "T/1"])
        #expect(fromList.map(\.index) == [0, 0, 1])
        let object = temporaryFile("object.json", #"{"1": ["def g(x): return 1"]}"#)
        #expect(try SampleReader.read(path: object, tasks: tasks).samples.map(\.taskID) == ["T/1"])
    }

    @Test("a sample with a non-string solution is an error on its line")
    func wrongType() {
        let path = temporaryFile("types.jsonl", #"{"task_id": "T/0", "solution": 12}"#)
        #expect {
            try SampleReader.read(path: path, tasks: tasks)
        } throws: { ($0 as? DatasetError)?.line == 1 }
    }
}
