// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceStore

/// The spread of one task's efficiency scores, for the per-task box plot.
public struct TaskDistribution: Sendable, Hashable {
    /// The task.
    public var taskID: String
    /// Every sample's efficiency (0 for a failed one), ascending.
    public var values: [Double]
    /// Quartiles of `values`.
    public var lowerQuartile: Double
    public var median: Double
    public var upperQuartile: Double
}

/// What happened to a sample on the timing scatter.
public enum TimingStatus: String, Sendable, Hashable {
    /// Timed on every level it reached.
    case timed
    /// Cut off by the timeout (or memory limit) on a hard level: its time is at least the timeout.
    case censored
    /// Failed (wrong answer, crash, timeout on a correctness test): no time.
    case failed
}

/// One sample on the scatter of sample time against reference time, at the hardest level it reached.
public struct TimingPoint: Sendable, Hashable {
    /// The reference's time on that level, seconds (measured next to the sample when paired, else calibrated).
    public var referenceSeconds: Double
    /// The sample's time, seconds; the timeout for a censored sample; nil for a failed one.
    public var sampleSeconds: Double?
    /// Timed, censored or failed.
    public var status: TimingStatus
    /// The task, for the point's tooltip.
    public var taskID: String
}

/// A task in the "worst tasks" table, with the sample shown for it.
public struct WorstTask: Sendable, Hashable {
    /// The task's outcome (pass rate and efficiencies).
    public var outcome: TaskOutcome
    /// The sample shown: the slowest passing one (a failing one when none passed, or in a correctness-only run).
    public var sample: SampleResult
}

extension RunAnalysis {
    /// Per-task efficiency distributions, ordered by median then task id; empty when the run scored no efficiency.
    public var distributions: [TaskDistribution] {
        guard hasEfficiency else { return [] }
        return tasks.map { task in
            let values = task.efficiencies.sorted()
            return TaskDistribution(
                taskID: task.taskID,
                values: values,
                lowerQuartile: Bootstrap.quantile(values, 0.25),
                median: Bootstrap.quantile(values, 0.5),
                upperQuartile: Bootstrap.quantile(values, 0.75)
            )
        }
        .sorted { ($0.median, $0.taskID) < ($1.median, $1.taskID) }
    }

    /// One point per sample of a run that scored efficiency: the sample's time against the reference's at the
    /// hardest level it reached; censored samples at their timeout; failed ones at their task's hardest level.
    public var timingPoints: [TimingPoint] {
        guard hasEfficiency else { return [] }
        var hardestReference: [String: Double] = [:]
        for result in run.run.results {
            guard let last = result.efficiency?.levels.last?.calibratedReferenceSeconds else { continue }
            hardestReference[result.taskID] = max(hardestReference[result.taskID] ?? 0, last)
        }
        return run.run.results.compactMap { result -> TimingPoint? in
            let efficiency = result.efficiency
            let levels = efficiency?.levels ?? []
            if let censored = efficiency?.censoredLevel, let level = levels.first(where: { $0.level == censored }),
                let reference = level.calibratedReferenceSeconds
            {
                return TimingPoint(
                    referenceSeconds: reference,
                    sampleSeconds: efficiency?.timeoutSeconds,
                    status: .censored,
                    taskID: result.taskID
                )
            }
            if result.verdict.passed, let level = levels.last(where: { $0.sampleSeconds != nil }),
                let seconds = level.sampleSeconds,
                let reference = level.referenceSeconds ?? level.calibratedReferenceSeconds
            {
                return TimingPoint(
                    referenceSeconds: reference,
                    sampleSeconds: seconds,
                    status: .timed,
                    taskID: result.taskID
                )
            }
            guard !result.verdict.passed, let reference = hardestReference[result.taskID] else { return nil }
            return TimingPoint(referenceSeconds: reference, sampleSeconds: nil, status: .failed, taskID: result.taskID)
        }
    }

    /// The `count` tasks with the lowest eff@1 (or pass@1 when the run scored no efficiency), worst first.
    public func worstTasks(_ count: Int) -> [WorstTask] {
        let ranked = tasks.sorted { a, b in
            let left = (a.meanEfficiency ?? a.passRate, a.passRate)
            let right = (b.meanEfficiency ?? b.passRate, b.passRate)
            return left != right ? left < right : a.taskID < b.taskID
        }
        return ranked.prefix(count).compactMap { task in
            let samples = samplesByTask[task.taskID] ?? []
            // With efficiency: the slowest passing sample (the one to learn from), else the first failing one.
            // Without: the first failing sample.
            let efficiency = hasEfficiency
            let shown = samples.min { a, b in
                let left = (
                    a.verdict.passed == efficiency ? 0 : 1, efficiency ? a.efficiency?.score ?? 0 : 0, a.sampleIndex
                )
                let right = (
                    b.verdict.passed == efficiency ? 0 : 1, efficiency ? b.efficiency?.score ?? 0 : 0, b.sampleIndex
                )
                return left < right
            }
            return shown.map { WorstTask(outcome: task, sample: $0) }
        }
    }
}
