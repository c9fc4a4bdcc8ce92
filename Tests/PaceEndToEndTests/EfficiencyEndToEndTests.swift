// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import Testing

/// ENAMEL's censoring and scoring rules on one task written here, with hand-written samples.
@Suite("pace evaluate: efficiency scoring rules, end to end", .serialized)
struct EfficiencyEndToEndTests {
    static let reference = """
        def work(n):
            total = 0
            for i in range(n):
                total += i * i % 7
            return total
        """

    /// A Pace task directory with levels 10, 100k, 150k, 200k (the reference takes ~15 ms on the last), so that a
    /// 10× slower sample is far past α·T already on level 1.
    static func makeTask(in directory: String, name: String = "work") throws {
        let task = directory + "/tasks/" + name
        try FileManager.default.createDirectory(atPath: task, withIntermediateDirectories: true)
        PaceBinary.write(#"{"task_id": "t/\#(name)", "entry_point": "work", "input_levels": [10, 100000, 150000, 200000], "n_tests": [2, 1, 1, 1]}"#, to: task + "/task.json")
        PaceBinary.write("def work(n):\n    \"\"\"Sum of i*i % 7 for i below n.\"\"\"\n", to: task + "/prompt.py")
        PaceBinary.write(reference + "\n", to: task + "/reference.py")
        PaceBinary.write("import random\n\ndef generate_input(size, lid, cid):\n    return (size + cid,)\n", to: task + "/generator.py")
        PaceBinary.write(#"[{"input": [150], "output": 299}]"#, to: task + "/tests.json")
    }

    static let samples: [(String, String)] = [
        ("copy", reference),
        ("ten_times_slower", """
            def work(n):
                for _ in range(10):
                    total = 0
                    for i in range(n):
                        total += i * i % 7
                return total
            """),
        ("timeout_on_last_level", """
            def work(n):
                while n >= 200000:
                    try:
                        pass
                    except BaseException:
                        pass
                total = 0
                for i in range(n):
                    total += i * i % 7
                return total
            """),
        ("wrong_on_level_0", """
            def work(n):
                if n < 100:
                    return -1
                total = 0
                for i in range(n):
                    total += i * i % 7
                return total
            """),
        ("wrong_on_level_3", """
            def work(n):
                total = 0
                for i in range(n):
                    total += i * i % 7
                return total + (1 if n >= 200000 else 0)
            """),
    ]

    /// With `ownTasks`, every sample is the only one of a copy of the task, so that each run is its task's first and
    /// makes the calibration itself (the rules are then applied to its record afterwards; `--recalibrate`, so that a
    /// cached calibration from an earlier test run is not used): the same verdicts.
    @Test(
        "exact copy, 10× slower, timeout on the last level, wrong on level 0, wrong on level 3",
        arguments: [false, true]
    )
    func censoringAndScoring(ownTasks: Bool) throws {
        let directory = PaceBinary.scratch(ownTasks ? "efficiency-own-tasks" : "efficiency")
        for (name, _) in ownTasks ? Self.samples : [("work", "")] { try Self.makeTask(in: directory, name: name) }
        let lines = Self.samples.map { name, code in
            JSONValue.object([("task_id", .string("t/" + (ownTasks ? name : "work"))), ("solution", .string(code)), ("name", .string(name))]).jsonText
        }
        PaceBinary.write(lines.joined(separator: "\n") + "\n", to: directory + "/samples.jsonl")
        let output = try PaceBinary.run([
            "evaluate", "--dataset", directory + "/tasks", "--samples", directory + "/samples.jsonl", "--output", directory + "/out",
            "--repetitions", "3", "--tolerance", "0.02", "--meter", "cpu", "--k", "1", "--json",
        ] + (ownTasks ? ["--recalibrate"] : []), environment: ownTasks ? ["PACE_CACHE_DIR": directory + "/cache"] : [:])
        #expect(output.status == 0, "\(output.stderr)")
        let results = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8)
            .split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
        var byName: [String: JSONValue] = [:]
        for result in results { byName[result.at("extra", "name")?.stringValue ?? "?"] = result }
        func score(_ name: String) -> Double { byName[name]?.at("efficiency", "score")?.doubleValue ?? -1 }
        func levels(_ name: String) -> [Double] {
            (byName[name]?.at("efficiency", "levels")?.arrayValue ?? []).compactMap { $0["efficiency"]?.doubleValue }
        }

        // An exact copy of the reference scores about 1 and is never censored.
        #expect(byName["copy"]?["verdict"]?.stringValue == "passed")
        #expect(byName["copy"]?.at("efficiency", "censored_level") == .null)
        #expect(score("copy") > 0.6 && score("copy") < 1.4, "copy scored \(score("copy"))")

        // 10× slower: already past α·T on level 1, so levels 1–3 are censored; it still passes.
        #expect(byName["ten_times_slower"]?["verdict"]?.stringValue == "passed")
        #expect(byName["ten_times_slower"]?.at("efficiency", "censored_level")?.intValue == 1)
        #expect(byName["ten_times_slower"]?.at("efficiency", "censor_reason")?.stringValue == "timeout")
        #expect(score("ten_times_slower") == 0)

        // Timeout on the last level only: level 3 is censored to 0, levels 1–2 keep their scores.
        let last = levels("timeout_on_last_level")
        #expect(byName["timeout_on_last_level"]?["verdict"]?.stringValue == "passed")
        #expect(byName["timeout_on_last_level"]?.at("efficiency", "censored_level")?.intValue == 3)
        #expect(last.count == 4 && last[3] == 0 && last[1] > 0.5 && last[2] > 0.5)
        #expect(abs(score("timeout_on_last_level") - (3 * last[1] + 3 * last[2]) / 10) < 1e-9)

        // A wrong answer on level 0 or level 3 fails the sample and zeroes every level.
        for name in ["wrong_on_level_0", "wrong_on_level_3"] {
            #expect(byName[name]?["verdict"]?.stringValue == "failed")
            #expect(score(name) == 0)
        }
        #expect(byName["wrong_on_level_0"]?["detail"]?.stringValue?.contains("level 0") == true)
        #expect(byName["wrong_on_level_3"]?["detail"]?.stringValue?.contains("level 3") == true)
        // The failing input is shown as tagged JSON (made by the judge from the pickle that workers get).
        #expect(byName["wrong_on_level_0"]?["failing_input"]?.stringValue == #"{"$tuple":[10]}"#)
        #expect(byName["wrong_on_level_3"]?["failing_input"]?.stringValue == #"{"$tuple":[200000]}"#)

        if ownTasks {
            // Each run calibrated its task (and cached the calibration), except the one that failed on level 0,
            // which fails whatever the calibration would say: its task stays provisional.
            let files = FileManager.default.enumerator(atPath: directory + "/cache")?.compactMap { $0 as? String } ?? []
            let timings = files.filter { $0.contains("/timing-") && $0.hasSuffix(".json") }
            #expect(timings.count == Self.samples.count - 1, "\(timings)")
        }

        // The summary has both metrics; eff@1 is the mean of the scores.
        let summary = try #require(output.json)
        #expect(summary.at("metrics", "pass@1")?.doubleValue == 0.6)
        let mean = Self.samples.map { score($0.0) }.reduce(0, +) / 5
        #expect(abs((summary.at("metrics", "eff@1")?.doubleValue ?? -1) - mean) < 1e-6)
    }

    /// An output the same as the answer passes without the judge, except a NaN (NaN != NaN, as the judge says and
    /// ENAMEL's checkers do): a copy of a reference that returns NaN on level 1 fails there.
    @Test("an output identical to the answer passes, unless it is NaN")
    func identicalOutputs() throws {
        let directory = PaceBinary.scratch("efficiency-nan")
        let task = directory + "/tasks/nan"
        try FileManager.default.createDirectory(atPath: task, withIntermediateDirectories: true)
        let reference = "def work(n):\n    return float(\"nan\") if n > 50 else [float(n), (n, \"x\")]\n"
        PaceBinary.write(#"{"task_id": "t/nan", "entry_point": "work", "input_levels": [10, 100, 100, 100], "n_tests": [1, 1, 1, 1]}"#, to: task + "/task.json")
        PaceBinary.write("def work(n):\n    \"\"\"NaN for large n.\"\"\"\n", to: task + "/prompt.py")
        PaceBinary.write(reference, to: task + "/reference.py")
        PaceBinary.write("def generate_input(size, lid, cid):\n    return (size,)\n", to: task + "/generator.py")
        PaceBinary.write("[]", to: task + "/tests.json")
        let line = JSONValue.object([("task_id", .string("t/nan")), ("solution", .string(reference))]).jsonText
        PaceBinary.write(line + "\n", to: directory + "/samples.jsonl")
        let output = try PaceBinary.run([
            "evaluate", "--dataset", directory + "/tasks", "--samples", directory + "/samples.jsonl", "--output", directory + "/out",
            "--repetitions", "1", "--json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let result = try #require(try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8)
            .split(separator: "\n").first.map { try JSONParser.parse(String($0)) })
        #expect(result["verdict"]?.stringValue == "failed")
        #expect(result["detail"]?.stringValue?.hasPrefix("wrong output on level 1") == true, "\(result["detail"] ?? .null)")
    }

    @Test("pace demo runs the bundled benchmark and reports correctness and efficiency")
    func demo() throws {
        let output = try PaceBinary.run(["demo", "--json", "--repetitions", "1"])
        #expect(output.status == 0, "\(output.stderr.suffix(1000))")
        let summary = try #require(output.json)
        #expect((summary.at("metrics", "pass@1")?.doubleValue ?? 0) > 0.3)
        #expect((summary.at("metrics", "eff@1")?.doubleValue ?? 0) > 0.1)
        #expect((summary.at("counts", "samples")?.intValue ?? 0) >= 40)
    }
}
