// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// What generating the samples cost, per model, from the fields `pace generate` puts in each sample's `extra`
/// (`model`, `usage`, `latency_s`, `ttft_s`, `tokens_per_s`, `cost_usd`, `error`). Pure: results in, JSON out.
///
/// Definitions, per model:
/// - `cost_of_pass_usd`: the expected cost of one correct sample, total cost ÷ correct samples (Erol et al.,
///   "Cost-of-Pass"); `cost_of_pass_tokens` likewise in prompt + completion tokens. Null when none is correct
///   (the expected cost is infinite).
/// - `tokens_per_correct_sample`: mean prompt + completion tokens of the correct samples.
/// - `tokens_per_eff1`, `cost_per_eff1_usd`: mean tokens (cost) per sample ÷ eff@1, the efficiency analogue of
///   cost-of-pass; present when samples carry efficiency scores, null when eff@1 is 0.
/// - Latency percentiles interpolate linearly between order statistics (NumPy's default).
public enum CostAccounting {
    /// The `extra` fields that mark a result as generated.
    public static let markerFields: Set<String> = ["usage", "latency_s", "raw_completion"]

    /// Whether any result carries generation fields.
    public static func hasGenerationFields(_ results: [SampleResult]) -> Bool {
        results.contains { result in result.extra.contains { markerFields.contains($0.0) } }
    }

    /// The per-model accounting: `{"models": {name: {...}}}`, models in order of first appearance.
    public static func summary(_ results: [SampleResult]) -> JSONValue {
        var order: [String] = []
        var groups: [String: [SampleResult]] = [:]
        for result in results where result.extra.contains(where: { markerFields.contains($0.0) }) {
            let model = field(result, "model")?.stringValue ?? "unknown"
            if groups[model] == nil { order.append(model) }
            groups[model, default: []].append(result)
        }
        return .object([("models", .object(order.map { ($0, modelSummary(groups[$0] ?? [])) }))])
    }

    // MARK: - One model

    static func modelSummary(_ results: [SampleResult]) -> JSONValue {
        let correct = results.filter(\.verdict.passed)
        let prompt = results.map { tokens($0, "prompt_tokens") }
        let completion = results.map { tokens($0, "completion_tokens") }
        let total = zip(prompt, completion).map { Double($0 + $1) }
        let totalTokens = total.reduce(0, +)
        let costs = results.compactMap { field($0, "cost_usd")?.doubleValue }
        let totalCost = costs.reduce(0, +)
        let c = Double(correct.count)
        var members: [(String, JSONValue)] = [
            ("samples", .number("\(results.count)")),
            ("correct", .number("\(correct.count)")),
            ("failed_requests", .number("\(results.filter { field($0, "error") != nil }.count)")),
            ("pass@1", number(rounded(passAtOne(results)))),
            ("prompt_tokens", totals(prompt.map(Double.init))),
            ("completion_tokens", totals(completion.map(Double.init))),
            ("usage_source", usageSources(results)),
            (
                "tokens_per_correct_sample",
                c > 0
                    ? number(
                        rounded(
                            correct.map { Double(tokens($0, "prompt_tokens") + tokens($0, "completion_tokens")) }
                                .reduce(0, +) / c
                        )
                    ) : .null
            ),
            ("cost_of_pass_tokens", c > 0 ? number(rounded(totalTokens / c)) : .null),
        ]
        if !costs.isEmpty {
            members.append(
                (
                    "cost_usd",
                    .object([
                        ("total", number(dollars(totalCost))),
                        ("mean", number(dollars(totalCost / Double(results.count)))),
                    ])
                )
            )
            members.append(("cost_of_pass_usd", c > 0 ? number(dollars(totalCost / c)) : .null))
        }
        if results.contains(where: { $0.efficiency != nil }) {
            let eff1 = effAtOne(results)
            members.append(("eff@1", number(rounded(eff1))))
            members.append(
                ("tokens_per_eff1", eff1 > 0 ? number(rounded(totalTokens / Double(results.count) / eff1)) : .null)
            )
            if !costs.isEmpty {
                members.append(
                    ("cost_per_eff1_usd", eff1 > 0 ? number(dollars(totalCost / Double(results.count) / eff1)) : .null)
                )
            }
        }
        members.append(("latency_s", distribution(results.compactMap { field($0, "latency_s")?.doubleValue })))
        members.append(("ttft_s", distribution(results.compactMap { field($0, "ttft_s")?.doubleValue })))
        members.append(("tokens_per_s", distribution(results.compactMap { field($0, "tokens_per_s")?.doubleValue })))
        return .object(members)
    }

    /// Mean over tasks of the fraction of correct samples.
    static func passAtOne(_ results: [SampleResult]) -> Double {
        var byTask: [String: (Int, Int)] = [:]
        for result in results {
            byTask[result.taskID, default: (0, 0)].0 += 1
            if result.verdict.passed { byTask[result.taskID, default: (0, 0)].1 += 1 }
        }
        return Estimators.mean(byTask.values.map { Double($0.1) / Double($0.0) })
    }

    /// Mean over tasks of the mean efficiency score (a sample without one scores 0).
    static func effAtOne(_ results: [SampleResult]) -> Double {
        var byTask: [String: [Double]] = [:]
        for result in results { byTask[result.taskID, default: []].append(result.efficiency?.score ?? 0) }
        return Estimators.mean(byTask.values.map(Estimators.mean))
    }

    /// `p`-quantile (0…1) of `values`, interpolating linearly; nil for none.
    public static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    // MARK: - Helpers

    private static func field(_ result: SampleResult, _ name: String) -> JSONValue? {
        result.extra.first { $0.0 == name }?.1
    }

    private static func tokens(_ result: SampleResult, _ name: String) -> Int {
        field(result, "usage")?[name]?.intValue ?? 0
    }

    private static func usageSources(_ results: [SampleResult]) -> JSONValue {
        var counts: [(String, Int)] = [("server", 0), ("counted", 0)]
        for result in results {
            guard
                let source = field(result, "usage")?["source"]?.stringValue
                    ?? (field(result, "usage") == nil ? nil : "server"),
                let index = counts.firstIndex(where: { $0.0 == source })
            else { continue }
            counts[index].1 += 1
        }
        return .object(counts.map { ($0.0, .number("\($0.1)")) })
    }

    private static func totals(_ values: [Double]) -> JSONValue {
        let total = values.reduce(0, +)
        return .object([
            ("total", number(total)),
            ("mean", number(rounded(values.isEmpty ? 0 : total / Double(values.count)))),
        ])
    }

    private static func distribution(_ values: [Double]) -> JSONValue {
        guard !values.isEmpty else { return .null }
        return .object([
            ("p50", optionalNumber(percentile(values, 0.5).map(rounded))),
            ("p90", optionalNumber(percentile(values, 0.9).map(rounded))),
            ("p99", optionalNumber(percentile(values, 0.99).map(rounded))),
            ("mean", number(rounded(Estimators.mean(values)))),
            ("count", .number("\(values.count)")),
        ])
    }

    private static func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
    private static func dollars(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }
}
