// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore

/// Every setting of a generation run. The defaults suit code generation with a local vLLM or Ollama server.
public struct GenerationConfiguration: Sendable {
    /// The server, its API and key.
    public var endpoint: Endpoint
    /// The model name the server knows (`Qwen/Qwen2.5-Coder-7B-Instruct`, `qwen2.5-coder:7b`).
    public var model: String
    /// Samples per task, one request each. The default is 10.
    public var samplesPerTask = 10
    /// Sampling temperature. The default is 0.2 (the usual setting for pass@1 with 10 samples).
    public var temperature = 0.2
    /// Nucleus sampling; nil leaves the server's default. The default is nil.
    public var topP: Double?
    /// Most tokens a completion may have. The default is 1024.
    public var maxTokens = 1024
    /// Base seed; sample `i` is sent `seed + i`, for servers that honour it. The default is nil (no seed).
    public var seed: Int?
    /// Requests in flight at once. The default is 8.
    public var concurrency = 8
    /// Ask for server-sent events, to measure time to first token. The default is true.
    public var stream = true
    /// How prompts are put. The default is ``PromptTemplate/instruct``.
    public var template: PromptTemplate = .instruct
    /// Most seconds a request may take from sending to its last byte, per attempt. The default is 300.
    public var requestTimeout: Double = 300
    /// Most seconds without a byte from the server before the attempt is abandoned. The default is 120.
    public var stallTimeout: Double = 120
    /// When failed requests are tried again. The default is ``RetryPolicy/init(maxRetries:baseDelay:maxDelay:maxRetryAfter:)``'s.
    public var retry = RetryPolicy()
    /// Prices for `cost_usd`; nil records no cost. The default is nil.
    public var price: Price?
    /// Where responses are cached (one JSONL file per endpoint and model).
    public var cacheDirectory: String

    /// The defaults, for `model` at `endpoint`, caching in `cacheDirectory`.
    public init(endpoint: Endpoint, model: String, cacheDirectory: String) {
        self.endpoint = endpoint
        self.model = model
        self.cacheDirectory = cacheDirectory
    }

    /// The settings as JSON, for the run's record. The API key is never included.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("endpoint", .string(endpoint.completionsURL)),
            ("api", .string(endpoint.kind.rawValue)),
            ("model", .string(model)),
            ("n", .number("\(samplesPerTask)")),
            ("temperature", .number(jsonNumber(temperature))),
            ("max_tokens", .number("\(maxTokens)")),
            ("stream", .bool(stream)),
            ("concurrency", .number("\(concurrency)")),
            ("request_timeout_s", .number(jsonNumber(requestTimeout))),
            ("max_retries", .number("\(retry.maxRetries)")),
        ]
        if let topP { members.append(("top_p", .number(jsonNumber(topP)))) }
        if let seed { members.append(("seed", .number("\(seed)"))) }
        if let price {
            members.append(
                (
                    "price_per_mtok",
                    .object([
                        ("input", .number(jsonNumber(price.inputPerMillion))),
                        ("output", .number(jsonNumber(price.outputPerMillion))),
                    ])
                )
            )
        }
        members.append(("template", template.json))
        return .object(members)
    }
}

/// Number text for JSON: integers without `.0`, non-finite values as `0` (never written by Pace).
func jsonNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    var text = "\(value)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}

/// A JSON number rounded to microseconds (or millionths), as Pace writes times.
func rounded(_ value: Double) -> JSONValue {
    .number(jsonNumber((value * 1e6).rounded() / 1e6))
}
