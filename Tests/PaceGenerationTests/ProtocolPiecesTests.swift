// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import Testing

import PaceGeneration

@Suite("Endpoints, retry policy, server-sent events")
struct ProtocolPiecesTests {
    @Test(
        "normalises base URLs",
        arguments: [
            ("http://localhost:8000/v1", "http://localhost:8000/v1/chat/completions"),
            ("http://localhost:11434", "http://localhost:11434/v1/chat/completions"),
            ("http://localhost:11434/", "http://localhost:11434/v1/chat/completions"),
            ("https://api.example.com/openai/v1/", "https://api.example.com/openai/v1/chat/completions"),
            ("http://127.0.0.1:8080/v1/chat/completions", "http://127.0.0.1:8080/v1/chat/completions"),
        ]
    )
    func baseURLs(input: String, expected: String) throws {
        #expect(try Endpoint(baseURL: input, kind: .chat).completionsURL == expected)
    }

    @Test(
        "rejects URLs that are not http(s) with a host",
        arguments: ["localhost:8000", "ftp://host/v1", "http://", ""]
    )
    func badURLs(input: String) {
        #expect(throws: GenerationError.self) { try Endpoint(baseURL: input, kind: .chat) }
    }

    @Test("keeps the API key out of descriptions")
    func keyHidden() throws {
        let endpoint = try Endpoint(baseURL: "http://h/v1", kind: .completion, apiKey: "sk-secret")
        #expect(!endpoint.description.contains("sk-secret") && endpoint.description.contains("/v1/completions"))
    }

    @Test("reads Retry-After as seconds or as an HTTP date")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryPolicy.parseRetryAfter("2", now: now) == 2)
        #expect(RetryPolicy.parseRetryAfter(" 0.5 ", now: now) == 0.5)
        #expect(RetryPolicy.parseRetryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now: now) == 10)
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
    }

    @Test("backs off exponentially with equal jitter, capped, and lets Retry-After win")
    func backoff() {
        let policy = RetryPolicy(maxRetries: 5, baseDelay: 1, maxDelay: 8, maxRetryAfter: 30)
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil, random: 0) == 0.5)
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil, random: 0.999) < 1)
        #expect(policy.delay(beforeRetry: 3, retryAfter: nil, random: 0) == 2)
        #expect(policy.delay(beforeRetry: 10, retryAfter: nil, random: 1) == 8)
        #expect(policy.delay(beforeRetry: 1, retryAfter: 12, random: 0.5) == 12)
        #expect(policy.delay(beforeRetry: 1, retryAfter: 3600, random: 0.5) == 30)
    }

    @Test("parses server-sent events split anywhere, with CRLF, comments and multi-line data")
    func serverSentEvents() {
        let text = ": keep-alive\r\n\r\ndata: {\"a\":1}\r\n\r\nevent: x\ndata: line1\ndata: line2\n\ndata: [DONE]"
        for split in [1, 2, 3, 7, 1000] {
            var parser = ServerSentEventParser()
            var events: [String] = []
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                events += parser.feed(bytes.prefix(split))
                bytes = bytes.dropFirst(split)
            }
            if let last = parser.finish() { events.append(last) }
            #expect(events == ["{\"a\":1}", "line1\nline2", "[DONE]"], "split \(split)")
        }
    }

    @Test("parses prices per million tokens")
    func prices() {
        #expect(Price(parsing: "0.15,0.60") == Price(inputPerMillion: 0.15, outputPerMillion: 0.6))
        #expect(Price(parsing: "1") == nil && Price(parsing: "-1,2") == nil)
        #expect(
            Price(inputPerMillion: 2, outputPerMillion: 10).cost(
                of: TokenUsage(promptTokens: 1_000, completionTokens: 500, source: .server)
            ) == 0.007
        )
    }
}
