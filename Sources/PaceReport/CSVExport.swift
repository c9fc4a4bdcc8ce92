// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceStore

/// Per-sample results as CSV (RFC 4180): one row per sample, for spreadsheets and data frames.
public enum CSVExport {
    /// The header row's columns.
    public static let columns = [
        "run", "task_id", "sample_index", "verdict", "passed", "tests_run", "detail", "efficiency", "censored_level",
        "censor_reason", "hardest_level", "sample_s", "reference_s", "calibrated_reference_s", "timeout_s",
        "duration_s",
        "prompt_tokens", "completion_tokens", "latency_s", "cost_usd", "origin",
    ]

    /// The CSV text of every sample of `runs`, with a header row; times are for the hardest level timed.
    public static func render(_ runs: [ReportRun]) -> String {
        var out = columns.joined(separator: ",") + "\r\n"
        for run in runs {
            for result in run.run.results {
                out += row(result, run: run.label).map(field).joined(separator: ",") + "\r\n"
            }
        }
        return out
    }

    private static func row(_ result: SampleResult, run: String) -> [String] {
        let efficiency = result.efficiency
        let timed = efficiency?.levels.last { $0.sampleSeconds != nil }
        let cost = GenerationCost(extra: result.extra)
        return [
            run, result.taskID, "\(result.sampleIndex)", result.verdict.outcome.rawValue,
            result.verdict.passed ? "true" : "false",
            "\(result.verdict.testsRun)", result.verdict.detail ?? "", number(efficiency?.score),
            efficiency?.censoredLevel.map { "\($0)" } ?? "", efficiency?.censorReason ?? "",
            timed.map { "\($0.level)" } ?? "",
            number(timed?.sampleSeconds), number(timed?.referenceSeconds), number(timed?.calibratedReferenceSeconds),
            number(efficiency?.timeoutSeconds), number(result.durationSeconds), cost.promptTokens.map { "\($0)" } ?? "",
            cost.completionTokens.map { "\($0)" } ?? "", number(cost.latencySeconds), number(cost.costUSD),
            result.origin,
        ]
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return "\(value)"
    }

    /// `text` quoted when it holds a comma, quote or line break, with quotes doubled.
    static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
