// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PaceCore
import Synchronization

/// What the fake server does with one request.
enum FakeBehaviour: Sendable {
    /// Answers normally: streamed when asked and allowed, JSON otherwise.
    case complete
    /// Answers with an HTTP status and an OpenAI error body.
    case status(Int, retryAfter: String? = nil)
    /// Streams `chunks` pieces, then breaks the connection.
    case cutStream(afterChunks: Int)
    /// Streams `chunks` pieces, then ends the body cleanly without a finish reason or `[DONE]`.
    case endEarly(afterChunks: Int)
    /// Streams with `delay` seconds before each piece.
    case slow(delay: Double)
    /// Answers 200 with a body that is not JSON.
    case garbage
    /// Sends the headers, then nothing (until the server stops).
    case hang
    /// Sends nothing at all, not even headers (until the server stops).
    case silent
}

/// An OpenAI-compatible server on 127.0.0.1 for tests: `/v1/chat/completions`, `/v1/completions` (streamed or
/// not) and `/v1/models`, answering with recorded completions and misbehaving on request.
final class FakeOpenAIServer: Sendable {
    struct Options: Sendable {
        /// The completion for a prompt (the user message or the prompt).
        var completion: @Sendable (String) -> String = { _ in "```python\ndef f():\n    return 1\n```" }
        /// What to do with request number `n` (0-based, counted over the server's life) for a prompt.
        var behaviour: @Sendable (Int, String) -> FakeBehaviour = { _, _ in .complete }
        /// Whether `usage` is sent (in the JSON body, or as a last chunk when `stream_options.include_usage`).
        var reportsUsage = true
        /// Whether `stream: true` is honoured (otherwise JSON is sent).
        var streams = true
        /// Seconds to wait before answering.
        var latency = 0.0
        /// Characters per streamed piece (one "token").
        var pieceLength = 4
        /// The key requests must carry, when set.
        var apiKey: String?
        /// Whether a request with `stream_options` is refused with 400 (as older servers do).
        var rejectsStreamOptions = false
        var models = ["fake-model"]
    }

    struct Stats: Sendable {
        var requests = 0
        var inFlight = 0
        var maxInFlight = 0
        var prompts: [String] = []
        var bodies: [JSONValue] = []
    }

    let options: Options
    let stats = Mutex(Stats())
    let stopping = Mutex(false)
    private(set) nonisolated(unsafe) var port = 0

    init(options: Options) { self.options = options }

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Starts a server, runs `body` with it, and stops it.
    static func with<T: Sendable>(
        _ options: Options = Options(),
        port: Int = 0,
        _ body: (FakeOpenAIServer) async throws -> T
    ) async throws -> T {
        let server = FakeOpenAIServer(options: options)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "fake-openai")
        logger.logLevel = .critical
        let app = Application(
            router: server.router(),
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            server.port = await iterator.next() ?? 0
            let result: Result<T, any Error>
            do {
                result = .success(try await body(server))
            } catch {
                result = .failure(error)
            }
            // Cancelling the server while a client is still setting up a connection (tests that stop a run early
            // abandon requests in flight) can trap inside NIO; let pending connections settle first.
            server.stopping.withLock { $0 = true }
            try? await Task.sleep(for: .milliseconds(500))
            group.cancelAll()
            return try result.get()
        }
    }

    var snapshot: Stats { stats.withLock { $0 } }

    // MARK: - Routes

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/v1/models") { [options] request, _ in
            if let key = options.apiKey, request.headers[.authorization] != "Bearer \(key)" {
                return Self.error(401, "Incorrect API key provided")
            }
            let data = options.models.map { JSONValue.object([("id", .string($0)), ("object", .string("model"))]) }
            return Self.json(.object([("object", .string("list")), ("data", .array(data))]))
        }
        router.post("/v1/chat/completions") { request, _ in try await self.handle(request, chat: true) }
        router.post("/v1/completions") { request, _ in try await self.handle(request, chat: false) }
        return router
    }

    private func handle(_ request: Request, chat: Bool) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 22)
        guard let body = try? JSONParser.parse(bytes: Array(buffer.readableBytesView)) else {
            return Self.error(400, "body is not JSON")
        }
        let prompt =
            chat
            ? (body["messages"]?.arrayValue?.last?["content"]?.stringValue ?? "")
            : (body["prompt"]?.stringValue ?? "")
        let number = stats.withLock { stats -> Int in
            stats.requests += 1
            stats.inFlight += 1
            stats.maxInFlight = max(stats.maxInFlight, stats.inFlight)
            stats.prompts.append(prompt)
            stats.bodies.append(body)
            return stats.requests - 1
        }
        let done: @Sendable () -> Void = { [self] in self.stats.withLock { $0.inFlight -= 1 } }
        if let key = options.apiKey, request.headers[.authorization] != "Bearer \(key)" {
            done()
            return Self.error(401, "Incorrect API key provided")
        }
        let model = body["model"]?.stringValue ?? ""
        guard options.models.contains(model) else {
            done()
            return Self.error(404, "The model `\(model)` does not exist.")
        }
        if options.rejectsStreamOptions && body["stream_options"] != nil {
            done()
            return Self.error(400, "Unrecognized request argument supplied: stream_options")
        }
        if options.latency > 0 { try? await Task.sleep(nanoseconds: UInt64(options.latency * 1e9)) }
        let behaviour = options.behaviour(number, prompt)
        if case .silent = behaviour {
            await waitUntilStopping()
            done()
            return Self.error(503, "stopped")
        }
        let answer = FakeAnswer(
            text: options.completion(prompt),
            prompt: prompt,
            chat: chat,
            model: model,
            options: options
        )
        let stream = body["stream"] == .bool(true) && options.streams
        let includeUsage = body["stream_options"]?["include_usage"] == .bool(true) && options.reportsUsage
        return respond(behaviour, answer: answer, stream: stream, includeUsage: includeUsage, done: done)
    }

    private func respond(
        _ behaviour: FakeBehaviour,
        answer: FakeAnswer,
        stream: Bool,
        includeUsage: Bool,
        done: @escaping @Sendable () -> Void
    ) -> Response {
        switch behaviour {
        case .status(let code, let retryAfter):
            done()
            var response = Self.error(code, code == 429 ? "Rate limit reached, slow down" : "Internal server error")
            if let retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        case .garbage:
            done()
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: "<html>502 Bad Gateway</html>"))
            )
        case .hang:
            return Response(
                status: .ok,
                body: ResponseBody { [self] writer in
                    defer { done() }
                    await self.waitUntilStopping()
                    try await writer.finish(nil)
                }
            )
        case .complete, .cutStream, .endEarly, .slow, .silent:
            guard stream else {
                done()
                return Self.json(answer.whole())
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    defer { done() }
                    try await answer.stream(behaviour, includeUsage: includeUsage, to: &writer)
                }
            )
        }
    }

    /// Sleeps until the server stops (at most 30 s).
    private func waitUntilStopping() async {
        let start = Date()
        while !stopping.withLock({ $0 }) && Date().timeIntervalSince(start) < 30 {
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: value.jsonText))
        )
    }

    static func error(_ code: Int, _ message: String) -> Response {
        json(
            .object([("error", .object([("message", .string(message)), ("type", .string("fake_error"))]))]),
            status: .init(code: code)
        )
    }
}

/// Thrown by the fake server to break a connection mid-stream.
struct CutConnection: Error {}
