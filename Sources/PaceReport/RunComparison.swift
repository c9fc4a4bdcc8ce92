// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceStore

/// One task's scores in both runs of a comparison.
public struct TaskDifference: Sendable, Hashable {
    /// The task.
    public var taskID: String
    /// pass@1 in A and B.
    public var passA: Double
    public var passB: Double
    /// eff@1 in A and B, when both runs scored efficiency.
    public var efficiencyA: Double?
    public var efficiencyB: Double?

    /// B − A on eff@1 when both have it, else on pass@1.
    public var difference: Double {
        if let efficiencyA, let efficiencyB { return efficiencyB - efficiencyA }
        return passB - passA
    }
}

/// A paired comparison of run B against run A on the tasks both cover: pass@1 and eff@1 differences with
/// bootstrap intervals and sign-flip tests, and the tasks that moved most.
public struct RunComparison: Sendable {
    /// The baseline.
    public var a: ReportRun
    /// The candidate.
    public var b: ReportRun
    /// Tasks in both runs, in order.
    public var commonTasks: [String]
    /// Tasks only one run covers (left out of the comparison).
    public var onlyInA: Int
    public var onlyInB: Int
    /// pass@1: A and B on the common tasks, and the paired comparison of B − A.
    public var passA: Double
    public var passB: Double
    public var pass: PairedComparison
    /// eff@1, when both runs scored efficiency.
    public var efficiencyA: Double?
    public var efficiencyB: Double?
    public var efficiency: PairedComparison?
    /// Every common task, largest absolute difference first.
    public var tasks: [TaskDifference]

    /// Compares `b` against `a`.
    ///
    /// - Throws: ``ReportError`` with code `noCommonTasks` when the runs share no task.
    public init(a: ReportRun, b: ReportRun, bootstrap: Bootstrap = Bootstrap(), permutations: Int = 10_000)
        throws(ReportError)
    {
        self.a = a
        self.b = b
        let outcomesA = Dictionary(
            TaskOutcome.group(a.run.results).map { ($0.taskID, $0) },
            uniquingKeysWith: { x, _ in x }
        )
        let outcomesB = Dictionary(
            TaskOutcome.group(b.run.results).map { ($0.taskID, $0) },
            uniquingKeysWith: { x, _ in x }
        )
        commonTasks = outcomesA.keys.filter { outcomesB[$0] != nil }.sorted()
        onlyInA = outcomesA.count - commonTasks.count
        onlyInB = outcomesB.count - commonTasks.count
        guard !commonTasks.isEmpty else {
            throw ReportError(
                .noCommonTasks,
                "\(a.label) and \(b.label) share no task; were they run on the same dataset?"
            )
        }
        let left = commonTasks.compactMap { outcomesA[$0] }
        let right = commonTasks.compactMap { outcomesB[$0] }
        let passLeft = left.map(\.passRate)
        let passRight = right.map(\.passRate)
        passA = Estimators.mean(passLeft)
        passB = Estimators.mean(passRight)
        pass = PairedComparison(a: passLeft, b: passRight, bootstrap: bootstrap, permutations: permutations)
        let effLeft = left.compactMap(\.meanEfficiency)
        let effRight = right.compactMap(\.meanEfficiency)
        let bothEfficient = effLeft.count == left.count && effRight.count == right.count
        if bothEfficient {
            efficiencyA = Estimators.mean(effLeft)
            efficiencyB = Estimators.mean(effRight)
            efficiency = PairedComparison(a: effLeft, b: effRight, bootstrap: bootstrap, permutations: permutations)
        }
        tasks = zip(left, right).map { x, y in
            TaskDifference(
                taskID: x.taskID,
                passA: x.passRate,
                passB: y.passRate,
                efficiencyA: bothEfficient ? x.meanEfficiency : nil,
                efficiencyB: bothEfficient ? y.meanEfficiency : nil
            )
        }
        .sorted { (abs($0.difference), $1.taskID) > (abs($1.difference), $0.taskID) }
    }

    /// Whether the datasets of the two runs differ (by SHA-256), which makes the comparison suspect.
    public var datasetsDiffer: Bool {
        a.run.info.datasetSHA256 != b.run.info.datasetSHA256
    }

    /// The metrics on which B is significantly worse than A at level `alpha`, by name (`pass@1`, `eff@1`).
    public func regressions(alpha: Double) -> [String] {
        var names: [String] = []
        if pass.isSignificantlyWorse(alpha: alpha) { names.append("pass@1") }
        if let efficiency, efficiency.isSignificantlyWorse(alpha: alpha) { names.append("eff@1") }
        return names
    }

    /// The compared metrics: name, A's value, B's value and the paired comparison.
    public var rows: [(name: String, a: Double, b: Double, comparison: PairedComparison)] {
        var rows = [(name: "pass@1", a: passA, b: passB, comparison: pass)]
        if let efficiency, let efficiencyA, let efficiencyB {
            rows.append((name: "eff@1", a: efficiencyA, b: efficiencyB, comparison: efficiency))
        }
        return rows
    }
}
