// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// What happened to a sample on a test suite. A verdict is a value, not an error.
public enum Outcome: String, Sendable, Hashable, CaseIterable {
    case passed
    /// A wrong answer or an exception.
    case failed
    case timeout
    case outOfMemory = "out_of_memory"
    /// Killed by a signal or exited mid-test.
    case crashed
    case syntaxError = "syntax_error"
    /// Pace itself could not evaluate it (the reason says why).
    case harnessError = "harness_error"
}

/// A verdict with the evidence behind it.
public struct Verdict: Sendable, Hashable {
    public var outcome: Outcome
    /// The exception, or what was wrong with the output, shortened.
    public var detail: String?
    /// The first failing input (JSON), shortened.
    public var input: String?
    /// Number of tests that ran.
    public var testsRun: Int

    public init(_ outcome: Outcome, detail: String? = nil, input: String? = nil, testsRun: Int = 0) {
        self.outcome = outcome
        self.detail = detail.map { Verdict.shorten($0, to: 500) }
        self.input = input.map { Verdict.shorten($0, to: 300) }
        self.testsRun = testsRun
    }

    /// Whether the sample passed.
    public var passed: Bool { outcome == .passed }

    /// `text` cut to at most `limit` characters with an ellipsis.
    public static func shorten(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
