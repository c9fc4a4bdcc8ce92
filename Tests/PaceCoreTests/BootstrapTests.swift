// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import Testing

/// Standard normal draws from a seeded generator (Box–Muller), for tests with known answers.
struct NormalDraws {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func next(mean: Double = 0, deviation: Double = 1) -> Double {
        let u = (Double(random.next() >> 11) + 0.5) / Double(1 << 53)
        let v = Double(random.next() >> 11) / Double(1 << 53)
        return mean + deviation * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    mutating func sample(_ count: Int, mean: Double = 0, deviation: Double = 1) -> [Double] {
        (0..<count).map { _ in next(mean: mean, deviation: deviation) }
    }
}

@Suite("Bootstrap confidence intervals")
struct BootstrapTests {
    @Test("a constant sample has a zero-width interval at the constant")
    func constant() {
        let estimate = Bootstrap(resamples: 500, seed: 1).means([Array(repeating: 0.42, count: 37)])[0]
        #expect(estimate.value == 0.42)
        #expect(estimate.interval.lower == 0.42)
        #expect(estimate.interval.upper == 0.42)
        #expect(estimate.interval.width == 0)
    }

    @Test("the interval of a normal sample's mean covers the true mean with the expected width")
    func normalMean() {
        var draws = NormalDraws(seed: 7)
        let values = draws.sample(400, mean: 3, deviation: 2)
        let estimate = Bootstrap(resamples: 4000, seed: 11).means([values])[0]
        #expect(estimate.interval.contains(3))
        #expect(estimate.interval.contains(estimate.value))
        // Theory: 2 · 1.96 · σ/√n = 0.392.
        #expect(abs(estimate.interval.width - 0.392) < 0.06)
    }

    @Test("95 % intervals cover the true mean about 95 % of the time")
    func coverage() {
        var draws = NormalDraws(seed: 2026)
        var covered = 0
        let trials = 200
        for trial in 0..<trials {
            let values = draws.sample(50)
            let interval = Bootstrap(resamples: 500, seed: UInt64(trial)).means([values])[0].interval
            if interval.contains(0) { covered += 1 }
        }
        let rate = Double(covered) / Double(trials)
        #expect(rate >= 0.88 && rate <= 0.99, "coverage \(rate)")
    }

    @Test("the same seed gives the same interval; another seed another one")
    func seeded() {
        var draws = NormalDraws(seed: 3)
        let values = draws.sample(60)
        let first = Bootstrap(resamples: 300, seed: 5).means([values])[0]
        let again = Bootstrap(resamples: 300, seed: 5).means([values])[0]
        let other = Bootstrap(resamples: 300, seed: 6).means([values])[0]
        #expect(first == again)
        #expect(first.interval != other.interval)
    }

    @Test("a ratio with nothing in the denominator is infinite")
    func ratio() {
        let bootstrap = Bootstrap(resamples: 200, seed: 1)
        let none = bootstrap.ratio(numerator: [1, 2, 3], denominator: [0, 0, 0])
        #expect(none.value == .infinity)
        let some = bootstrap.ratio(numerator: [1, 2, 3], denominator: [1, 1, 1])
        #expect(some.value == 2)
        #expect(some.interval.contains(2))
    }

    @Test(
        "quantiles interpolate between order statistics (R type 7)",
        arguments: [(0.0, 1.0), (0.25, 1.75), (0.5, 2.5), (0.75, 3.25), (1.0, 4.0)]
    )
    func quantile(p: Double, expected: Double) {
        #expect(Bootstrap.quantile([1, 2, 3, 4], p) == expected)
    }

    @Test("no units give NaN estimates rather than a crash")
    func empty() {
        let estimate = Bootstrap(resamples: 100).means([[]])[0]
        #expect(estimate.value.isNaN)
    }
}
