// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// The verdict on one test suite of a sample.
public struct SuiteVerdict: Sendable, Hashable {
    public var suite: String
    public var verdict: Verdict

    public init(suite: String, verdict: Verdict) {
        self.suite = suite
        self.verdict = verdict
    }
}

/// Efficiency of one sample on one level (ENAMEL).
public struct LevelEfficiency: Sendable, Hashable {
    public var level: Int
    /// `max(0, αT − t)/(αT − t_ref)`; 0 when censored.
    public var efficiency: Double
    /// The sample's time on the level's slowest test (Hodges–Lehmann over repetitions), seconds; nil if censored.
    public var sampleSeconds: Double?
    /// The reference's time on the same basis, measured next to the sample (seconds).
    public var referenceSeconds: Double?
    /// The reference's calibrated time for the level (seconds), which the score is expressed against.
    public var calibratedReferenceSeconds: Double?

    public init(level: Int, efficiency: Double, sampleSeconds: Double?, referenceSeconds: Double?, calibratedReferenceSeconds: Double?) {
        self.level = level
        self.efficiency = efficiency
        self.sampleSeconds = sampleSeconds
        self.referenceSeconds = referenceSeconds
        self.calibratedReferenceSeconds = calibratedReferenceSeconds
    }
}

/// A sample's efficiency: per level, why it was censored, and the hardness-weighted score.
public struct EfficiencyResult: Sendable, Hashable {
    public var score: Double
    public var levels: [LevelEfficiency]
    /// The first censored level, if any.
    public var censoredLevel: Int?
    /// Why it was censored: `timeout`, `out_of_memory`, `overflow`.
    public var censorReason: String?
    /// α·T in seconds, with T the slowest reference level the score was computed against.
    public var timeoutSeconds: Double
    /// T measured next to this sample divided by the cached calibration's T (1 = no drift); nil without pairing.
    public var drift: Double?

    public init(score: Double, levels: [LevelEfficiency], censoredLevel: Int?, censorReason: String?, timeoutSeconds: Double) {
        self.score = score
        self.levels = levels
        self.censoredLevel = censoredLevel
        self.censorReason = censorReason
        self.timeoutSeconds = timeoutSeconds
    }
}

/// Everything Pace found out about one sample: one line of `results.jsonl`.
public struct SampleResult: Sendable, Hashable {
    public var taskID: String
    public var sampleIndex: Int
    public var origin: String
    /// The overall verdict: passed only when every suite passed.
    public var verdict: Verdict
    /// Per suite, in the dataset's order.
    public var suites: [SuiteVerdict]
    public var efficiency: EfficiencyResult?
    /// Wall time Pace spent on the sample, seconds.
    public var durationSeconds: Double
    /// The sample's extra fields, carried through.
    public var extra: [(String, JSONValue)]

    public init(
        taskID: String,
        sampleIndex: Int,
        origin: String,
        verdict: Verdict,
        suites: [SuiteVerdict] = [],
        efficiency: EfficiencyResult? = nil,
        durationSeconds: Double = 0,
        extra: [(String, JSONValue)] = []
    ) {
        self.taskID = taskID
        self.sampleIndex = sampleIndex
        self.origin = origin
        self.verdict = verdict
        self.suites = suites
        self.efficiency = efficiency
        self.durationSeconds = durationSeconds
        self.extra = extra
    }

    public static func == (lhs: SampleResult, rhs: SampleResult) -> Bool {
        lhs.json == rhs.json
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(json) }

    /// The key results are stored under: `task_id#index`.
    public var key: String { "\(taskID)#\(sampleIndex)" }

    /// Whether the sample passed every suite up to and including `suite` (in suite order).
    public func passed(through suite: String) -> Bool {
        guard let position = suites.firstIndex(where: { $0.suite == suite }) else { return verdict.passed }
        return suites[...position].allSatisfy { $0.verdict.passed }
    }
}
