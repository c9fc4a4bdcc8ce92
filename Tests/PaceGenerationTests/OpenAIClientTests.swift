// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceGeneration
import Testing

@Suite("OpenAI client against a live local server", .serialized)
struct OpenAIClientTests {
    static let answer = FakeOpenAIServer.Options(completion: { _ in fencedAdd })

    @Test("streams a chat completion, with the server's usage, TTFT and inter-token latency")
    func streamsChat() async throws {
        try await FakeOpenAIServer.with(Self.answer) { server in
            let response = try await completeOnce(try testConfiguration(server)).get()
            #expect(response.text == fencedAdd)
            #expect(response.streamed)
            #expect(response.finishReason == "stop")
            #expect(
                response.usage
                    == TokenUsage(
                        promptTokens: server.snapshot.prompts[0].utf8.count / 3,
                        completionTokens: (fencedAdd.count + 3) / 4,
                        source: .server
                    )
            )
            #expect(response.timeToFirstToken.map { $0 > 0 && $0 <= response.latency } == true)
            #expect(response.interTokenLatency != nil)
            #expect(response.attempts == 1)
            let body = server.snapshot.bodies[0]
            #expect(body["stream"] == .bool(true))
            #expect(body["stream_options"]?["include_usage"] == .bool(true))
            #expect(body["model"] == .string("fake-model"))
        }
    }

    @Test("counts tokens from the stream when the server reports no usage")
    func countsTokens() async throws {
        var options = Self.answer
        options.reportsUsage = false
        try await FakeOpenAIServer.with(options) { server in
            let configuration = try testConfiguration(server)
            let response = try await completeOnce(configuration).get()
            let plan = RequestPlan(task: addTask(), sampleIndex: 0, configuration: configuration)
            #expect(response.usage.source == .counted)
            #expect(response.usage.completionTokens == (fencedAdd.count + 3) / 4)
            #expect(response.usage.promptTokens == TokenUsage.estimate(plan.promptText))
        }
    }

    @Test("reads a plain JSON answer, asked for or not")
    func readsJSON() async throws {
        try await FakeOpenAIServer.with(Self.answer) { server in
            let plain = try await completeOnce(try testConfiguration(server) { $0.stream = false }).get()
            #expect(plain.text == fencedAdd && !plain.streamed && plain.timeToFirstToken == nil)
            #expect(plain.usage.source == .server)
            #expect(server.snapshot.bodies[0]["stream"] == nil)
        }
        var options = Self.answer
        options.streams = false
        try await FakeOpenAIServer.with(options) { server in
            let ignored = try await completeOnce(try testConfiguration(server)).get()
            #expect(ignored.text == fencedAdd && !ignored.streamed)
        }
    }

    @Test("uses the legacy completions endpoint with the prompt as is")
    func legacyCompletions() async throws {
        try await FakeOpenAIServer.with(.init(completion: { _ in "    return x + y\n" })) { server in
            let response = try await completeOnce(try testConfiguration(server, kind: .completion)).get()
            #expect(response.text == "    return x + y\n")
            let body = server.snapshot.bodies[0]
            #expect(body["prompt"] == .string(Prompts.add))
            #expect(body["stop"]?.arrayValue?.count == 4)
        }
    }

    @Test("waits as Retry-After says after a 429, then succeeds")
    func honoursRetryAfter() async throws {
        var options = Self.answer
        options.behaviour = { number, _ in number == 0 ? .status(429, retryAfter: "1") : .complete }
        try await FakeOpenAIServer.with(options) { server in
            var response: CompletionResponse?
            let elapsed = try await seconds { response = try await completeOnce(try testConfiguration(server)).get() }
            #expect(response?.attempts == 2)
            #expect(elapsed >= 0.95)
            #expect(server.snapshot.requests == 2)
        }
    }

    @Test("retries 5xx with backoff, and gives up after the last retry")
    func retriesServerErrors() async throws {
        var options = Self.answer
        options.behaviour = { number, _ in number < 2 ? .status(500) : .complete }
        try await FakeOpenAIServer.with(options) { server in
            let response = try await completeOnce(try testConfiguration(server)).get()
            #expect(response.attempts == 3)
        }
        options.behaviour = { _, _ in .status(503) }
        try await FakeOpenAIServer.with(options) { server in
            let result = await completeOnce(try testConfiguration(server) { $0.retry.maxRetries = 2 })
            guard case .failure(let failure) = result else { Issue.record("expected a failure"); return }
            #expect(failure.error.code == .serverError && failure.error.status == 503 && failure.attempts == 3)
            #expect(server.snapshot.requests == 3)
        }
    }

    @Test("retries a stream cut half-way, and keeps the partial text when it keeps breaking")
    func retriesCutStreams() async throws {
        var options = Self.answer
        options.behaviour = { number, _ in number == 0 ? .cutStream(afterChunks: 3) : .complete }
        try await FakeOpenAIServer.with(options) { server in
            let response = try await completeOnce(try testConfiguration(server)).get()
            #expect(response.attempts == 2 && response.text == fencedAdd)
        }
        options.behaviour = { _, _ in .cutStream(afterChunks: 3) }
        try await FakeOpenAIServer.with(options) { server in
            let result = await completeOnce(try testConfiguration(server) { $0.retry.maxRetries = 1 })
            guard case .failure(let failure) = result else { Issue.record("expected a failure"); return }
            #expect(failure.error.code == .truncatedStream)
            // The server aborts the connection after its three chunks; under load the abort can overtake some of
            // them, so the text kept may be shorter or missing — but it is always a prefix of what was sent.
            let sent = String(fencedAdd.prefix(12))
            #expect(failure.partialText.map { sent.hasPrefix($0) } ?? true, "kept \(failure.partialText ?? "nil")")
            #expect(failure.attempts == 2)
        }
        options.behaviour = { _, _ in .endEarly(afterChunks: 2) }
        try await FakeOpenAIServer.with(options) { server in
            let result = await completeOnce(try testConfiguration(server) { $0.retry.maxRetries = 0 })
            guard case .failure(let failure) = result else { Issue.record("expected a failure"); return }
            #expect(failure.error.code == .truncatedStream && failure.error.message.contains("without [DONE]"))
        }
    }

    @Test("reports a body that is not JSON as malformed")
    func malformedBody() async throws {
        var options = Self.answer
        options.behaviour = { _, _ in .garbage }
        try await FakeOpenAIServer.with(options) { server in
            let result = await completeOnce(try testConfiguration(server) { $0.retry.maxRetries = 1 })
            guard case .failure(let failure) = result else { Issue.record("expected a failure"); return }
            #expect(failure.error.code == .malformedResponse && failure.error.message.contains("502 Bad Gateway"))
            #expect(failure.attempts == 2)
        }
    }

    @Test("measures a slow stream's time to first token and inter-token latency")
    func slowStream() async throws {
        var options = FakeOpenAIServer.Options(completion: { _ in "abcdefghijklmnopqrst" })
        options.behaviour = { _, _ in .slow(delay: 0.05) }
        try await FakeOpenAIServer.with(options) { server in
            let response = try await completeOnce(try testConfiguration(server)).get()
            #expect(response.text == "abcdefghijklmnopqrst")
            #expect((response.timeToFirstToken ?? 0) >= 0.04)
            #expect((response.interTokenLatency ?? 0) >= 0.04)
            #expect(response.latency >= 0.2)
        }
    }

    @Test("gives up on a server that never answers", arguments: [FakeBehaviour.hang, .silent])
    func neverAnswers(_ behaviour: FakeBehaviour) async throws {
        var options = Self.answer
        options.behaviour = { _, _ in behaviour }
        try await FakeOpenAIServer.with(options) { server in
            var result: Result<CompletionResponse, RequestFailure>?
            let configuration = try testConfiguration(server) {
                $0.retry.maxRetries = 0
                $0.requestTimeout = 0.6
                $0.stallTimeout = 0.3
            }
            let elapsed = await seconds { result = await completeOnce(configuration) }
            guard case .failure(let failure) = result else { Issue.record("expected a failure"); return }
            #expect(failure.error.code == .timeout)
            #expect(elapsed < 3)
        }
    }

    @Test("does not retry a refused key or an unknown model")
    func fatalStatuses() async throws {
        var options = Self.answer
        options.apiKey = "right"
        try await FakeOpenAIServer.with(options) { server in
            let configuration = try testConfiguration(server) { $0.endpoint.apiKey = "wrong" }
            guard case .failure(let failure) = await completeOnce(configuration) else {
                Issue.record("expected a failure"); return
            }
            #expect(failure.error.code == .unauthorized && failure.error.status == 401 && failure.attempts == 1)
            #expect(failure.error.code.isFatal)
            #expect(!failure.error.description.contains("wrong"))
            let accepted = try await completeOnce(try testConfiguration(server) { $0.endpoint.apiKey = "right" }).get()
            #expect(accepted.text == fencedAdd)
        }
        try await FakeOpenAIServer.with(Self.answer) { server in
            guard case .failure(let failure) = await completeOnce(try testConfiguration(server) { $0.model = "gpt-9" })
            else {
                Issue.record("expected a failure")
                return
            }
            #expect(
                failure.error.code == .modelNotFound && failure.error.message.contains("gpt-9") && failure.attempts == 1
            )
        }
    }

    @Test("fails fast when nothing listens on the port")
    func unreachable() async throws {
        let port = try await FakeOpenAIServer.with(Self.answer) { $0.port }
        var configuration = GenerationConfiguration(
            endpoint: try Endpoint(baseURL: "http://127.0.0.1:\(port)/v1", kind: .chat),
            model: "fake-model",
            cacheDirectory: temporaryDirectory()
        )
        configuration.retry = RetryPolicy(maxRetries: 2, baseDelay: 0.01)
        var result: Result<CompletionResponse, RequestFailure>?
        let elapsed = await seconds { result = await completeOnce(configuration) }
        guard case .failure(let failure) = result else { Issue.record("expected a failure"); return }
        #expect(failure.error.code == .unreachable && failure.error.code.isFatal)
        #expect(failure.attempts == 3)
        #expect(elapsed < 5)
    }

    @Test("retries without stream_options when the server rejects them")
    func streamOptionsFallback() async throws {
        var options = Self.answer
        options.rejectsStreamOptions = true
        options.reportsUsage = false
        try await FakeOpenAIServer.with(options) { server in
            let response = try await completeOnce(try testConfiguration(server)).get()
            #expect(response.text == fencedAdd && response.usage.source == .counted)
            #expect(server.snapshot.requests == 2)
            #expect(server.snapshot.bodies[1]["stream_options"] == nil)
        }
    }
}
