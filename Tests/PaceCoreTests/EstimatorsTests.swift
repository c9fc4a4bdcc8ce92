// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore
import Testing

@Suite("Estimators")
struct EstimatorsTests {
    /// (n, c, k, expected), computed by hand from 1 − C(n−c, k)/C(n, k).
    static let passCases: [(Int, Int, Int, Double)] = [
        (5, 0, 1, 0),  // c = 0
        (5, 5, 1, 1),  // c = n
        (5, 5, 5, 1),  // n = k = c
        (5, 2, 1, 0.4),
        (10, 3, 2, 1 - 21.0 / 45.0),  // C(7,2)=21, C(10,2)=45
        (4, 1, 4, 1),  // n = k: one correct sample is always drawn
        (4, 0, 4, 0),  // n = k, c = 0
        (100, 1, 10, 0.1),
        (20, 5, 10, 1 - 3003.0 / 184_756.0),  // C(15,10)=3003, C(20,10)=184756
    ]

    @Test("pass@k matches hand-computed values", arguments: passCases)
    func passAtK(_ testCase: (Int, Int, Int, Double)) {
        let (n, c, k, expected) = testCase
        #expect(abs(Estimators.passAtK(n: n, c: c, k: k) - expected) < 1e-12)
    }

    @Test("pass@k stays exact for large n")
    func passAtKLarge() {
        // C(n−c, k)/C(n, k) overflows doubles for these sizes if computed directly.
        let value = Estimators.passAtK(n: 2000, c: 1000, k: 100)
        #expect(value > 0.999_999_999 && value <= 1)
        #expect(abs(Estimators.passAtK(n: 2000, c: 1, k: 1) - 0.0005) < 1e-15)
    }

    @Test("eff@k reproduces the worked example of metrics.md §10.1")
    func effAtKWorkedExample() {
        let values = [0.8825, 0.4542, 0]
        #expect(abs(Estimators.effAtK(values, k: 1) - 0.4456) < 5e-5)
        #expect(abs(Estimators.effAtK(values, k: 2) - 0.7397) < 5e-5)
        #expect(abs(Estimators.effAtK(values, k: 3) - 0.8825) < 1e-12)
    }

    @Test("eff@k equals the mean of the best over all k-subsets", arguments: 1...8)
    func effAtKBruteForce(n: Int) {
        var generator = SplitMix(seed: UInt64(n) * 7919)
        for _ in 0..<20 {
            let values = (0..<n).map { _ in generator.nextUnit() * (generator.nextUnit() < 0.2 ? 0 : 1.5) }
            for k in 1...n {
                let brute = Self.meanBestOfSubsets(values, k: k)
                #expect(abs(Estimators.effAtK(values, k: k) - brute) < 1e-12, "n=\(n) k=\(k)")
            }
        }
    }

    @Test("Hodges–Lehmann: median of Walsh averages")
    func hodgesLehmann() {
        #expect(abs(Estimators.hodgesLehmann([1.0, 1.2, 3.0]) - 1.6) < 1e-12)
        #expect(Estimators.hodgesLehmann([4.2]) == 4.2)
        // Walsh averages of [1, 2]: 1, 1.5, 2 → median 1.5.
        #expect(Estimators.hodgesLehmann([2, 1]) == 1.5)
        // Six repetitions with one outlier: 21 averages, the 11th smallest.
        let reps = [1.0, 1.1, 1.0, 1.2, 1.1, 9.0]
        #expect(abs(Estimators.hodgesLehmann(reps) - 1.1) < 1e-12)
    }

    @Test("median of even and odd counts")
    func median() {
        #expect(Estimators.median([3, 1, 2]) == 2)
        #expect(Estimators.median([4, 1, 3, 2]) == 2.5)
    }

    static func meanBestOfSubsets(_ values: [Double], k: Int) -> Double {
        var total = 0.0
        var count = 0
        func visit(_ start: Int, _ chosen: [Double]) {
            if chosen.count == k {
                total += chosen.max() ?? 0
                count += 1
                return
            }
            guard start < values.count else { return }
            for index in start..<values.count { visit(index + 1, chosen + [values[index]]) }
        }
        visit(0, [])
        return total / Double(count)
    }
}

/// A small deterministic generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
