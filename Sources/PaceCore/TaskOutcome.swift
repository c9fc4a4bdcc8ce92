// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// One task's samples reduced to what per-task scores need; the unit that bootstrap intervals and paired
/// comparisons resample.
public struct TaskOutcome: Sendable, Hashable {
    /// The task.
    public var taskID: String
    /// Samples evaluated (n).
    public var samples: Int
    /// Samples that passed (c).
    public var correct: Int
    /// Every sample's efficiency score (0 for a failed or unmeasured one); empty when the run scored no efficiency.
    public var efficiencies: [Double]
    /// Generation cost in US dollars summed over the samples that report one; nil when none does.
    public var costUSD: Double?

    /// Creates a task outcome.
    public init(taskID: String, samples: Int, correct: Int, efficiencies: [Double] = [], costUSD: Double? = nil) {
        self.taskID = taskID
        self.samples = samples
        self.correct = correct
        self.efficiencies = efficiencies
        self.costUSD = costUSD
    }

    /// The unbiased pass@k of this task (k ≤ n).
    public func passAtK(_ k: Int) -> Double {
        Estimators.passAtK(n: samples, c: correct, k: k)
    }

    /// The unbiased eff@k of this task (k ≤ n), or nil when the run scored no efficiency.
    public func effAtK(_ k: Int) -> Double? {
        efficiencies.isEmpty ? nil : Estimators.effAtK(efficiencies, k: k)
    }

    /// pass@1: the share of samples that passed.
    public var passRate: Double { Double(correct) / Double(samples) }

    /// eff@1: the mean efficiency, or nil when the run scored no efficiency.
    public var meanEfficiency: Double? { efficiencies.isEmpty ? nil : Estimators.mean(efficiencies) }

    /// Groups results by task, in task-id order.
    ///
    /// Efficiency is kept for every task when any result carries an efficiency result (a missing one counts as 0,
    /// as in ``Scoreboard``).
    public static func group(_ results: [SampleResult]) -> [TaskOutcome] {
        let efficiency = results.contains { $0.efficiency != nil }
        var byTask: [String: [SampleResult]] = [:]
        for result in results { byTask[result.taskID, default: []].append(result) }
        return byTask.keys.sorted().map { id in
            let group = byTask[id] ?? []
            let costs = group.compactMap { GenerationCost(extra: $0.extra).costUSD }
            return TaskOutcome(
                taskID: id,
                samples: group.count,
                correct: group.filter(\.verdict.passed).count,
                efficiencies: efficiency ? group.map { $0.efficiency?.score ?? 0 } : [],
                costUSD: costs.isEmpty ? nil : costs.reduce(0, +)
            )
        }
    }
}
