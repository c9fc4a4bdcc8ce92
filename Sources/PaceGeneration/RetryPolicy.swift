// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation

/// When and how often a failed request is tried again.
///
/// Rate limits (429), server errors (5xx), connection failures, timeouts, cut streams and malformed bodies are
/// retried; the wait doubles from ``baseDelay`` up to ``maxDelay`` with "equal jitter" (half fixed, half random),
/// so that many clients that failed together do not come back together. A `Retry-After` header wins over the
/// computed wait.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt. The default is 5.
    public var maxRetries = 5
    /// The wait before the first retry, seconds. The default is 1.
    public var baseDelay = 1.0
    /// The longest computed wait, seconds. The default is 60.
    public var maxDelay = 60.0
    /// The longest `Retry-After` honoured, seconds; longer ones are cut to this. The default is 600.
    public var maxRetryAfter = 600.0

    public init(maxRetries: Int = 5, baseDelay: Double = 1, maxDelay: Double = 60, maxRetryAfter: Double = 600) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before retry number `retry` (1 for the first retry).
    ///
    /// - Parameters:
    ///   - retryAfter: The server's `Retry-After`, in seconds, when it sent one.
    ///   - random: A number in `0..<1` (the jitter).
    public func delay(beforeRetry retry: Int, retryAfter: Double?, random: Double) -> Double {
        if let retryAfter { return min(max(retryAfter, 0), maxRetryAfter) }
        let exponential = min(maxDelay, baseDelay * pow(2, Double(max(retry - 1, 0))))
        return exponential / 2 + random * exponential / 2
    }

    /// Reads a `Retry-After` value: delay seconds (`"2"`, `"1.5"`) or an HTTP date; nil when it is neither.
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite { return max(seconds, 0) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(date.timeIntervalSince(now), 0)
    }
}
