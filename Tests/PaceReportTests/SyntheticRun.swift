// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceReport
import PaceStore

/// Runs made up with known properties: every sample's time is the reference's times a log-normal factor, some
/// samples fail and some are censored, and every sample carries code and generation cost.
struct SyntheticRun {
    var model: String
    var tasks = 40
    var samplesPerTask = 10
    /// Median factor by which samples are slower than the reference.
    var slowdown = 1.3
    var failRate = 0.15
    var censorRate = 0.05
    var seed: UInt64 = 1

    /// Hardness of the four levels, and the timeout factor α (ENAMEL's).
    static let hardness = [0.0, 3, 3, 4]
    static let alpha = 2.0

    func run() -> RecordedRun {
        var random = SeededRandom(seed: seed)
        var results: [SampleResult] = []
        var code: [String: String] = [:]
        for task in 0..<tasks {
            let base = 1e-5 * Double(1 + task % 7)
            for index in 0..<samplesPerTask {
                let result = sample(task: task, index: index, base: base, random: &random)
                code[result.key] =
                    "def solve(values):\n    # sample \(index) of task \(task)\n    return sorted(values)[\(index % 3)]\n"
                results.append(result)
            }
        }
        let summary = JSONValue.object([
            ("metrics", .object([("pass@1", .number("0.5"))])),
            ("complete", .bool(true)),
            ("counts", .object([("tasks", .number("\(tasks)")), ("samples", .number("\(results.count)"))])),
            (
                "dataset",
                .object([
                    ("name", .string("synthetic")), ("path", .string("/nonexistent/synthetic.csv")),
                    ("format", .string("enamel")),
                    ("sha256", .string("5e7")),
                ])
            ),
            ("samples", .object([("path", .string("/nonexistent/\(model).jsonl"))])),
            ("config", .object([("k", .array([.number("1"), .number("10")])), ("alpha", .number("2"))])),
            ("pace_version", .string("0.1.0")),
            ("host", .object([("hostname", .string("synthetic")), ("cpus", .number("2"))])),
            ("started_at", .string("2026-11-24T07:00:00Z")),
            ("duration_s", .number("42")),
        ])
        let info = RunInfo(
            summary: summary,
            key: "synthetic-\(model)-\(seed)",
            outputDirectory: "/nonexistent/\(model)",
            model: model
        )
        return RecordedRun(info: info, results: results, code: code)
    }

    /// A report run with a reference program for every task.
    func reportRun() -> ReportRun {
        let run = run()
        let references = Dictionary(
            uniqueKeysWithValues: (0..<tasks).map { task in
                ("Synthetic/\(task)", "def solve(values):\n    # reference for task \(task)\n    return min(values)\n")
            }
        )
        return ReportRun(run: run, references: references)
    }

    private func sample(task: Int, index: Int, base: Double, random: inout SeededRandom) -> SampleResult {
        let taskID = "Synthetic/\(task)"
        let references = (0..<4).map { base * pow(10, Double($0)) }
        let timeout = SyntheticRun.alpha * references[3]
        let cost: [(String, JSONValue)] = [
            ("model", .string(model)),
            (
                "usage",
                .object([
                    ("prompt_tokens", .number("120")),
                    ("completion_tokens", .number("\(80 + random.index(below: 200))")),
                ])
            ),
            ("latency_s", .number("\(0.5 + Double(random.index(below: 2000)) / 1000)")),
            ("cost_usd", .number("0.00\(1 + random.index(below: 9))")),
        ]
        let draw = Double(random.next() >> 11) / Double(1 << 53)
        if draw < failRate {
            return SampleResult(
                taskID: taskID,
                sampleIndex: index,
                origin: "synthetic:\(index)",
                verdict: Verdict(.failed, detail: "wrong output: 42", input: "[[3, 1, 2]]", testsRun: 3),
                efficiency: EfficiencyResult(
                    score: 0,
                    levels: [],
                    censoredLevel: nil,
                    censorReason: nil,
                    timeoutSeconds: timeout
                ),
                durationSeconds: 0.2,
                extra: cost
            )
        }
        let censorAt: Int? = draw < failRate + censorRate ? 2 : nil
        let ratio = slowdown * exp(0.4 * normal(&random))
        var levels: [LevelEfficiency] = []
        for level in 0..<4 {
            if let censorAt, level >= censorAt {
                levels.append(
                    LevelEfficiency(
                        level: level,
                        efficiency: 0,
                        sampleSeconds: nil,
                        referenceSeconds: nil,
                        calibratedReferenceSeconds: references[level]
                    )
                )
                continue
            }
            let paired = references[level] * (1 + 0.05 * normal(&random))
            let seconds = ratio * paired
            let effective = seconds / paired * references[level]
            let efficiency =
                SyntheticRun.hardness[level] > 0 ? max(0, timeout - effective) / (timeout - references[level]) : 0
            levels.append(
                LevelEfficiency(
                    level: level,
                    efficiency: efficiency,
                    sampleSeconds: seconds,
                    referenceSeconds: paired,
                    calibratedReferenceSeconds: references[level]
                )
            )
        }
        let weighted = zip(levels, SyntheticRun.hardness).reduce(0) { $0 + $1.0.efficiency * $1.1 }
        let efficiency = EfficiencyResult(
            score: weighted / SyntheticRun.hardness.reduce(0, +),
            levels: levels,
            censoredLevel: censorAt,
            censorReason: censorAt == nil ? nil : "timeout",
            timeoutSeconds: timeout
        )
        return SampleResult(
            taskID: taskID,
            sampleIndex: index,
            origin: "synthetic:\(index)",
            verdict: Verdict(.passed, testsRun: 20),
            efficiency: efficiency,
            durationSeconds: 0.4,
            extra: cost
        )
    }

    private func normal(_ random: inout SeededRandom) -> Double {
        let u = (Double(random.next() >> 11) + 0.5) / Double(1 << 53)
        let v = Double(random.next() >> 11) / Double(1 << 53)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// Writes the run as `pace evaluate` would have: `summary.json`, `run.json` and `results.jsonl`.
    static func write(_ run: RecordedRun, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data((run.info.summary.jsonText + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/summary.json"))
        try Data("{\"key\":\"\(run.info.key)\"}\n".utf8).write(to: URL(fileURLWithPath: directory + "/run.json"))
        let lines = run.results.map { $0.json.jsonText + "\n" }.joined()
        try Data(lines.utf8).write(to: URL(fileURLWithPath: directory + "/results.jsonl"))
    }

    /// A fresh scratch directory.
    static func scratchDirectory(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "pace-report-tests-\(safe)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
