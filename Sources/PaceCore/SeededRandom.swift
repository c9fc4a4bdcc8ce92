// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// A small, fast, seedable random number generator (SplitMix64), so that bootstrap intervals and permutation
/// tests give the same answer every time they are run on the same data.
///
/// SplitMix64 passes BigCrush and is what several xoshiro implementations use to seed themselves; it is more
/// than good enough for resampling. It is not for cryptography.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly distributed index in `0..<count`.
    public mutating func index(below count: Int) -> Int {
        Int(truncatingIfNeeded: next(upperBound: UInt64(count)))
    }
}
