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

    @Test("long outputs (a 50,000-number list, a 100,000-character string, 20,000 pairs) are judged by digests: right ones pass (equal floats for ints too, the pairs through the judge with the expected text computed again), a list subclass, one wrong number, character or pair fail, the same with the cache mapped from disk")
    func longOutputs() throws {
        let directory = PaceBinary.scratch("long-outputs")
        let canonical = """
                if kind == "pairs":
                    return [[i, i / 2] for i in range(n)]
                if kind == "list":
                    return [i // 2 if i % 2 else i / 2 for i in range(n)]
                return "ab" * (n // 2)

            """
        let task = JSONValue.object([
            ("task_id", .string("Long/0")),
            ("prompt", .string("def make(n, kind):\n    \"\"\"A long list of ints and floats, or a long string.\"\"\"\n")),
            ("canonical_solution", .string(canonical)),
            ("entry_point", .string("make")),
            ("test", .string("")),
            ("base_input", .array([.array([.number("50000"), .string("list")])])),
            ("plus_input", .array([
                .array([.number("100000"), .string("str")]), .array([.number("9"), .string("list")]),
                .array([.number("20000"), .string("pairs")]),
            ])),
            ("atol", .number("0")),
        ])
        PaceBinary.write(task.jsonText + "\n", to: directory + "/dataset.jsonl")
        let samples: [(String, String)] = [
            ("right", """
                def make(n, kind):
                    if kind == "pairs":
                        return [[i, i / 2] for i in range(n)]
                    if kind == "str":
                        return "".join("ab" for _ in range(n // 2))
                    out = []
                    for i in range(n):
                        out.append(i // 2 if i % 2 else i / 2)
                    return out
                """),
            // Equal values of other types (4.0 for 4): a number list's digest is by value, so it matches; the pairs'
            // digest is of their text, so the judge compares them with the expected text (too long to have been
            // kept: the canonical solution runs again for it) and, as EvalPlus's == does, accepts them.
            ("equal_as_floats", """
                def make(n, kind):
                    if kind == "pairs":
                        return [[float(i), i / 2] for i in range(n)]
                    if kind == "list":
                        return [float(i // 2 if i % 2 else i / 2) for i in range(n)]
                    return "ab" * (n // 2)
                """),
            ("subclass", """
                class Numbers(list):
                    pass
                def make(n, kind):
                    if kind == "pairs":
                        return [[i, i / 2] for i in range(n)]
                    if kind == "list":
                        return Numbers(i // 2 if i % 2 else i / 2 for i in range(n))
                    return "ab" * (n // 2)
                """),
            ("one_number_wrong", """
                def make(n, kind):
                    if kind == "list":
                        out = [i // 2 if i % 2 else i / 2 for i in range(n)]
                        out[-1] += 1
                        return out
                    return "ab" * (n // 2)
                """),
            ("one_character_wrong", """
                def make(n, kind):
                    if kind == "list":
                        return [i // 2 if i % 2 else i / 2 for i in range(n)]
                    return "ab" * (n // 2 - 1) + "ac"
                """),
            ("one_pair_wrong", """
                def make(n, kind):
                    if kind == "pairs":
                        return [[i, i / 2] for i in range(n - 1)] + [[n, n]]
                    if kind == "list":
                        return [i // 2 if i % 2 else i / 2 for i in range(n)]
                    return "ab" * (n // 2)
                """),
        ]
        let lines = samples.map { name, code in
            JSONValue.object([("task_id", .string("Long/0")), ("solution", .string(code)), ("name", .string(name))]).jsonText
        }
        PaceBinary.write(lines.joined(separator: "\n") + "\n", to: directory + "/samples.jsonl")
        let cache = directory + "/cache"
        for run in ["computed", "cached"] {
            let output = try PaceBinary.run([
                "evaluate", "--dataset", directory + "/dataset.jsonl", "--samples", directory + "/samples.jsonl",
                "--output", directory + "/out-" + run, "--jobs", "2",
            ], environment: ["PACE_CACHE_DIR": cache])
            #expect(output.status == 0, "\(run): \(output.stderr)")
            let text = try String(contentsOfFile: directory + "/out-\(run)/results.jsonl", encoding: .utf8)
            var verdicts: [String: JSONValue] = [:]
            for line in text.split(separator: "\n") {
                let result = try JSONParser.parse(String(line))
                verdicts[result.at("extra", "name")?.stringValue ?? "?"] = result
            }
            #expect(verdicts["right"]?["verdict"]?.stringValue == "passed", "\(run): \(verdicts["right"]?.jsonText ?? "")")
            #expect(verdicts["equal_as_floats"]?["verdict"]?.stringValue == "passed", "\(run): \(verdicts["equal_as_floats"]?.jsonText ?? "")")
            #expect(verdicts["subclass"]?["verdict"]?.stringValue == "failed", "\(run)")
            #expect(verdicts["one_number_wrong"]?["verdict"]?.stringValue == "failed", "\(run)")
            #expect(verdicts["one_number_wrong"]?.at("suites", "base", "verdict")?.stringValue == "failed", "\(run)")
            #expect(verdicts["one_character_wrong"]?["verdict"]?.stringValue == "failed", "\(run)")
            #expect(verdicts["one_character_wrong"]?.at("suites", "base", "verdict")?.stringValue == "passed", "\(run)")
            #expect(verdicts["one_pair_wrong"]?.at("suites", "plus", "verdict")?.stringValue == "failed", "\(run)")
            #expect(verdicts["one_pair_wrong"]?.at("suites", "plus", "tests_run")?.intValue == 3, "\(run)")
            #expect(verdicts["one_pair_wrong"]?["detail"]?.stringValue?.hasPrefix("wrong output") == true, "\(run)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: cache + "/expected")
        #expect(files.contains { $0.hasSuffix(".lines") }, "\(files)")
    }
}
