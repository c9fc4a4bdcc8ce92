// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets

// MARK: - Seeds

/// Good inputs for the fuzzer to damage: small hand-written files with multi-byte characters, escapes and blank
/// lines, and slices of the real datasets in ../shared/data.
enum FuzzSeeds {
    static let humanEval = #"""
        {"task_id": "T/0", "prompt": "def f(x):\n    \"\"\"Gibt x zurück → x ✓ 🙂\"\"\"\n", "canonical_solution": "    return x\n", "test": "def check(c):\n    assert c(1) == 1\n", "entry_point": "f"}
        {"task_id": "T/1", "prompt": "def g(s):\n", "canonical_solution": "    return s[::-1]\n", "test": "def check(c):\n    assert c('ab') == 'ba'\n", "entry_point": "g", "extra": [1, 2.5e3, -0, null, true, {"k": "v"}]}

        {"task_id": "T/2", "prompt": "def h():\n", "canonical_solution": "    return \"\u00e9\"\n", "test": "def check(c):\n    assert c() == 'é'\n", "entry_point": "h"}
        """#

    static let enamel = #"""
        task_id,prompt,input_generator,input_levels,reference_solution,checker,entry_point
        T/0,"def f(x):
            """"""Doc with ""quotes"", commas, é → ✓""""""","def generate_input(size, lid, cid):
            return [size]",1 10 100,"    return x",,f
        T/1,def g(s):,"def generate_input(size, lid, cid):
            return ['a' * size]",1 2,"    return s[::-1]","def __check(a, b):
            return a == b",g

        """#

    static let samples = #"""
        {"task_id": "T/0", "completion": "    return x\n", "model": "m1", "temperature": 0.2}
        {"task_id": "T/0", "solution": "def f(x):\n    return x  # é → ✓\n"}

        {"task_id": "HumanEval/1", "solution": null, "completion": "    pass\n", "meta": {"tokens": [1, 2]}}
        """#

    /// The tasks sample files are read against.
    static let tasks = ["HumanEval/0", "HumanEval/1", "HumanEval/2", "T/0"].enumerated().map {
        BenchmarkTask(id: $0.element, index: $0.offset, prompt: "def f(x):\n", entryPoint: "f")
    }

    static let miniPath = sharedData + "/humanevalplus/HumanEvalPlus-Mini.jsonl.gz"
    static let pacePath = (PaceBenchReader.bundledPath ?? "") + "/count_primes"

    /// The first `count` lines of HumanEvalPlus-Mini, gunzipped.
    static func miniLines(_ count: Int) -> [UInt8] {
        let lines = ((try? FileReading.bytes(of: miniPath)) ?? []).split(separator: 0x0A).prefix(count)
        return lines.isEmpty ? [] : Array(lines.joined(separator: [0x0A])) + [0x0A]
    }

    /// The header and first three rows of ENAMEL's CSV.
    static func enamelRows() -> [UInt8] {
        let text = (try? String(contentsOfFile: sharedData + "/enamel/enamel.csv", encoding: .utf8)) ?? ""
        return Array((text.range(of: "\nHumanEval/3,").map { text[..<$0.upperBound].dropLast(12) } ?? "").utf8)
    }

    /// ENAMEL's JSON for the first three problems, one program list per line: as a list and keyed by index.
    static func enamelJSON() -> [[UInt8]] {
        let file = FileManager.default.contents(atPath: sharedData + "/enamel/humaneval-canonical.json") ?? Data()
        let lists = (try? JSONParser.parse(bytes: [UInt8](file)))?.arrayValue?.prefix(3).map(\.jsonText) ?? []
        guard !lists.isEmpty else { return [] }
        let keyed = lists.enumerated().map { "\"\($0.offset * 2)\": \($0.element)" }
        let list = "[\n" + lists.joined(separator: ",\n") + "\n]\n"
        let object = "{\n" + keyed.joined(separator: ",\n") + "\n}\n"
        return [Array(list.utf8), Array(object.utf8)]
    }

    static func file(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }
}

// MARK: - Targets

extension FuzzTarget {
    /// Every reader under fuzzing, built once.
    static let all: [Kind: FuzzTarget] = Dictionary(uniqueKeysWithValues: Kind.allCases.map { ($0, make($0)) })

    private static func make(_ kind: Kind) -> FuzzTarget {
        let json = Mutation.text + [.wrongType]
        switch kind {
        case .humanEval:
            return FuzzTarget(
                kind: kind,
                seeds: [Array(FuzzSeeds.humanEval.utf8), FuzzSeeds.miniLines(3)].map {
                    Seed(file: "fuzz.jsonl", bytes: $0)
                },
                mutations: json,
                read: { try Dataset.load($0).tasks.count }
            )
        case .humanEvalPlusGzip:
            return FuzzTarget(
                kind: kind,
                seeds: [Seed(file: "fuzz.jsonl.gz", bytes: FuzzSeeds.miniLines(3))],
                mutations: Mutation.gzip + [.truncate, .flip, .nul, .crlf, .invalidUTF8, .wrongType],
                compressed: FuzzSeeds.file(FuzzSeeds.miniPath),
                read: { try HumanEvalReader.read(path: $0, plus: true).count }
            )
        case .enamelCSV:
            return FuzzTarget(
                kind: kind,
                seeds: [Array(FuzzSeeds.enamel.utf8), FuzzSeeds.enamelRows()].map { Seed(file: "fuzz.csv", bytes: $0) },
                mutations: Mutation.text + [.quote, .column],
                read: { try EnamelReader.read(path: $0).count }
            )
        case .paceDirectory:
            return FuzzTarget(
                kind: kind,
                seeds: ["task.json", "tests.json"].map {
                    Seed(file: "t/" + $0, bytes: FuzzSeeds.file(FuzzSeeds.pacePath + "/" + $0))
                },
                mutations: json,
                lineBased: false,
                template: FuzzSeeds.pacePath,
                read: { try Dataset.load($0).tasks.count + PaceBenchReader.samples(path: $0).count },
                readsDirectory: true
            )
        case .samples:
            return FuzzTarget(
                kind: kind,
                seeds: ([Array(FuzzSeeds.samples.utf8)] + FuzzSeeds.enamelJSON()).map {
                    Seed(file: "samples.json", bytes: $0)
                },
                mutations: json,
                read: { try SampleReader.read(path: $0, tasks: FuzzSeeds.tasks, skipUnknown: true).samples.count }
            )
        }
    }
}
