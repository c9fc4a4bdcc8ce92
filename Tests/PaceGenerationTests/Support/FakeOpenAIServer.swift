// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
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
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        server.port = listener.channel.localAddress?.port ?? 0
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    try await listener.executeThenClose { inbound in
                        for try await connection in inbound {
                            connections.addTask { await server.serve(connection) }
                        }
                    }
                }
            }
            let result: Result<T, any Error>
            do {
                result = .success(try await body(server))
            } catch {
                result = .failure(error)
            }
            // Hanging and silent answers end when the server stops; give them a moment, then close everything.
            server.stopping.withLock { $0 = true }
            try? await Task.sleep(for: .milliseconds(100))
            try? await listener.channel.close()
            group.cancelAll()
            return try result.get()
        }
    }

    var snapshot: Stats { stats.withLock { $0 } }

    // MARK: - HTTP

    /// Serves the requests of one connection, one after the other (keep-alive), until the client closes it.
    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                case .body(var piece):
                    body.writeBuffer(&piece)
                case .end:
                    guard let request = head else { continue }
                    let writer = ResponseWriter(outbound: outbound, keepAlive: request.isKeepAlive)
                    try await route(request, body: body, to: writer)
                    if !request.isKeepAlive { return }
                }
            }
        }
    }

    private func route(_ head: HTTPRequestHead, body: ByteBuffer, to writer: ResponseWriter) async throws {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        let authorization = head.headers["authorization"].first
        switch (head.method, path) {
        case (.GET, "/v1/models"):
            if let key = options.apiKey, authorization != "Bearer \(key)" {
                return try await writer.send(Self.error(401, "Incorrect API key provided"))
            }
            let data = options.models.map { JSONValue.object([("id", .string($0)), ("object", .string("model"))]) }
            try await writer.send(Self.json(.object([("object", .string("list")), ("data", .array(data))])))
        case (.POST, "/v1/chat/completions"):
            try await handle(body, authorization: authorization, chat: true, to: writer)
        case (.POST, "/v1/completions"):
            try await handle(body, authorization: authorization, chat: false, to: writer)
        default:
            try await writer.send(Self.error(404, "no route for \(head.method) \(path)"))
        }
    }

    private func handle(_ buffer: ByteBuffer, authorization: String?, chat: Bool, to writer: ResponseWriter)
        async throws
    {
        guard let body = try? JSONParser.parse(bytes: Array(buffer.readableBytesView)) else {
            return try await writer.send(Self.error(400, "body is not JSON"))
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
        defer { stats.withLock { $0.inFlight -= 1 } }
        if let key = options.apiKey, authorization != "Bearer \(key)" {
            return try await writer.send(Self.error(401, "Incorrect API key provided"))
        }
        let model = body["model"]?.stringValue ?? ""
        guard options.models.contains(model) else {
            return try await writer.send(Self.error(404, "The model `\(model)` does not exist."))
        }
        if options.rejectsStreamOptions && body["stream_options"] != nil {
            return try await writer.send(Self.error(400, "Unrecognized request argument supplied: stream_options"))
        }
        if options.latency > 0 { try? await Task.sleep(nanoseconds: UInt64(options.latency * 1e9)) }
        let behaviour = options.behaviour(number, prompt)
        let answer = FakeAnswer(
            text: options.completion(prompt),
            prompt: prompt,
            chat: chat,
            model: model,
            options: options
        )
        let stream = body["stream"] == .bool(true) && options.streams
        let includeUsage = body["stream_options"]?["include_usage"] == .bool(true) && options.reportsUsage
        switch behaviour {
        case .silent:
            await waitUntilStopping()
            try await writer.send(Self.error(503, "stopped"))
        case .status(let code, let retryAfter):
            var response = Self.error(code, code == 429 ? "Rate limit reached, slow down" : "Internal server error")
            if let retryAfter { response.headers.add(name: "retry-after", value: retryAfter) }
            try await writer.send(response)
        case .garbage:
            try await writer.send(
                FakeResponse(status: .ok, contentType: "application/json", body: "<html>502 Bad Gateway</html>")
            )
        case .hang:
            try await writer.start(.ok, contentType: "application/json")
            await waitUntilStopping()
            try await writer.finish()
        case .complete, .cutStream, .endEarly, .slow:
            guard stream else { return try await writer.send(Self.json(answer.whole())) }
            try await writer.start(.ok, contentType: "text/event-stream")
            try await answer.stream(behaviour, includeUsage: includeUsage, to: writer)
        }
    }

    /// Sleeps until the server stops (at most 30 s).
    private func waitUntilStopping() async {
        let start = Date()
        while !stopping.withLock({ $0 }) && Date().timeIntervalSince(start) < 30 {
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    static func json(_ value: JSONValue, status: HTTPResponseStatus = .ok) -> FakeResponse {
        FakeResponse(status: status, contentType: "application/json", body: value.jsonText)
    }

    static func error(_ code: Int, _ message: String) -> FakeResponse {
        json(
            .object([("error", .object([("message", .string(message)), ("type", .string("fake_error"))]))]),
            status: .init(statusCode: code)
        )
    }
}

/// A whole (not streamed) response of the fake server.
struct FakeResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: String

    init(status: HTTPResponseStatus, contentType: String, body: String) {
        self.status = status
        self.headers = ["content-type": contentType]
        self.body = body
    }
}

/// Writes one HTTP/1.1 response on a connection: whole (with a length), or streamed (chunked) piece by piece.
struct ResponseWriter: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    let keepAlive: Bool

    func send(_ response: FakeResponse) async throws {
        var headers = response.headers
        headers.add(name: "content-length", value: String(response.body.utf8.count))
        try await head(response.status, headers)
        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: response.body))))
        try await finish()
    }

    /// Sends the head of a streamed response; the body follows with `write` and ends with `finish`.
    func start(_ status: HTTPResponseStatus, contentType: String) async throws {
        try await head(status, ["content-type": contentType])
    }

    func write(_ text: String) async throws {
        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: text))))
    }

    func finish() async throws {
        try await outbound.write(.end(nil))
    }

    private func head(_ status: HTTPResponseStatus, _ headers: HTTPHeaders) async throws {
        var headers = headers
        if !keepAlive { headers.add(name: "connection", value: "close") }
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
    }
}

/// Thrown by the fake server to break a connection mid-stream (the connection is closed without ending the body).
struct CutConnection: Error {}
