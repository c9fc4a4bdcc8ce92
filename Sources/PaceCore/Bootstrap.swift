// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Hashable {
    /// The lower end.
    public var lower: Double
    /// The upper end.
    public var upper: Double
    /// The coverage it was built for, for example 0.95.
    public var level: Double

    /// Creates an interval.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// `upper − lower`.
    public var width: Double { upper - lower }

    /// Whether `value` lies inside, ends included.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// A point estimate with its confidence interval.
public struct Estimate: Sendable, Hashable {
    /// The estimate on the data as observed.
    public var value: Double
    /// The bootstrap interval around it.
    public var interval: ConfidenceInterval

    /// Creates an estimate.
    public init(value: Double, interval: ConfidenceInterval) {
        self.value = value
        self.interval = interval
    }
}

/// The percentile bootstrap over independent units: in Pace the units are tasks, so an interval says how much a
/// score would move on another draw of tasks like these.
///
/// Every replicate draws `n` units with replacement and is described by how often each unit was drawn; all
/// statistics of one call see the same replicates. The generator is seeded, so results repeat exactly.
public struct Bootstrap: Sendable, Hashable {
    /// Replicates drawn.
    ///
    /// The default is 2000.
    public var resamples: Int
    /// Coverage of the intervals.
    ///
    /// The default is 0.95.
    public var level: Double
    /// Seed of the resampling.
    ///
    /// The default is 20260101.
    public var seed: UInt64

    /// Creates a bootstrap.
    public init(resamples: Int = 2000, level: Double = 0.95, seed: UInt64 = 20_260_101) {
        precondition(resamples >= 1, "the bootstrap needs at least one replicate")
        precondition(level > 0 && level < 1, "the confidence level must lie strictly between 0 and 1")
        self.resamples = resamples
        self.level = level
        self.seed = seed
    }

    /// The mean of each column, with intervals from resampling rows: `columns[j][i]` is the value of unit `i`
    /// for statistic `j`, and every column must have the same length.
    ///
    /// - Returns: One estimate per column; NaN estimates for no units.
    public func means(_ columns: [[Double]]) -> [Estimate] {
        let count = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == count }, "every column needs one value per unit")
        return estimates(unitCount: count, statistics: columns.count) { weights, j in
            var total = 0.0
            let column = columns[j]
            for i in 0..<count where weights[i] != 0 { total += Double(weights[i]) * column[i] }
            return total / Double(count)
        }
    }

    /// `Σ numerator / Σ denominator` over units, with its interval (for example cost per passing sample).
    ///
    /// A zero denominator gives `+∞` (nothing passed, so the cost of a pass is unbounded).
    public func ratio(numerator: [Double], denominator: [Double]) -> Estimate {
        precondition(numerator.count == denominator.count, "numerator and denominator need one value per unit")
        return estimates(unitCount: numerator.count, statistics: 1) { weights, _ in
            var top = 0.0
            var bottom = 0.0
            for i in weights.indices where weights[i] != 0 {
                top += Double(weights[i]) * numerator[i]
                bottom += Double(weights[i]) * denominator[i]
            }
            return bottom == 0 ? .infinity : top / bottom
        }[0]
    }

    /// The general form: `statistic(weights, j)` computes statistic `j` from unit multiplicities `weights`
    /// (all ones for the observed data).
    public func estimates(
        unitCount: Int,
        statistics: Int,
        _ statistic: (_ weights: [Int], _ index: Int) -> Double
    ) -> [Estimate] {
        guard unitCount > 0 else {
            return Array(
                repeating: Estimate(value: .nan, interval: .init(lower: .nan, upper: .nan, level: level)),
                count: statistics
            )
        }
        let observed = (0..<statistics).map { statistic(Array(repeating: 1, count: unitCount), $0) }
        var replicates = Array(repeating: [Double](), count: statistics)
        for j in 0..<statistics { replicates[j].reserveCapacity(resamples) }
        var random = SeededRandom(seed: seed)
        var weights = Array(repeating: 0, count: unitCount)
        for _ in 0..<resamples {
            for i in 0..<unitCount { weights[i] = 0 }
            for _ in 0..<unitCount { weights[random.index(below: unitCount)] += 1 }
            for j in 0..<statistics { replicates[j].append(statistic(weights, j)) }
        }
        return (0..<statistics).map { j in
            Estimate(value: observed[j], interval: interval(replicates[j]))
        }
    }

    /// The percentile interval of `replicates`.
    func interval(_ replicates: [Double]) -> ConfidenceInterval {
        let sorted = replicates.filter { !$0.isNaN }.sorted()
        let tail = (1 - level) / 2
        return ConfidenceInterval(
            lower: Bootstrap.quantile(sorted, tail),
            upper: Bootstrap.quantile(sorted, 1 - tail),
            level: level
        )
    }

    /// The `p`-quantile of ascending `sorted` values, interpolating linearly between order statistics (R's type 7).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        if fraction == 0 || sorted[below] == sorted[above] { return sorted[below] }
        return sorted[below] + fraction * (sorted[above] - sorted[below])
    }
}
