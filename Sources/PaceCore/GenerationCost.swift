// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// What generating a sample cost, read from the sample's extra fields when the generator recorded it.
///
/// Recognised fields (the first present wins):
/// - tokens: `usage.prompt_tokens` / `usage.completion_tokens` (OpenAI), `usage.input_tokens` /
///   `usage.output_tokens` (Anthropic), or the same names at the top level;
/// - latency: `latency_s`, `latency` (seconds) or `latency_ms`;
/// - cost: `cost_usd`, or `usage.cost_usd`.
public struct GenerationCost: Sendable, Hashable {
    /// Tokens in the prompt.
    public var promptTokens: Int?
    /// Tokens generated.
    public var completionTokens: Int?
    /// Time from request to complete response, seconds.
    public var latencySeconds: Double?
    /// Price of the request, US dollars.
    public var costUSD: Double?

    /// Creates a cost record.
    public init(
        promptTokens: Int? = nil,
        completionTokens: Int? = nil,
        latencySeconds: Double? = nil,
        costUSD: Double? = nil
    ) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.latencySeconds = latencySeconds
        self.costUSD = costUSD
    }

    /// Reads the recognised fields of `extra`.
    public init(extra: [(String, JSONValue)]) {
        let record = JSONValue.object(extra)
        let usage = record["usage"]
        func integer(_ names: String...) -> Int? {
            for name in names {
                if let value = usage?[name] ?? record[name],
                    let number = value.intValue ?? value.doubleValue.flatMap({ Int(exactly: $0.rounded()) })
                {
                    return number
                }
            }
            return nil
        }
        promptTokens = integer("prompt_tokens", "input_tokens")
        completionTokens = integer("completion_tokens", "output_tokens")
        if let seconds = (record["latency_s"] ?? record["latency"])?.doubleValue {
            latencySeconds = seconds
        } else {
            latencySeconds = record["latency_ms"]?.doubleValue.map { $0 / 1000 }
        }
        costUSD = (record["cost_usd"] ?? usage?["cost_usd"])?.doubleValue
    }

    /// Whether no field was found.
    public var isEmpty: Bool {
        promptTokens == nil && completionTokens == nil && latencySeconds == nil && costUSD == nil
    }
}
