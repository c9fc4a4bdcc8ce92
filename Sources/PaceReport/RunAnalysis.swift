// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceStore

/// A run with what a report shows beside its results: a display label, reference solutions and loading notes.
public struct ReportRun: Sendable {
    /// The run and its sample code.
    public var run: RecordedRun
    /// How the run is named in tables and legends.
    public var label: String
    /// Each task's reference program, by task id, when the dataset could be loaded.
    public var references: [String: String]
    /// What could not be loaded (the dataset moved, the samples file is gone), shown in the report.
    public var notes: [String]

    /// Creates a report run.
    public init(run: RecordedRun, label: String? = nil, references: [String: String] = [:], notes: [String] = []) {
        self.run = run
        self.label = label ?? (run.info.id.map { "\(run.info.model) (#\($0))" } ?? run.info.model)
        self.references = references
        self.notes = notes
    }
}

/// How a metric's value is written.
public enum MetricUnit: String, Sendable, Hashable {
    /// A share in [0, 1], written with three decimals.
    case fraction
    /// US dollars.
    case dollars
    /// Seconds.
    case seconds
    /// A plain number (tokens, reported metrics).
    case number
}

/// One row of the summary table: a metric's value and, where it was bootstrapped, its interval.
public struct MetricValue: Sendable, Hashable {
    /// The metric's name, for example `pass@1` or `eff@10`.
    public var name: String
    /// The value on the observed tasks.
    public var value: Double
    /// The bootstrap interval (tasks resampled); nil for values reported as-is.
    public var interval: ConfidenceInterval?
    /// How to write it.
    public var unit: MetricUnit

    /// Creates a metric value.
    public init(name: String, value: Double, interval: ConfidenceInterval?, unit: MetricUnit = .fraction) {
        self.name = name
        self.value = value
        self.interval = interval
        self.unit = unit
    }
}

/// pass@k and eff@k at one k, for the curves over k.
public struct CurvePoint: Sendable, Hashable {
    /// The budget k.
    public var k: Int
    /// pass@k with its interval.
    public var pass: Estimate
    /// eff@k with its interval, when the run scored efficiency.
    public var efficiency: Estimate?
}

/// The statistics of one run: headline metrics with bootstrap intervals, and pass@k and eff@k over k.
public struct RunAnalysis: Sendable {
    /// The run analysed.
    public var run: ReportRun
    /// Per-task outcomes, in task order (the bootstrap's units).
    public var tasks: [TaskOutcome]
    /// Each task's sample results, by task id.
    public var samplesByTask: [String: [SampleResult]]
    /// Whether the run scored efficiency.
    public var hasEfficiency: Bool
    /// The headline k values: the run's requested k that every task has samples for.
    public var ks: [Int]
    /// Rows of the summary table, in display order.
    public var metrics: [MetricValue]
    /// pass@k and eff@k for k from 1 to the smallest per-task sample count (at most about 20 points).
    public var curve: [CurvePoint]

    /// Analyses `run`; every interval comes from the same `bootstrap` settings.
    public init(run: ReportRun, bootstrap: Bootstrap) {
        self.run = run
        let results = run.run.results
        tasks = TaskOutcome.group(results)
        samplesByTask = Dictionary(grouping: results, by: \.taskID)
        hasEfficiency = results.contains { $0.efficiency != nil }
        let smallest = tasks.map(\.samples).min() ?? 0
        let requested = (run.run.info.settings["k"]?.arrayValue ?? []).compactMap(\.intValue)
        ks = Array(Set((requested.isEmpty ? [1, 10, 100] : requested) + [1])).filter { $0 <= smallest }.sorted()
        curve = RunAnalysis.curve(tasks: tasks, efficiency: hasEfficiency, upTo: smallest, bootstrap: bootstrap)
        metrics = []  // Every stored property is set before the builders below read them.
        metrics =
            headline(bootstrap: bootstrap) + suiteMetrics(bootstrap: bootstrap) + costMetrics(bootstrap: bootstrap)
            + reportedMetrics()
    }

    /// The value of metric `name`, if the run has it.
    public subscript(metric name: String) -> MetricValue? { metrics.first { $0.name == name } }

    // MARK: - Metrics

