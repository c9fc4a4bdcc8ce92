// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore

/// Tokens a request used, and where the numbers come from.
public struct TokenUsage: Sendable, Hashable {
    /// Where token counts come from.
    public enum Source: String, Sendable, Hashable {
        /// The server's `usage` object.
        case server
        /// Counted by Pace because the server sent none: completion tokens are the streamed content chunks (one
        /// token each on vLLM, Ollama, llama.cpp and OpenAI); prompt tokens, and completion tokens of an unstreamed
        /// answer, are estimated at 4 bytes of UTF-8 per token.
        case counted
    }

    public var promptTokens: Int
    public var completionTokens: Int
    public var source: Source

    public init(promptTokens: Int, completionTokens: Int, source: Source) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.source = source
    }

    /// The estimate used when nothing better is known: 4 bytes of UTF-8 per token, rounded up.
    public static func estimate(_ text: String) -> Int { (text.utf8.count + 3) / 4 }

    /// As written in samples and the cache: `{prompt_tokens, completion_tokens, source}`.
    public var json: JSONValue {
        .object([
            ("prompt_tokens", .number("\(promptTokens)")),
            ("completion_tokens", .number("\(completionTokens)")),
            ("source", .string(source.rawValue)),
        ])
    }

    /// Reads ``json``, or an OpenAI `usage` object (which has no `source`: it is the server's).
    public init?(json: JSONValue) {
        guard let prompt = json["prompt_tokens"]?.intValue, let completion = json["completion_tokens"]?.intValue else {
            return nil
        }
        let source = json["source"]?.stringValue.flatMap(Source.init(rawValue:)) ?? .server
        self.init(promptTokens: prompt, completionTokens: completion, source: source)
    }
}

/// One complete answer from the server, with what it cost in tokens and time.
public struct CompletionResponse: Sendable, Hashable {
    /// The completion text as the model wrote it.
    public var text: String
    /// `stop`, `length`, …, as the server reported it.
    public var finishReason: String?
    /// Tokens used, from the server or counted.
    public var usage: TokenUsage
    /// Seconds from sending the request to the last byte of the answer (the successful attempt only).
    ///
    /// Times are kept to the microsecond, as they are cached.
    public var latency: Double
    /// Seconds from sending the request to the first content token; nil unless streamed.
    public var timeToFirstToken: Double?
    /// Mean seconds between content chunks after the first; nil unless streamed with two chunks or more.
    public var interTokenLatency: Double?
    /// Whether the answer came as server-sent events.
    public var streamed: Bool
    /// Attempts it took (1 when the first succeeded).
    public var attempts: Int

    public init(
        text: String,
        finishReason: String?,
        usage: TokenUsage,
        latency: Double,
        timeToFirstToken: Double? = nil,
        interTokenLatency: Double? = nil,
        streamed: Bool,
        attempts: Int = 1
    ) {
        func microseconds(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
        self.text = text
        self.finishReason = finishReason
        self.usage = usage
        self.latency = microseconds(latency)
        self.timeToFirstToken = timeToFirstToken.map(microseconds)
        self.interTokenLatency = interTokenLatency.map(microseconds)
        self.streamed = streamed
        self.attempts = attempts
    }

    /// Completion tokens per second of generation: after the first token when streamed, over the whole
    /// latency otherwise; nil when it cannot be told.
    public var tokensPerSecond: Double? {
        let span = latency - (timeToFirstToken ?? 0)
        let tokens = usage.completionTokens - (timeToFirstToken == nil ? 0 : 1)
        guard span > 0, tokens > 0 else { return nil }
        return Double(tokens) / span
    }
}

// MARK: - Cache records

extension CompletionResponse {
    /// The fields stored in the response cache.
    var cacheMembers: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("text", .string(text)),
            ("finish_reason", finishReason.map { .string($0) } ?? .null),
            ("usage", usage.json),
            ("latency_s", rounded(latency)),
        ]
        if let timeToFirstToken { members.append(("ttft_s", rounded(timeToFirstToken))) }
        if let interTokenLatency { members.append(("itl_s", rounded(interTokenLatency))) }
        members.append(("streamed", .bool(streamed)))
        members.append(("attempts", .number("\(attempts)")))
        return members
    }

    /// Reads a cache record; nil when a required field is missing.
    init?(cacheRecord record: JSONValue) {
        guard let text = record["text"]?.stringValue, let usage = record["usage"].flatMap(TokenUsage.init(json:)),
            let latency = record["latency_s"]?.doubleValue
        else { return nil }
        self.init(
            text: text,
            finishReason: record["finish_reason"]?.stringValue,
            usage: usage,
            latency: latency,
            timeToFirstToken: record["ttft_s"]?.doubleValue,
            interTokenLatency: record["itl_s"]?.doubleValue,
            streamed: record["streamed"] == .bool(true),
            attempts: record["attempts"]?.intValue ?? 1
        )
    }
}

// MARK: - Reading server bodies

enum ResponseBody {
    /// The text of the first choice of a chat or completion body (or of a streamed chunk).
    static func choiceText(_ body: JSONValue, kind: APIKind) -> (text: String?, finishReason: String?, isChoice: Bool) {
        guard let choice = body["choices"]?.arrayValue?.first else { return (nil, nil, false) }
        let finish = choice["finish_reason"]?.stringValue
        switch kind {
        case .chat:
            let message = choice["delta"] ?? choice["message"]
            return (message?["content"]?.stringValue, finish, true)
        case .completion:
            return (choice["text"]?.stringValue, finish, true)
        }
    }

    /// The server's explanation in an error body (OpenAI's `error.message`, FastAPI's `detail`, …), shortened.
    static func errorMessage(_ bytes: [UInt8]) -> String {
        let fallback = String(decoding: bytes.prefix(300), as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        guard let body = try? JSONParser.parse(bytes: bytes) else {
            return fallback.isEmpty ? "(empty body)" : fallback
        }
        let candidates = [
            body["error"]?["message"], body["error"], body["detail"], body["message"],
            body["detail"]?.arrayValue?.first?["msg"],
        ]
        for candidate in candidates {
            if let text = candidate?.stringValue, !text.isEmpty { return String(text.prefix(300)) }
        }
        return String(body.jsonText.prefix(300))
    }
}
