// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceEvaluation
import PaceRunners
import PaceSandbox

/// The human-readable summary printed after an evaluation.
enum SummaryText {
    static func render(_ summary: EvaluationSummary) -> String {
        let board = summary.scoreboard
        var lines: [String] = []
        let dataset = summary.json["dataset"]?["name"]?.stringValue ?? "?"
        lines.append("Pace \(paceVersion) — \(dataset): \(board.sampleCount) samples over \(board.taskCount) tasks\(summary.complete ? "" : " (INCOMPLETE)")")
        if board.metrics.isEmpty {
            lines.append("  (no metric: some task has fewer samples than the smallest k)")
        }
        for (name, value) in board.metrics {
            lines.append("  \(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%.4f", value))")
        }
        for (suite, values) in board.bySuite {
            let text = values.map { "\($0.0) \(String(format: "%.4f", $0.1))" }.joined(separator: "  ")
            lines.append("  \(suite.padding(toLength: 10, withPad: " ", startingAt: 0)) \(text)")
        }
        let outcomes = board.outcomes.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
        lines.append("  verdicts: \(outcomes)")
        lines += GenerationText.costLines(summary.json)
        lines.append("  results: \(summary.outputDirectory)/results.jsonl, summary: \(summary.outputDirectory)/summary.json")
        return lines.joined(separator: "\n")
    }
}