    private func headline(bootstrap: Bootstrap) -> [MetricValue] {
        var names: [String] = []
        var columns: [[Double]] = []
        for k in ks {
            names.append("pass@\(k)")
            columns.append(tasks.map { $0.passAtK(k) })
        }
        if hasEfficiency {
            for k in ks {
                names.append("eff@\(k)")
                columns.append(tasks.map { $0.effAtK(k) ?? 0 })
            }
        }
        return zip(names, bootstrap.means(columns)).map {
            MetricValue(name: $0, value: $1.value, interval: $1.interval)
        }
    }

    /// pass@1 through each cumulative suite (`base`, `base+plus`) when the dataset has more than one.
    private func suiteMetrics(bootstrap: Bootstrap) -> [MetricValue] {
        let results = run.run.results
        let suites = results.first { !$0.suites.isEmpty }?.suites.map(\.suite).filter { $0 != "levels" } ?? []
        guard suites.count > 1 else { return [] }
        let columns = suites.map { suite in
            tasks.map { task -> Double in
                let group = samplesByTask[task.taskID] ?? []
                return Double(group.filter { $0.passed(through: suite) }.count) / Double(max(group.count, 1))
            }
        }
        return zip(suites.indices, bootstrap.means(columns)).map { position, estimate in
            let name = "pass@1 (" + suites[...position].joined(separator: "+") + ")"
            return MetricValue(name: name, value: estimate.value, interval: estimate.interval)
        }
    }

    /// Cost of a pass (dollars per passing sample, bootstrapped) and mean generation figures, when recorded.
    private func costMetrics(bootstrap: Bootstrap) -> [MetricValue] {
        let costs = run.run.results.map { GenerationCost(extra: $0.extra) }
        var rows: [MetricValue] = []
        if tasks.contains(where: { $0.costUSD != nil }) {
            let estimate = bootstrap.ratio(
                numerator: tasks.map { $0.costUSD ?? 0 },
                denominator: tasks.map { Double($0.correct) }
            )
            rows.append(
                MetricValue(name: "cost of pass", value: estimate.value, interval: estimate.interval, unit: .dollars)
            )
            let known = costs.compactMap(\.costUSD)
            rows.append(
                MetricValue(name: "cost per sample", value: Estimators.mean(known), interval: nil, unit: .dollars)
            )
        }
        let latencies = costs.compactMap(\.latencySeconds)
        if !latencies.isEmpty {
            rows.append(
                MetricValue(name: "latency (mean)", value: Estimators.mean(latencies), interval: nil, unit: .seconds)
            )
        }
        let tokens = costs.compactMap(\.completionTokens).map(Double.init)
        if !tokens.isEmpty {
            rows.append(
                MetricValue(
                    name: "completion tokens (mean)",
                    value: Estimators.mean(tokens),
                    interval: nil,
                    unit: .number
                )
            )
        }
        return rows
    }

    /// Metrics in `summary.json` that this analysis does not compute itself (for example DPE), as reported.
    private func reportedMetrics() -> [MetricValue] {
        run.run.info.summaryMetrics
            .filter { name, _ in !name.hasPrefix("pass@") && !name.hasPrefix("eff@") }
            .map { MetricValue(name: $0.0, value: $0.1, interval: nil, unit: .number) }
    }

    // MARK: - Curves

    /// The k values drawn on the curves: every k up to 20, else about 20 values spaced evenly on a log scale.
    public static func curveKs(upTo maximum: Int) -> [Int] {
        guard maximum > 20 else { return maximum < 1 ? [] : Array(1...maximum) }
        let values = (0..<20).map { step in Int(pow(Double(maximum), Double(step) / 19).rounded()) }
        return Array(Set(values)).filter { $0 >= 1 && $0 <= maximum }.sorted()
    }

    private static func curve(tasks: [TaskOutcome], efficiency: Bool, upTo maximum: Int, bootstrap: Bootstrap)
        -> [CurvePoint]
    {
        let ks = curveKs(upTo: maximum)
        var columns = ks.map { k in tasks.map { $0.passAtK(k) } }
        if efficiency { columns += ks.map { k in tasks.map { $0.effAtK(k) ?? 0 } } }
        let estimates = bootstrap.means(columns)
        return ks.indices.map { i in
            CurvePoint(k: ks[i], pass: estimates[i], efficiency: efficiency ? estimates[ks.count + i] : nil)
        }
    }
}
