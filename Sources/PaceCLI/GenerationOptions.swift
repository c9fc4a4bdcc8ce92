// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceGeneration

/// Which API of the server to call.
enum APIChoice: String, EnumerableFlag {
    case chat
    case completion

    static func help(for value: APIChoice) -> ArgumentHelp? {
        switch value {
        case .chat: return "Use /chat/completions with the instruct template."
        case .completion: return "Use /completions (legacy) with the base template: the model continues the prompt."
        }
    }
}

/// Settings of generation from an OpenAI-compatible server, shared by `generate` and `run`.
struct GenerationOptions: ParsableArguments {
    @Option(help: "Model name as the server knows it, e.g. Qwen/Qwen2.5-Coder-7B-Instruct or qwen2.5-coder:7b.")
    var model: String

    @Option(
        help:
            "Base URL of the OpenAI-compatible server: http://localhost:8000/v1 (vLLM), http://localhost:11434/v1 (Ollama)."
    )
    var baseURL: String

    @Option(
        help: "Environment variable holding the API key (default: OPENAI_API_KEY when set; no key is sent otherwise)."
    )
    var apiKeyEnv: String?

    @Option(help: "Samples per task (one request each).")
    var n: Int = 10

    @Option(help: "Sampling temperature.")
    var temperature: Double = 0.2

    @Option(help: "Nucleus sampling top_p (default: the server's).")
    var topP: Double?

    @Option(help: "Most tokens per completion.")
    var maxTokens: Int = 1024

    @Option(help: "Sampling seed; sample i is sent seed+i (for servers that honour seeds).")
    var generationSeed: Int?

    @Option(help: "Requests in flight at once.")
    var concurrency: Int = 8

    @Flag(help: "Which API to call.")
    var api: APIChoice = .chat

    @Option(
        help:
            "Prompt template: instruct (ask for a complete function, code only) or base (the model completes the prompt). Default: instruct with --chat, base with --completion."
    )
    var template: String?

    @Option(
        help:
            "A template file: its text is the user message, with {prompt} and {entry_point}; a first line 'system: …' sets the system message."
    )
    var templateFile: String?

    @Option(
        help: "Prices in US dollars per million tokens, input,output (e.g. 0.15,0.60); records cost_usd per sample."
    )
    var pricePerMtok: String?

    @Option(help: "Most seconds per request attempt, from sending to the last byte.")
    var requestTimeout: Double = 300

    @Option(help: "Most seconds without a byte from the server before an attempt is abandoned.")
    var stallTimeout: Double = 120

    @Option(help: "Retries of a request after 429, 5xx, connection errors, timeouts or cut streams.")
    var retries: Int = 5

    @Option(help: "Seconds before the first retry; doubles each retry (with jitter, at most 60 s). Retry-After wins.")
    var retryDelay: Double = 1

    @Flag(help: "Do not ask for streamed answers (time to first token is then not measured).")
    var noStream = false

    @Option(help: "Response cache directory (default: $PACE_CACHE_DIR/generation or ~/.cache/pace/generation).")
    var responseCache: String?

    func validate() throws {
        guard n >= 1 else { throw ValidationError("--n must be at least 1.") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1.") }
        guard maxTokens >= 1 else { throw ValidationError("--max-tokens must be at least 1.") }
        guard temperature >= 0 else { throw ValidationError("--temperature must not be negative.") }
        guard retries >= 0, retryDelay >= 0 else {
            throw ValidationError("--retries and --retry-delay must not be negative.")
        }
        guard requestTimeout > 0, stallTimeout > 0 else {
            throw ValidationError("--request-timeout and --stall-timeout must be positive.")
        }
        if let template, !["instruct", "base"].contains(template) {
            throw ValidationError("--template must be instruct or base (or give --template-file).")
        }
        if let pricePerMtok, Price(parsing: pricePerMtok) == nil {
            throw ValidationError("--price-per-mtok must be two non-negative numbers, input,output, like 0.15,0.60.")
        }
    }

    /// Builds the configuration.
    ///
    /// - Throws: `ValidationError` for a bad URL, an unset key variable or an unreadable template file.
    func configuration() throws -> GenerationConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var key: String?
        if let apiKeyEnv {
            guard let value = environment[apiKeyEnv], !value.isEmpty else {
                throw ValidationError("--api-key-env names \(apiKeyEnv), but that environment variable is not set.")
            }
            key = value
        } else {
            key = environment["OPENAI_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        }
        let kind: APIKind = api == .chat ? .chat : .completion
        let cacheRoot = defaultCacheDirectory()
        do {
            let endpoint = try Endpoint(baseURL: baseURL, kind: kind, apiKey: key)
            var configuration = GenerationConfiguration(
                endpoint: endpoint,
                model: model,
                cacheDirectory: responseCache ?? cacheRoot + "/generation"
            )
            configuration.samplesPerTask = n
            configuration.temperature = temperature
            configuration.topP = topP
            configuration.maxTokens = maxTokens
            configuration.seed = generationSeed
            configuration.concurrency = concurrency
            configuration.stream = !noStream
            configuration.requestTimeout = requestTimeout
            configuration.stallTimeout = stallTimeout
            configuration.retry = RetryPolicy(maxRetries: retries, baseDelay: retryDelay)
            configuration.price = pricePerMtok.flatMap(Price.init(parsing:))
            let continuesPrompt = (template ?? (kind == .chat ? "instruct" : "base")) == "base"
            if let templateFile {
                configuration.template = try PromptTemplate.load(path: templateFile, continuesPrompt: continuesPrompt)
            } else {
                configuration.template = continuesPrompt ? .base : .instruct
            }
            return configuration
        } catch {
            throw ValidationError(error.message)
        }
    }
}
