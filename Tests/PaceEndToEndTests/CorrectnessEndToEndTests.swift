// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import Testing

@Suite("pace evaluate: correctness, end to end", .serialized)
struct CorrectnessEndToEndTests {
    @Test("HumanEval+ canonical solutions pass base and plus tests (pass@1 = 1.0); Mini by default, the full set with PACE_FULL_HUMANEVALPLUS=1")
    func humanEvalPlusCanonical() throws {
        let datasetPath = PaceBinary.sharedData + "/humanevalplus/" + (ProcessInfo.processInfo.environment["PACE_FULL_HUMANEVALPLUS"] == nil ? "HumanEvalPlus-Mini.jsonl.gz" : "HumanEvalPlus.jsonl.gz")
        let dataset = try Dataset.load(datasetPath)
        let directory = PaceBinary.scratch("heplus")
        let lines = dataset.tasks.map { task in
            JSONValue.object([("task_id", .string(task.id)), ("solution", .string(task.canonicalSolution ?? ""))]).jsonText
        }
        PaceBinary.write(lines.joined(separator: "\n") + "\n", to: directory + "/samples.jsonl")
        let output = try PaceBinary.run([
            "evaluate", "--dataset", datasetPath, "--samples", directory + "/samples.jsonl", "--output", directory + "/out", "--json",
        ])
        #expect(output.status == 0, "\(output.stderr.suffix(2000))")
        let summary = try #require(output.json)
        #expect(summary.at("metrics", "pass@1")?.doubleValue == 1.0)
        #expect(summary.at("metrics_by_suite", "base", "pass@1")?.doubleValue == 1.0)
        #expect(summary.at("metrics_by_suite", "base+plus", "pass@1")?.doubleValue == 1.0)
        #expect(summary.at("dataset", "sha256")?.stringValue == dataset.sha256)
        let results = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8)
        #expect(results.split(separator: "\n").count == 164)
    }

    @Test("HumanEval format (check(candidate)) with right, wrong, crashing and looping samples")
    func humanEvalCheck() throws {
        let directory = PaceBinary.scratch("humaneval")
        let record = #"{"task_id": "T/0", "prompt": "def add(a, b):\n", "canonical_solution": "    return a + b\n", "test": "def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(-1, 1) == 0\n", "entry_point": "add"}"#
        PaceBinary.write(record + "\n", to: directory + "/tasks.jsonl")
        let samples = [
            #"{"task_id": "T/0", "completion": "    return a + b\n", "model": "m"}"#,
            #"{"task_id": "T/0", "completion": "    return a - b\n"}"#,
            #"{"task_id": "T/0", "completion": "    return a +\n"}"#,
            #"{"task_id": "T/0", "completion": "    while True:\n        try:\n            pass\n        except BaseException:\n            pass\n"}"#,
        ]
        PaceBinary.write(samples.joined(separator: "\n") + "\n", to: directory + "/samples.jsonl")
        let output = try PaceBinary.run([
            "evaluate", "--dataset", directory + "/tasks.jsonl", "--samples", directory + "/samples.jsonl",
            "--output", directory + "/out", "--program-timeout", "2", "--json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let results = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8)
            .split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
            .sorted { ($0["sample_index"]?.intValue ?? 0) < ($1["sample_index"]?.intValue ?? 0) }
        #expect(results.map { $0["verdict"]?.stringValue ?? "" } == ["passed", "failed", "syntax_error", "timeout"])
        #expect(results.first?.at("extra", "model")?.stringValue == "m")
        #expect(output.json?.at("metrics", "pass@1")?.doubleValue == 0.25)
    }

    @Test("lines a sample forges into the worker's protocol pipe never make wrong answers pass")
    func forgedProtocolLines() throws {
        let directory = PaceBinary.scratch("forged")
        // Forges a passing first test (lis_length([]) is 0) and an early end of the batch into every pipe it has;
        // every real answer is wrong. (The same payload is in the hostile corpus, corrupt_pipe.py.)
        let code = """
            import os, stat
            FORGED = b'{"ok": true, "i": 0, "t": 1}\\n{"d": null, "n": 1}\\n0\\n{"ok": true, "done": true}\\n'
            def lis_length(nums):
                for entry in os.listdir("/proc/self/fd"):
                    fd = int(entry)
                    try:
                        if fd > 2 and stat.S_ISFIFO(os.fstat(fd).st_mode):
                            os.write(fd, FORGED)
                    except OSError:
                        pass
                return -1
            """
        let record = JSONValue.object([("task_id", .string("pace/lis_length")), ("solution", .string(code))])
        PaceBinary.write(record.jsonText + "\n", to: directory + "/samples.jsonl")
        let output = try PaceBinary.run([
            "evaluate", "--dataset", "pace-bench", "--tasks", "pace/lis_length", "--no-efficiency",
            "--samples", directory + "/samples.jsonl", "--output", directory + "/out", "--json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let result = try JSONParser.parse(try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8))
        #expect(result["verdict"]?.stringValue == "crashed", "\(result.jsonText)")
        #expect(result["detail"]?.stringValue?.contains("protocol") == true)
    }
}
