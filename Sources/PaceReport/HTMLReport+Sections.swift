// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceStore

extension HTMLReport {
    /// Longest code shown per program, in characters; longer code is cut with a note.
    static let codeLimit = 12_000

    // MARK: - Summary

    func summary() -> String {
        var out = "<table id=\"summary-table\"><thead><tr><th>metric</th>"
        for analysis in analyses { out += "<th class=\"num\">\(Formatting.html(analysis.run.label))</th>" }
        out += "</tr></thead><tbody>"
        for name in SummaryRows.names(analyses) {
            out += "<tr><th scope=\"row\">\(Formatting.html(name))</th>"
            for analysis in analyses {
                guard let metric = analysis[metric: name] else {
                    out += "<td class=\"num\">—</td>"
                    continue
                }
                out += "<td class=\"num\">\(Formatting.value(metric.value, unit: metric.unit))"
                if let interval = metric.interval {
                    out += "<span class=\"ci\">\(Formatting.interval(interval, unit: metric.unit))</span>"
                }
                out += "</td>"
            }
            out += "</tr>"
        }
        out += "<tr><th scope=\"row\">tasks / samples</th>"
        for analysis in analyses {
            out += "<td class=\"num\">\(analysis.tasks.count) / \(analysis.run.run.results.count)</td>"
        }
        out += "</tr><tr><th scope=\"row\">verdicts</th>"
        for analysis in analyses { out += "<td class=\"num\">\(Formatting.html(SummaryRows.verdicts(analysis)))</td>" }
        out += "</tr></tbody></table>"
        let level = Int(((analyses.first?.metrics.first?.interval?.level ?? 0.95) * 100).rounded())
        out += "<p class=\"note\">Brackets: \(level) % percentile bootstrap intervals, resampling tasks. "
        out +=
            "Cost of pass = generation cost per passing sample. Metrics without an interval are reported as the run wrote them.</p>"
        return out
    }

    // MARK: - Worst tasks

    func worstTasks(_ analysis: RunAnalysis) -> String {
        let worst = analysis.worstTasks(worstTaskCount)
        guard !worst.isEmpty else { return "<p class=\"note\">No tasks.</p>" }
        let basis = analysis.hasEfficiency ? "lowest eff@1" : "lowest pass@1"
        var out =
            "<p class=\"note\">The \(worst.count) tasks with the \(basis), each with its slowest passing sample (a failing one where none passed) beside the reference.</p>"
        for task in worst {
            out += worstTask(task, analysis: analysis)
        }
        return out
    }

    private func worstTask(_ task: WorstTask, analysis: RunAnalysis) -> String {
        let outcome = task.outcome
        let sample = task.sample
        var facts = "pass@1 \(String(format: "%.2f", outcome.passRate)) (\(outcome.correct)/\(outcome.samples))"
        if let efficiency = outcome.meanEfficiency { facts += " · eff@1 \(String(format: "%.3f", efficiency))" }
        var out = "<article class=\"worst-task\"><h4>\(Formatting.html(outcome.taskID))</h4>"
        out += "<p class=\"facts\">\(Formatting.html(facts))</p>"
        out +=
            "<p class=\"facts\">Shown: sample #\(sample.sampleIndex) — \(Formatting.html(SampleDescription.text(sample)))</p>"
        let code = analysis.run.run.code[sample.key]
        let reference = analysis.run.references[outcome.taskID]
        out +=
            "<div class=\"code-pair\"><div><h5>Sample #\(sample.sampleIndex)</h5>\(codeBlock(code, missing: "code not available (the samples file was not found)"))</div>"
        out +=
            "<div><h5>Reference</h5>\(codeBlock(reference, missing: "reference not available (the dataset was not found)"))</div></div>"
        return out + "</article>"
    }

    private func codeBlock(_ code: String?, missing: String) -> String {
        guard var code else { return "<p class=\"note\">\(missing)</p>" }
        var note = ""
        if code.count > HTMLReport.codeLimit {
            code = String(code.prefix(HTMLReport.codeLimit))
            note = "<p class=\"note\">(cut at \(HTMLReport.codeLimit) characters)</p>"
        }
        return "<pre><code>\(Formatting.html(code))</code></pre>" + note
    }

