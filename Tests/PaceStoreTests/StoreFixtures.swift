// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceStore

/// Small runs and scratch directories for the store tests.
enum StoreFixtures {
    /// A fresh empty directory under the system's temporary directory.
    static func scratchDirectory(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "pace-store-tests-\(safe)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A `summary.json` as `pace evaluate` writes it.
    static func summary(model: String = "fixture", tasks: Int, samples: Int) -> JSONValue {
        .object([
            ("metrics", .object([("pass@1", .number("0.5")), ("eff@1", .number("0.25")), ("dpe", .number("61.5"))])),
            ("complete", .bool(true)),
            ("counts", .object([("tasks", .number("\(tasks)")), ("samples", .number("\(samples)"))])),
            (
                "dataset",
                .object([
                    ("name", .string("fixture-set")), ("path", .string("/data/fixture.jsonl")),
                    ("format", .string("humaneval")),
                    ("sha256", .string("abc123")),
                ])
            ),
            ("samples", .object([("path", .string("/data/\(model).jsonl"))])),
            ("config", .object([("k", .array([.number("1")])), ("alpha", .number("2"))])),
            ("pace_version", .string("0.1.0")),
            ("host", .object([("hostname", .string("test")), ("cpus", .number("2"))])),
            ("isolation", .object([("network_namespace", .bool(true))])),
            ("started_at", .string("2026-11-24T07:00:00Z")),
            ("duration_s", .number("12.5")),
        ])
    }

    /// Four results over two tasks: a timed pass, a censored pass, a wrong answer, and a pass with generation cost.
    static func results() -> [SampleResult] {
        let timed = EfficiencyResult(
            score: 0.8,
            levels: [
                LevelEfficiency(
                    level: 0,
                    efficiency: 0,
                    sampleSeconds: 0.001,
                    referenceSeconds: nil,
                    calibratedReferenceSeconds: 0.001
                ),
                LevelEfficiency(
                    level: 1,
                    efficiency: 0.8,
                    sampleSeconds: 0.12,
                    referenceSeconds: 0.1,
                    calibratedReferenceSeconds: 0.11
                ),
            ],
            censoredLevel: nil,
            censorReason: nil,
            timeoutSeconds: 0.5
        )
        let censored = EfficiencyResult(
            score: 0.1,
            levels: [
                LevelEfficiency(
                    level: 1,
                    efficiency: 0,
                    sampleSeconds: nil,
                    referenceSeconds: nil,
                    calibratedReferenceSeconds: 0.11
                )
            ],
            censoredLevel: 1,
            censorReason: "timeout",
            timeoutSeconds: 0.5
        )
        let cost: [(String, JSONValue)] = [
            ("model", .string("fixture")),
            ("usage", .object([("prompt_tokens", .number("100")), ("completion_tokens", .number("42"))])),
            ("latency_s", .number("1.25")),
            ("cost_usd", .number("0.0031")),
        ]
        return [
            SampleResult(
                taskID: "T/0",
                sampleIndex: 0,
                origin: "s.jsonl:1",
                verdict: Verdict(.passed, testsRun: 5),
                suites: [SuiteVerdict(suite: "base", verdict: Verdict(.passed, testsRun: 5))],
                efficiency: timed,
                durationSeconds: 1.5
            ),
            SampleResult(
                taskID: "T/0",
                sampleIndex: 1,
                origin: "s.jsonl:2",
                verdict: Verdict(.passed, testsRun: 9),
                efficiency: censored,
                durationSeconds: 2.25
            ),
            SampleResult(
                taskID: "T/1",
                sampleIndex: 0,
                origin: "s.jsonl:3",
                verdict: Verdict(.failed, detail: "wrong output: 3", input: "[1, 2]", testsRun: 2),
                suites: [
                    SuiteVerdict(suite: "base", verdict: Verdict(.passed, testsRun: 1)),
                    SuiteVerdict(
                        suite: "plus",
                        verdict: Verdict(.failed, detail: "wrong output: 3", input: "[1, 2]", testsRun: 1)
                    ),
                ],
                efficiency: EfficiencyResult(
                    score: 0,
                    levels: [],
                    censoredLevel: nil,
                    censorReason: nil,
                    timeoutSeconds: 0.5
                ),
                durationSeconds: 0.5
            ),
            SampleResult(
                taskID: "T/1",
                sampleIndex: 1,
                origin: "s.jsonl:4",
                verdict: Verdict(.passed, testsRun: 3),
                efficiency: timed,
                durationSeconds: 0.75,
                extra: cost
            ),
        ]
    }

    /// A recorded run of ``results()`` with code for every sample.
    static func run(key: String = "key-1", model: String = "fixture") -> RecordedRun {
        let results = results()
        var info = RunInfo(
            summary: summary(model: model, tasks: 2, samples: results.count),
            key: key,
            outputDirectory: "/out/\(key)",
            model: model
        )
        info.datasetPath = "/data/fixture.jsonl"
        let code = Dictionary(
            uniqueKeysWithValues: results.map { ($0.key, "def f():\n    return \($0.sampleIndex)\n") }
        )
        return RecordedRun(info: info, results: results, code: code)
    }

    /// The results as their `results.jsonl` lines, sorted: equal sets of results give equal lists.
    static func lines(_ results: [SampleResult]) -> [String] {
        results.map(\.json.jsonText).sorted()
    }
}
