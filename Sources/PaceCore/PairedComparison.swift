// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// A paired comparison of two runs on the tasks both cover: the mean per-task difference (B − A) with a
/// bootstrap interval, and a two-sided sign-flip permutation test of "no difference".
///
/// Pairing by task removes the large task-to-task spread from the comparison: each task is its own control.
public struct PairedComparison: Sendable, Hashable {
    /// Tasks compared.
    public var count: Int
    /// Mean of `b − a` over tasks, with a paired bootstrap interval (tasks resampled together).
    public var difference: Estimate
    /// Two-sided p-value of the sign-flip test.
    public var pValue: Double
    /// Whether the p-value enumerated every sign pattern (small samples) rather than drawing them.
    public var exact: Bool
    /// Tasks where B is higher, lower and equal.
    public var improved: Int
    public var worsened: Int
    public var unchanged: Int

    /// Compares per-task values `a` and `b` (same tasks, same order).
    ///
    /// - Parameters:
    ///   - bootstrap: Resampling settings for the interval; its seed also seeds the permutation test.
    ///   - permutations: Random sign patterns drawn when there are too many to enumerate. The default is 10 000.
    public init(a: [Double], b: [Double], bootstrap: Bootstrap = Bootstrap(), permutations: Int = 10_000) {
        precondition(a.count == b.count, "a paired comparison needs one value of each run per task")
        let differences = zip(b, a).map { $0 - $1 }
        count = differences.count
        difference = bootstrap.means([differences])[0]
        (pValue, exact) = SignFlipTest.pValue(differences, permutations: permutations, seed: bootstrap.seed)
        improved = differences.filter { $0 > 0 }.count
        worsened = differences.filter { $0 < 0 }.count
        unchanged = count - improved - worsened
    }

    /// Whether B is worse than A at significance level `alpha`: the mean difference is negative and the test
    /// rejects "no difference".
    public func isSignificantlyWorse(alpha: Double) -> Bool {
        difference.value < 0 && pValue < alpha
    }
}

/// The paired sign-flip (permutation) test: under "no difference" each per-task difference is as likely to have
/// either sign, so the observed `|Σ d|` is compared with its distribution over random sign flips.
///
/// It assumes only symmetry of the differences under the null, not normality, and it is exact when every
/// pattern is enumerated.
public enum SignFlipTest {
    /// Patterns are enumerated when at most this many differences are non-zero (2^16 patterns).
    public static let exactLimit = 16

    /// The two-sided p-value for `differences`.
    ///
    /// - Returns: The p-value and whether it is exact. A Monte Carlo p-value is `(1 + hits)/(1 + permutations)`,
    ///   which never reports 0.
    public static func pValue(_ differences: [Double], permutations: Int, seed: UInt64) -> (Double, exact: Bool) {
        let values = differences.filter { $0 != 0 && !$0.isNaN }
        guard !values.isEmpty else { return (1, true) }
        let observed = abs(values.reduce(0, +))
        // Sums equal to the observed one up to rounding count as "as extreme".
        let threshold = observed - 1e-12 * max(1, values.reduce(0) { $0 + abs($1) })
        if values.count <= exactLimit {
            var hits = 0
            let patterns = 1 << values.count
            for pattern in 0..<patterns {
                var sum = 0.0
                for (i, value) in values.enumerated() { sum += (pattern >> i) & 1 == 1 ? -value : value }
                if abs(sum) >= threshold { hits += 1 }
            }
            return (Double(hits) / Double(patterns), true)
        }
        var random = SeededRandom(seed: seed ^ 0x5157_4E46_4C49_5053)
        var hits = 0
        for _ in 0..<permutations {
            var sum = 0.0
            var bits = random.next()
            var used = 0
            for value in values {
                if used == 64 {
                    bits = random.next()
                    used = 0
                }
                sum += bits & 1 == 1 ? -value : value
                bits >>= 1
                used += 1
            }
            if abs(sum) >= threshold { hits += 1 }
        }
        return (Double(1 + hits) / Double(1 + permutations), false)
    }
}