    // MARK: - Metadata

    func metadata(_ analysis: RunAnalysis) -> String {
        let info = analysis.run.run.info
        let host = info.host["host"]
        var rows: [(String, String)] = [
            ("model", info.model),
            ("run id", info.id.map { "\($0)" } ?? "not recorded (read from its directory)"),
            ("dataset", "\(info.datasetName) (\(info.datasetFormat))"),
            ("dataset path", info.datasetPath),
            ("dataset SHA-256", info.datasetSHA256),
            ("samples", info.samplesPath),
            ("output directory", info.outputDirectory),
            ("Pace version", info.paceVersion),
            ("started", info.startedAt),
            ("duration", info.durationSeconds.map(Formatting.seconds) ?? "—"),
            ("complete", info.complete ? "yes" : "no (interrupted; resume with the same command)"),
        ]
        if let host {
            let parts = ["hostname", "os", "cpus", "python"].compactMap { key in
                host[key].map { "\(key) \($0.stringValue ?? $0.jsonText)" }
            }
            rows.append(("host", parts.joined(separator: "; ")))
        }
        if let isolation = info.host["isolation"]?.objectValue {
            rows.append(("isolation", isolation.map { "\($0.0) \($0.1.jsonText)" }.joined(separator: ", ")))
        }
        for (key, value) in info.settings.objectValue ?? [] {
            rows.append(("setting: \(key)", value.stringValue ?? value.jsonText))
        }
        for note in analysis.run.notes { rows.append(("note", note)) }
        var out = "<dl class=\"meta\">"
        for (key, value) in rows {
            out += "<dt>\(Formatting.html(key))</dt><dd>\(Formatting.html(value))</dd>"
        }
        return out + "</dl>"
    }
}

/// Shared pieces of the summary table (HTML and Markdown).
enum SummaryRows {
    /// Metric names in display order: first appearance across runs.
    static func names(_ analyses: [RunAnalysis]) -> [String] {
        var names: [String] = []
        for analysis in analyses {
            for metric in analysis.metrics where !names.contains(metric.name) { names.append(metric.name) }
        }
        return names
    }

    /// Verdict counts, most common first: `passed 120, failed 30, timeout 4`.
    static func verdicts(_ analysis: RunAnalysis) -> String {
        var counts: [Outcome: Int] = [:]
        for result in analysis.run.run.results { counts[result.verdict.outcome, default: 0] += 1 }
        return Outcome.allCases.compactMap { outcome in counts[outcome].map { "\(outcome.rawValue) \($0)" } }.joined(
            separator: ", "
        )
    }
}

/// One sample in words: its verdict, why it was censored, and how its time compares with the reference's.
enum SampleDescription {
    static func text(_ sample: SampleResult) -> String {
        var parts: [String] = [sample.verdict.outcome.rawValue]
        if let detail = sample.verdict.detail, !sample.verdict.passed {
            parts.append(Verdict.shorten(detail.replacingOccurrences(of: "\n", with: " "), to: 160))
        }
        if let efficiency = sample.efficiency {
            parts.append("efficiency \(String(format: "%.3f", efficiency.score))")
            if let level = efficiency.censoredLevel {
                parts.append("\(efficiency.censorReason ?? "censored") from level \(level)")
            }
            if let timed = efficiency.levels.last(where: { $0.sampleSeconds != nil }),
                let seconds = timed.sampleSeconds,
                let reference = timed.referenceSeconds ?? timed.calibratedReferenceSeconds, reference > 0
            {
                let ratio = seconds / reference
                let comparison =
                    ratio >= 1 ? String(format: "%.1f× slower", ratio) : String(format: "%.1f× faster", 1 / ratio)
                parts.append(
                    "level \(timed.level): \(Formatting.seconds(seconds)) vs \(Formatting.seconds(reference)) (\(comparison))"
                )
            }
        }
        return parts.joined(separator: "; ")
    }
}
