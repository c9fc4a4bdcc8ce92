// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceStore

/// Markdown for papers and pull requests: the summary table of one or more runs, and a comparison.
public enum MarkdownReport {
    /// The summary table: one row per metric, one column per run, intervals in brackets.
    public static func summary(_ analyses: [RunAnalysis]) -> String {
        var lines = ["| metric | " + analyses.map { cell($0.run.label) }.joined(separator: " | ") + " |"]
        lines.append("|---|" + analyses.map { _ in "---:|" }.joined())
        for name in SummaryRows.names(analyses) {
            let cells = analyses.map { analysis -> String in
                guard let metric = analysis[metric: name] else { return "—" }
                let value = Formatting.value(metric.value, unit: metric.unit)
                return metric.interval.map { "\(value) \(Formatting.interval($0, unit: metric.unit))" } ?? value
            }
            lines.append("| \(cell(name)) | " + cells.map(cell).joined(separator: " | ") + " |")
        }
        lines.append(
            "| tasks / samples | "
                + analyses.map { "\($0.tasks.count) / \($0.run.run.results.count)" }.joined(separator: " | ") + " |"
        )
        let level = Int(((analyses.first?.metrics.first?.interval?.level ?? 0.95) * 100).rounded())
        let datasets = Set(analyses.map(\.run.run.info.datasetName)).sorted().joined(separator: ", ")
        lines.append("")
        lines.append("Dataset: \(datasets). Brackets: \(level) % percentile bootstrap intervals over tasks (Pace).")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The comparison as Markdown: a table of differences and the tasks that moved most.
    public static func comparison(_ comparison: RunComparison, alpha: Double, topTasks: Int = 10) -> String {
        let level = Int((comparison.pass.difference.interval.level * 100).rounded())
        var lines = [
            "**\(comparison.b.label)** (B) against **\(comparison.a.label)** (A) on \(comparison.commonTasks.count) common tasks.",
            "",
            "| metric | A | B | B − A | \(level) % CI | p | tasks B better / worse / same |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in comparison.rows {
            let c = row.comparison
            lines.append(
                "| \(row.name) | \(String(format: "%.3f", row.a)) | \(String(format: "%.3f", row.b)) | \(Formatting.signed(c.difference.value)) | "
                    + "[\(Formatting.signed(c.difference.interval.lower)), \(Formatting.signed(c.difference.interval.upper))] | "
                    + "\(Formatting.pValue(c.pValue)) | \(c.improved) / \(c.worsened) / \(c.unchanged) |"
            )
        }
        lines.append("")
        lines.append(ComparisonText.verdict(comparison, alpha: alpha))
        let moved = comparison.tasks.prefix(topTasks).filter { $0.difference != 0 }
        if !moved.isEmpty {
            let metric = comparison.efficiency == nil ? "pass@1" : "eff@1"
            lines += [
                "", "Tasks that differ most (\(metric)):", "", "| task | A | B | B − A |", "|---|---:|---:|---:|",
            ]
            for task in moved {
                let (x, y) = ComparisonText.values(task)
                lines.append(
                    "| \(cell(task.taskID)) | \(String(format: "%.3f", x)) | \(String(format: "%.3f", y)) | \(Formatting.signed(task.difference)) |"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` safe inside a table cell.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

/// The comparison for the terminal.
public enum ComparisonText {
    /// Aligned plain text: the differences, the verdict, and the tasks that moved most.
    public static func render(_ comparison: RunComparison, alpha: Double, topTasks: Int = 10) -> String {
        var lines = [
            "A: \(comparison.a.label)   B: \(comparison.b.label)",
            "\(comparison.commonTasks.count) common tasks (only in A: \(comparison.onlyInA), only in B: \(comparison.onlyInB))",
        ]
        if comparison.datasetsDiffer {
            lines.append("warning: the runs used different dataset files (SHA-256 differs)")
        }
        let level = Int((comparison.pass.difference.interval.level * 100).rounded())
        lines.append("")
        lines.append(
            pad("metric", 8) + pad("A", 8) + pad("B", 8) + pad("B − A", 9) + pad("\(level) % CI", 20) + pad("p", 9)
                + "B better/worse/same"
        )
        for row in comparison.rows {
            let c = row.comparison
            let interval =
                "[\(Formatting.signed(c.difference.interval.lower)), \(Formatting.signed(c.difference.interval.upper))]"
            lines.append(
                pad(row.name, 8) + pad(String(format: "%.3f", row.a), 8) + pad(String(format: "%.3f", row.b), 8)
                    + pad(Formatting.signed(c.difference.value), 9) + pad(interval, 20)
                    + pad(Formatting.pValue(c.pValue), 9)
                    + "\(c.improved)/\(c.worsened)/\(c.unchanged)"
            )
        }
        lines.append("")
        lines.append(verdict(comparison, alpha: alpha))
        let moved = comparison.tasks.prefix(topTasks).filter { $0.difference != 0 }
        if !moved.isEmpty {
            lines.append("")
            lines.append("Tasks that differ most (\(comparison.efficiency == nil ? "pass@1" : "eff@1")):")
            let width = min(40, (moved.map(\.taskID.count).max() ?? 10) + 2)
            for task in moved {
                let (x, y) = values(task)
                lines.append(
                    "  " + pad(task.taskID, width) + "A " + pad(String(format: "%.3f", x), 7) + "B "
                        + pad(String(format: "%.3f", y), 7) + Formatting.signed(task.difference)
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One sentence: which metrics are significantly better or worse at `alpha`, or that none is.
    public static func verdict(_ comparison: RunComparison, alpha: Double) -> String {
        let test = comparison.pass.exact ? "exact sign-flip test" : "sign-flip test"
        var findings: [String] = []
        for row in comparison.rows where row.comparison.pValue < alpha {
            let direction = row.comparison.difference.value < 0 ? "worse" : "better"
            findings.append(
                "B is significantly \(direction) than A on \(row.name) (\(Formatting.pClause(row.comparison.pValue)))"
            )
        }
        if findings.isEmpty {
            return "No significant difference at α = \(alpha) (paired \(test) over tasks)."
        }
        return findings.joined(separator: "; ") + " at α = \(alpha) (paired \(test) over tasks)."
    }

    /// The values the task ranking uses: eff@1 when both runs have it, else pass@1.
    static func values(_ task: TaskDifference) -> (Double, Double) {
        if let a = task.efficiencyA, let b = task.efficiencyB { return (a, b) }
        return (task.passA, task.passB)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
