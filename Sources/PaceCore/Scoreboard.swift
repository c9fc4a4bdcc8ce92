// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// Benchmark-level scores from per-sample results: pass@k per suite and eff@k, averaged over tasks.
public struct Scoreboard: Sendable, Hashable {
    /// Metric name (`pass@1`, `eff@10`, …) to value, for the headline (all suites).
    public var metrics: [(String, Double)]
    /// Per cumulative suite (`base`, `base+plus`), pass@k.
    public var bySuite: [(String, [(String, Double)])]
    /// The k values that could be computed (every task has at least k samples).
    public var ks: [Int]
    public var taskCount: Int
    public var sampleCount: Int
    /// Count of samples per outcome.
    public var outcomes: [(Outcome, Int)]

    public static func == (lhs: Scoreboard, rhs: Scoreboard) -> Bool {
        lhs.metrics.map(\.0) == rhs.metrics.map(\.0) && lhs.metrics.map(\.1) == rhs.metrics.map(\.1)
            && lhs.ks == rhs.ks && lhs.taskCount == rhs.taskCount && lhs.sampleCount == rhs.sampleCount
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(metrics.map(\.0))
        hasher.combine(metrics.map(\.1))
    }

    /// Scores `results`.
    ///
    /// - Parameters:
    ///   - requestedK: The k values asked for; each is kept only where every task has at least k samples.
    ///   - suiteOrder: Suite names in dataset order, for the cumulative per-suite scores.
    ///   - efficiency: Whether eff@k is computed (tasks carry efficiency results).
    public init(results: [SampleResult], requestedK: [Int], suiteOrder: [String], efficiency: Bool) {
        var byTask: [String: [SampleResult]] = [:]
        for result in results { byTask[result.taskID, default: []].append(result) }
        let minimum = byTask.values.map(\.count).min() ?? 0
        ks = requestedK.filter { $0 >= 1 && $0 <= minimum }.sorted()
        taskCount = byTask.count
        sampleCount = results.count
        let tasks = byTask.keys.sorted()
        var metrics: [(String, Double)] = []
        for k in ks {
            let values = tasks.map { id -> Double in
                let group = byTask[id]!
                return Estimators.passAtK(n: group.count, c: group.filter(\.verdict.passed).count, k: k)
            }
            metrics.append(("pass@\(k)", Estimators.mean(values)))
        }
        if efficiency {
            for k in ks {
                let values = tasks.map { id -> Double in
                    let scores = byTask[id]!.map { $0.efficiency?.score ?? 0 }
                    return Estimators.effAtK(scores, k: k)
                }
                metrics.append(("eff@\(k)", Estimators.mean(values)))
            }
        }
        self.metrics = metrics
        var bySuite: [(String, [(String, Double)])] = []
        if suiteOrder.count > 1 {
            for (position, suite) in suiteOrder.enumerated() {
                let name = suiteOrder[...position].joined(separator: "+")
                let values = ks.map { k -> (String, Double) in
                    let perTask = tasks.map { id -> Double in
                        let group = byTask[id]!
                        return Estimators.passAtK(n: group.count, c: group.filter { $0.passed(through: suite) }.count, k: k)
                    }
                    return ("pass@\(k)", Estimators.mean(perTask))
                }
                bySuite.append((name, values))
            }
        }
        self.bySuite = bySuite
        outcomes = Outcome.allCases.map { outcome in (outcome, results.filter { $0.verdict.outcome == outcome }.count) }
            .filter { $0.1 > 0 }
    }

    /// The value of metric `name`, if computed.
    public subscript(name: String) -> Double? { metrics.first { $0.0 == name }?.1 }
}
