// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore
import Testing

@Suite("Paired comparison and sign-flip test")
struct PairedComparisonTests {
    @Test("a known improvement is detected, its interval covers it and excludes zero")
    func knownDifference() {
        var draws = NormalDraws(seed: 99)
        let a = draws.sample(60, mean: 0.5, deviation: 0.2)
        let b = a.map { $0 + 0.1 + draws.next(deviation: 0.1) }
        let comparison = PairedComparison(a: a, b: b, bootstrap: Bootstrap(resamples: 2000, seed: 1))
        #expect(comparison.pValue < 0.001)
        #expect(!comparison.exact)
        #expect(comparison.difference.interval.contains(0.1))
        #expect(comparison.difference.interval.lower > 0)
        #expect(!comparison.isSignificantlyWorse(alpha: 0.05))
        let reversed = PairedComparison(a: b, b: a, bootstrap: Bootstrap(resamples: 2000, seed: 1))
        #expect(reversed.isSignificantlyWorse(alpha: 0.05))
        #expect(reversed.difference.interval.upper < 0)
    }

    @Test("perfectly balanced differences give p = 1")
    func noDifference() {
        let a = [0.2, 0.5, 0.9, 0.4, 0.7, 0.3, 0.6, 0.8, 0.1, 0.5, 0.25, 0.65, 0.45, 0.35, 0.55, 0.75, 0.15, 0.85]
        let shifts = [
            0.1, -0.1, 0.2, -0.2, 0.05, -0.05, 0.3, -0.3, 0.15, -0.15, 0.0, 0.0, 0.12, -0.12, 0.07, -0.07, 0.01, -0.01,
        ]
        let b = zip(a, shifts).map { $0 + $1 }
        let comparison = PairedComparison(a: a, b: b, bootstrap: Bootstrap(resamples: 1000, seed: 2))
        #expect(abs(comparison.difference.value) < 1e-12)
        #expect(comparison.pValue > 0.99)
        #expect(comparison.difference.interval.contains(0))
        #expect(comparison.unchanged == 2)
        #expect(comparison.improved == comparison.worsened)
    }

    @Test("under no difference the test rejects about 5 % of the time at α = 0.05")
    func typeOneError() {
        var draws = NormalDraws(seed: 4242)
        var rejections = 0
        let trials = 200
        for trial in 0..<trials {
            let differences = draws.sample(40)
            let (p, _) = SignFlipTest.pValue(differences, permutations: 1000, seed: UInt64(trial))
            if p < 0.05 { rejections += 1 }
        }
        let rate = Double(rejections) / Double(trials)
        #expect(rate >= 0.01 && rate <= 0.10, "rejection rate \(rate)")
    }

    @Test("small samples are enumerated exactly: five equal gains give p = 2/32")
    func exact() {
        let (p, exact) = SignFlipTest.pValue([1, 1, 1, 1, 1], permutations: 10, seed: 0)
        #expect(exact)
        #expect(p == 2.0 / 32.0)
    }

    @Test("no non-zero difference gives p = 1")
    func allZero() {
        let (p, exact) = SignFlipTest.pValue([0, 0, 0], permutations: 100, seed: 0)
        #expect(p == 1)
        #expect(exact)
    }
}
