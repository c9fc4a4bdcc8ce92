// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A request that failed for good: the error, the attempts made, and any text received before the failure.
public struct RequestFailure: Error, Sendable, Hashable {
    /// The last attempt's error.
    public var error: GenerationError
    /// Attempts made, the first included.
    public var attempts: Int
    /// Completion text received before the failure (a cut stream), kept for the record.
    public var partialText: String?

    public init(error: GenerationError, attempts: Int, partialText: String? = nil) {
        self.error = error
        self.attempts = attempts
        self.partialText = partialText
    }
}

/// One failed attempt, and whether it is worth another.
struct AttemptFailure: Error {
    var error: GenerationError
    var retryable: Bool
    /// The server's `Retry-After`, seconds.
    var retryAfter: Double?
    var partialText: String?
    var attempts = 0

    init(_ error: GenerationError, retryable: Bool, retryAfter: Double? = nil, partialText: String? = nil) {
        self.error = error
        self.retryable = retryable
        self.retryAfter = retryAfter
        self.partialText = partialText
    }

    func exhausted() -> RequestFailure {
        var error = self.error
        if attempts > 1 { error.message += " (after \(attempts) attempts)" }
        return RequestFailure(
            error: error,
            attempts: attempts,
            partialText: partialText?.isEmpty == false ? partialText : nil
        )
    }
}

/// Thrown by ``withTimeout(_:_:)`` when the time is up.
struct TimeoutMarker: Error {}

/// Runs `body`, cancelling it and throwing ``TimeoutMarker`` after `seconds`.
func withTimeout<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(max(seconds, 0) * 1e9))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TimeoutMarker() }
        return value
    }
}

extension OpenAIClient {
    /// Classifies whatever one attempt threw.
    func attemptFailure(_ error: any Error, attempts: Int) -> AttemptFailure {
        var failure: AttemptFailure
        if let known = error as? AttemptFailure {
            failure = known
        } else if error is TimeoutMarker {
            let message = "no complete answer within \(jsonNumber(configuration.requestTimeout)) s (--request-timeout)"
            failure = AttemptFailure(GenerationError(.timeout, message), retryable: true)
        } else if let client = error as? HTTPClientError, client == .readTimeout {
            let message = "the server sent nothing for \(jsonNumber(configuration.stallTimeout)) s (--stall-timeout)"
            failure = AttemptFailure(GenerationError(.timeout, message), retryable: true)
        } else if let client = error as? HTTPClientError, client == .deadlineExceeded {
            let message = "no answer within \(jsonNumber(configuration.requestTimeout)) s (--request-timeout)"
            failure = AttemptFailure(GenerationError(.timeout, message), retryable: true)
        } else if error is CancellationError || (error as? HTTPClientError) == .cancelled {
            failure = cancelled(attempts)
        } else {
            failure = AttemptFailure(connectionError(error, during: nil), retryable: true)
        }
        failure.attempts = attempts
        return failure
    }

    /// A failure to connect, or a connection lost mid-answer.
    func connectionError(_ error: any Error, during progress: String?) -> GenerationError {
        if let progress {
            return GenerationError(
                .truncatedStream,
                "the connection to \(configuration.endpoint.completionsURL) broke \(progress)",
                underlyingError: "\(error)"
            )
        }
        return GenerationError(
            .unreachable,
            "cannot reach \(configuration.endpoint.completionsURL); is the server running and the URL right?",
            underlyingError: "\(error)"
        )
    }

    func cancelled(_ attempts: Int) -> AttemptFailure {
        var failure = AttemptFailure(
            GenerationError(.cancelled, "cancelled before the answer arrived"),
            retryable: false
        )
        failure.attempts = attempts
        return failure
    }

    /// The failure an HTTP error status stands for; reads the error body for the server's explanation.
    func statusFailure(_ response: HTTPClientResponse) async throws -> AttemptFailure {
        let collected = try? await response.body.collect(upTo: 1 << 20)
        let bytes = collected.map { Array($0.readableBytesView) } ?? []
        let status = Int(response.status.code)
        let message = ResponseBody.errorMessage(bytes)
        let retryAfter = response.headers.first(name: "retry-after").flatMap { RetryPolicy.parseRetryAfter($0) }
        let url = configuration.endpoint.completionsURL
        func failure(_ code: GenerationError.Code, _ text: String, retryable: Bool) -> AttemptFailure {
            AttemptFailure(GenerationError(code, text, status: status), retryable: retryable, retryAfter: retryAfter)
        }
        switch status {
        case 401, 403:
            return failure(.unauthorized, "\(url) refused the API key (HTTP \(status)): \(message)", retryable: false)
        case 404:
            let text = "\(url) answered HTTP 404 for model '\(configuration.model)': \(message)"
            return failure(.modelNotFound, text, retryable: false)
        case 408:
            return failure(.timeout, "the server timed out the request (HTTP 408): \(message)", retryable: true)
        case 429:
            return failure(.rateLimited, "rate limited (HTTP 429): \(message)", retryable: true)
        case 400 where configuration.stream && message.contains("stream_options") && rejectStreamOptions():
            var retry = failure(.badRequest, "the server rejected stream_options: \(message)", retryable: true)
            retry.retryAfter = 0
            return retry
        case 400..<500:
            return failure(
                .badRequest,
                "the server rejected the request (HTTP \(status)): \(message)",
                retryable: false
            )
        default:
            return failure(.serverError, "server error (HTTP \(status)): \(message)", retryable: status >= 500)
        }
    }
}
