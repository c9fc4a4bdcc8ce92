// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation

/// Which OpenAI-compatible API a request goes to.
public enum APIKind: String, Sendable, Hashable, CaseIterable {
    /// `POST /v1/chat/completions`: messages in, a message out. For instruction-tuned models.
    case chat
    /// `POST /v1/completions`: a prompt in, its continuation out. For base models.
    case completion
}

/// An OpenAI-compatible server: its base URL, the API used, and the key sent with each request.
///
/// The key is kept out of ``description`` and out of every file Pace writes.
public struct Endpoint: Sendable, Hashable {
    /// The base URL, normalised to end in the API version (for example `http://localhost:8000/v1`), no trailing slash.
    public var baseURL: String
    public var kind: APIKind
    /// Sent as `Authorization: Bearer …` when set.
    public var apiKey: String?

    /// Validates and normalises `baseURL`.
    ///
    /// A URL with no path gets `/v1` (`http://localhost:11434` becomes `http://localhost:11434/v1`); a pasted
    /// `…/chat/completions` or `…/completions` suffix is dropped.
    ///
    /// - Throws: ``GenerationError`` with code `badConfiguration` when the URL is not http(s) with a host.
    public init(baseURL: String, kind: APIKind, apiKey: String? = nil) throws(GenerationError) {
        var text = baseURL.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        for suffix in ["/chat/completions", "/completions"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            throw GenerationError(
                .badConfiguration,
                "--base-url '\(baseURL)' is not an http(s) URL with a host; for example http://localhost:8000/v1"
            )
        }
        if url.path.isEmpty || url.path == "/" { text += "/v1" }
        self.baseURL = text
        self.kind = kind
        self.apiKey = apiKey
    }

    /// The URL completions are requested from.
    public var completionsURL: String {
        baseURL + (kind == .chat ? "/chat/completions" : "/completions")
    }

    /// The URL that lists the server's models.
    public var modelsURL: String { baseURL + "/models" }
}

extension Endpoint: CustomStringConvertible {
    public var description: String {
        "\(completionsURL)" + (apiKey == nil ? "" : " (with an API key)")
    }
}

/// A price per million tokens, in US dollars.
public struct Price: Sendable, Hashable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double

    public init(inputPerMillion: Double, outputPerMillion: Double) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    /// Parses `in,out` (for example `0.15,0.60`); nil when it is not two non-negative numbers.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let input = parts[0], let output = parts[1], input >= 0, output >= 0 else { return nil }
        self.init(inputPerMillion: input, outputPerMillion: output)
    }

    /// The cost of one request, in US dollars.
    public func cost(of usage: TokenUsage) -> Double {
        (Double(usage.promptTokens) * inputPerMillion + Double(usage.completionTokens) * outputPerMillion) / 1e6
    }
}
