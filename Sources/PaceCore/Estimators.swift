// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// The estimators behind Pace's scores.
public enum Estimators {
    /// Unbiased pass@k: the chance that at least one of k samples drawn without replacement from n, c of them
    /// correct, is correct. Computed as `1 − Π_{i=n−c+1…n} (1 − k/i)`, which stays exact for large n.
    ///
    /// - Precondition: `0 ≤ c ≤ n` and `1 ≤ k ≤ n`.
    public static func passAtK(n: Int, c: Int, k: Int) -> Double {
        precondition(n >= 1 && k >= 1 && k <= n && c >= 0 && c <= n, "pass@k needs 0 ≤ c ≤ n and 1 ≤ k ≤ n")
        if c == 0 { return 0 }
        if n - c < k { return 1 }
        var product = 1.0
        for i in (n - c + 1)...n {
            product *= 1 - Double(k) / Double(i)
        }
        return 1 - product
    }

    /// Unbiased eff@k (ENAMEL): the expected best efficiency among k of the n samples, drawn without replacement.
    ///
    /// With the values sorted ascending, `eff@k = Σ_{r=k…n} C(r−1, k−1)/C(n, k) · e_(r)`; the weights come from
    /// `λ_n = k/n` and `λ_r = λ_{r+1} · (1 − (k−1)/r)`, with no large binomials.
    public static func effAtK(_ values: [Double], k: Int) -> Double {
        let n = values.count
        precondition(k >= 1 && k <= n, "eff@k needs 1 ≤ k ≤ n")
        let sorted = values.sorted()
        var weight = Double(k) / Double(n)
        var total = 0.0
        var r = n
        while r >= k {
            total += weight * sorted[r - 1]
            if r > 1 { weight *= 1 - Double(k - 1) / Double(r - 1) }
            r -= 1
        }
        return total
    }

    /// The Hodges–Lehmann estimator: the median of all Walsh averages `(x_i + x_j)/2` with `i ≤ j`.
    public static func hodgesLehmann(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "Hodges–Lehmann needs at least one value")
        var averages: [Double] = []
        averages.reserveCapacity(values.count * (values.count + 1) / 2)
        for i in values.indices {
            for j in i..<values.count {
                averages.append((values[i] + values[j]) / 2)
            }
        }
        return median(averages)
    }

    /// The median (mean of the two middle values for an even count).
    public static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "median needs at least one value")
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Mean of `values` (0 for none).
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
