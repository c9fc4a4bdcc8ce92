// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PaceCore
import Synchronization

/// An OpenAI-compatible HTTP client: one request at a time per call, retried with backoff, streamed when asked.
///
/// Built on AsyncHTTPClient with one connection per concurrent request (the pool's soft limit is the run's
/// concurrency). Connection establishment is not retried inside AsyncHTTPClient, so a refused connection surfaces
/// at once and is retried by ``RetryPolicy`` like any other transient failure.
public final class OpenAIClient: Sendable {
    /// The endpoint, model, timeouts and retry policy.
    public let configuration: GenerationConfiguration
    let http: HTTPClient
    /// Set once a server rejects `stream_options` (older servers); later requests leave it out.
    private let streamOptionsRejected = Mutex(false)

    /// A client for `configuration`'s endpoint, with a connection pool as large as its concurrency.
    public init(configuration: GenerationConfiguration) {
        self.configuration = configuration
        var settings = HTTPClient.Configuration()
        settings.timeout = .init(connect: .seconds(10), read: .nanoseconds(Int64(configuration.stallTimeout * 1e9)))
        settings.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(configuration.concurrency, 1)
        )
        settings.connectionPool.retryConnectionEstablishment = false
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }

    /// Closes every connection. Call once, when done.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// Asks for one completion, retrying transient failures as ``RetryPolicy`` says.
    ///
    /// - Parameters:
    ///   - payload: The request body without the streaming fields (see ``RequestPlan``).
    ///   - promptText: The prompt as sent, to estimate prompt tokens when the server reports none.
    /// - Returns: The response, or the last failure with the attempts made and any text received before it.
    public func complete(payload: JSONValue, promptText: String) async -> Result<CompletionResponse, RequestFailure> {
        var attempts = 0
        while true {
            attempts += 1
            let stream = configuration.stream
            let body = Array(requestBody(payload, stream: stream).jsonText.utf8)
            let attempt = attempts
            do {
                return .success(
                    try await withTimeout(configuration.requestTimeout) {
                        try await self.send(body, promptText: promptText, stream: stream, attempts: attempt)
                    }
                )
            } catch {
                let failure = Task.isCancelled ? cancelled(attempts) : attemptFailure(error, attempts: attempts)
                guard failure.retryable, attempts <= configuration.retry.maxRetries else {
                    return .failure(failure.exhausted())
                }
                let wait = configuration.retry.delay(
                    beforeRetry: attempts,
                    retryAfter: failure.retryAfter,
                    random: Double.random(in: 0..<1)
                )
                do {
                    try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
                } catch {
                    return .failure(cancelled(attempts).exhausted())
                }
            }
        }
    }

    /// The model ids `GET /models` lists, or nil when the server does not answer it.
    public func listModels() async -> [String]? {
        guard let (status, bytes) = try? await get(configuration.endpoint.modelsURL, timeout: 10), status == 200,
            let body = try? JSONParser.parse(bytes: bytes), let models = body["data"]?.arrayValue
        else { return nil }
        return models.compactMap { $0["id"]?.stringValue }
    }

    /// Checks that the server answers and accepts the key, with `GET /models`.
    ///
    /// A server without `/models` (404, 405) passes; only failures every request would share are thrown.
    ///
    /// - Throws: ``GenerationError`` `unreachable` or `unauthorized`.
    public func preflight() async throws(GenerationError) {
        let url = configuration.endpoint.modelsURL
        do {
            let (status, bytes) = try await get(url, timeout: min(configuration.requestTimeout, 30))
            if status == 401 || status == 403 {
                throw GenerationError(
                    .unauthorized,
                    "\(url) refused the API key (HTTP \(status)): \(ResponseBody.errorMessage(bytes))",
                    status: status
                )
            }
        } catch let error as GenerationError {
            throw error
        } catch {
            if Task.isCancelled { throw GenerationError(.cancelled, "cancelled before the server answered") }
            if let client = error as? HTTPClientError, client == .deadlineExceeded || client == .readTimeout {
                throw GenerationError(
                    .timeout,
                    "\(url) did not answer within \(jsonNumber(min(configuration.requestTimeout, 30))) s"
                )
            }
            throw GenerationError(
                .unreachable,
                "cannot reach \(configuration.endpoint.baseURL); is the server running and the URL right?",
                underlyingError: "\(error)"
            )
        }
    }

    // MARK: - One attempt

    /// Remembers that the server rejects `stream_options`; true the first time (so the request is retried without).
    func rejectStreamOptions() -> Bool {
        streamOptionsRejected.withLock { rejected in
            defer { rejected = true }
            return !rejected
        }
    }

    /// The payload with the streaming fields added.
    func requestBody(_ payload: JSONValue, stream: Bool) -> JSONValue {
        guard stream, case .object(var members) = payload else { return payload }
        members.append(("stream", .bool(true)))
        if !streamOptionsRejected.withLock({ $0 }) {
            members.append(("stream_options", .object([("include_usage", .bool(true))])))
        }
        return .object(members)
    }

    private func send(_ body: [UInt8], promptText: String, stream: Bool, attempts: Int) async throws
        -> CompletionResponse
    {
        var request = HTTPClientRequest(url: configuration.endpoint.completionsURL)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: stream ? "text/event-stream" : "application/json")
        if let key = configuration.endpoint.apiKey {
            request.headers.add(name: "authorization", value: "Bearer \(key)")
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let start = monotonicNow()
        let response = try await http.execute(request, timeout: .nanoseconds(Int64(configuration.requestTimeout * 1e9)))
        guard (200..<300).contains(Int(response.status.code)) else {
            throw try await statusFailure(response)
        }
        var reader = BodyReader(kind: configuration.endpoint.kind, promptText: promptText, start: start)
        do {
            for try await buffer in response.body {
                try reader.take(buffer.readableBytesView, at: monotonicNow())
            }
        } catch let error as GenerationError {
            throw AttemptFailure(error, retryable: true, partialText: reader.partialText)
        } catch let error as HTTPClientError where error == .readTimeout || error == .deadlineExceeded {
            throw attemptFailure(error, attempts: attempts)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw AttemptFailure(
                connectionError(error, during: reader.progressDescription),
                retryable: true,
                partialText: reader.partialText
            )
        }
        return try reader.finish(end: monotonicNow(), attempts: attempts)
    }

    private func get(_ url: String, timeout: Double) async throws -> (Int, [UInt8]) {
        var request = HTTPClientRequest(url: url)
        if let key = configuration.endpoint.apiKey {
            request.headers.add(name: "authorization", value: "Bearer \(key)")
        }
        let response = try await http.execute(request, timeout: .nanoseconds(Int64(timeout * 1e9)))
        let body = try await response.body.collect(upTo: 8 << 20)
        return (Int(response.status.code), Array(body.readableBytesView))
    }
}

/// Seconds on a monotonic clock.
func monotonicNow() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
