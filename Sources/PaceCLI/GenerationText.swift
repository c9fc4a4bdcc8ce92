// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceGeneration

/// Human-readable lines about generation: the end of `pace generate`, and the cost lines of a summary.
enum GenerationText {
    /// One line on what `pace generate` did.
    static func reportLine(_ report: GenerationReport, path: String) -> String {
        let succeeded = report.samples.compactMap(\.response)
        let prompt = succeeded.reduce(0) { $0 + $1.usage.promptTokens }
        let completion = succeeded.reduce(0) { $0 + $1.usage.completionTokens }
        let counted = succeeded.contains { $0.usage.source == .counted }
        var parts = [
            "wrote \(report.samples.count) samples to \(path)",
            "\(report.cached) cached, \(report.samples.count - report.cached - report.failed) generated, \(report.failed) failed",
            "\(prompt + completion) tokens (\(prompt) prompt + \(completion) completion\(counted ? ", some counted by Pace" : ""))",
        ]
        let costs = report.samples.compactMap(\.costUSD)
        if !costs.isEmpty { parts.append(String(format: "$%.4f", costs.reduce(0, +))) }
        let latencies = succeeded.map(\.latency)
        if let p50 = CostAccounting.percentile(latencies, 0.5) {
            var latency = String(format: "latency p50 %.2f s", p50)
            if let ttft = CostAccounting.percentile(succeeded.compactMap(\.timeToFirstToken), 0.5) {
                latency += String(format: ", ttft p50 %.3f s", ttft)
            }
            parts.append(latency)
        }
        return parts.joined(separator: "; ")
    }

    /// One line per model from a summary's `generation` object; none when the summary has none.
    static func costLines(_ summary: JSONValue) -> [String] {
        guard let models = summary["generation"]?["models"]?.objectValue else { return [] }
        return models.map { model, stats in
            let prompt = stats["prompt_tokens"]?["total"]?.doubleValue ?? 0
            let completion = stats["completion_tokens"]?["total"]?.doubleValue ?? 0
            var parts = ["\(Int(prompt + completion)) tokens"]
            if let cost = stats["cost_usd"]?["total"]?.doubleValue {
                parts.append(String(format: "$%.4f", cost))
                parts.append(
                    "cost-of-pass "
                        + (stats["cost_of_pass_usd"]?.doubleValue.map { String(format: "$%.5f", $0) } ?? "∞")
                )
            } else {
                parts.append(
                    "cost-of-pass "
                        + (stats["cost_of_pass_tokens"]?.doubleValue.map { "\(Int($0.rounded())) tokens" } ?? "∞")
                )
            }
            if let latency = stats["latency_s"]?["p50"]?.doubleValue {
                parts.append(String(format: "latency p50 %.2f s", latency))
            }
            if let ttft = stats["ttft_s"]?["p50"]?.doubleValue {
                parts.append(String(format: "ttft p50 %.3f s", ttft))
            }
            return "  generation \(model): " + parts.joined(separator: ", ")
        }
    }
}
