// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore
import Testing

/// A result of `model` on `task`, with the generation fields `pace generate` writes.
private func result(
    _ task: String,
    _ index: Int,
    model: String = "m",
    passed: Bool,
    prompt: Int = 100,
    completion: Int = 50,
    cost: Double? = nil,
    latency: Double = 1,
    ttft: Double? = 0.1,
    efficiency: Double? = nil,
    source: String = "server"
) -> SampleResult {
    var extra: [(String, JSONValue)] = [
        ("model", .string(model)),
        ("raw_completion", .string("...")),
        (
            "usage",
            .object([
                ("prompt_tokens", .number("\(prompt)")), ("completion_tokens", .number("\(completion)")),
                ("source", .string(source)),
            ])
        ),
        ("latency_s", .number("\(latency)")),
        ("ttft_s", ttft.map { .number("\($0)") } ?? .null),
    ]
    if let cost { extra.append(("cost_usd", .number("\(cost)"))) }
    return SampleResult(
        taskID: task,
        sampleIndex: index,
        origin: "test",
        verdict: Verdict(passed ? .passed : .failed),
        efficiency: efficiency.map {
            EfficiencyResult(score: $0, levels: [], censoredLevel: nil, censorReason: nil, timeoutSeconds: 1)
        },
        extra: extra
    )
}

@Suite("Cost accounting")
struct CostAccountingTests {
    @Test("is absent for results without generation fields")
    func noGenerationFields() {
        let plain = SampleResult(
            taskID: "t",
            sampleIndex: 0,
            origin: "f:1",
            verdict: Verdict(.passed),
            extra: [("label", .string("x"))]
        )
        #expect(!CostAccounting.hasGenerationFields([plain]))
        #expect(CostAccounting.hasGenerationFields([plain, result("t", 1, passed: true)]))
    }

    @Test("computes tokens, cost-of-pass and latency percentiles per model")
    func perModel() throws {
        let results = [
            result("a", 0, passed: true, prompt: 100, completion: 40, cost: 0.002, latency: 1, ttft: 0.1),
            result("a", 1, passed: false, prompt: 100, completion: 60, cost: 0.004, latency: 2, ttft: 0.2),
            result("b", 0, passed: false, prompt: 200, completion: 100, cost: 0.006, latency: 3, ttft: 0.3),
            result(
                "b",
                1,
                passed: true,
                prompt: 200,
                completion: 100,
                cost: 0.008,
                latency: 4,
                ttft: 0.4,
                source: "counted"
            ),
            result("a", 0, model: "other", passed: false, prompt: 10, completion: 10, cost: 0.001),
        ]
        let summary = CostAccounting.summary(results)
        let m = try #require(summary["models"]?["m"])
        #expect(summary["models"]?.objectValue?.map(\.0) == ["m", "other"])
        #expect(m["samples"] == .number("4") && m["correct"] == .number("2"))
        #expect(m["pass@1"]?.doubleValue == 0.5)
        #expect(m["prompt_tokens"]?["total"]?.doubleValue == 600 && m["completion_tokens"]?["mean"]?.doubleValue == 75)
        #expect(m["usage_source"] == .object([("server", .number("3")), ("counted", .number("1"))]))
        // 900 tokens over 2 correct samples; the correct ones have 140 and 300 tokens.
        #expect(m["cost_of_pass_tokens"]?.doubleValue == 450)
        #expect(m["tokens_per_correct_sample"]?.doubleValue == 220)
        #expect(m["cost_usd"]?["total"]?.doubleValue == 0.02)
        #expect(m["cost_of_pass_usd"]?.doubleValue == 0.01)
        #expect(m["latency_s"]?["p50"]?.doubleValue == 2.5)
        #expect(m["latency_s"]?["p90"]?.doubleValue == 3.7)
        #expect(m["ttft_s"]?["p99"]?.doubleValue == 0.397)
        #expect(m["eff@1"] == nil)
        let other = try #require(summary["models"]?["other"])
        #expect(other["cost_of_pass_usd"] == .null && other["cost_of_pass_tokens"] == .null)
    }

    @Test("divides by eff@1 when efficiency was scored")
    func perEfficiency() throws {
        let results = [
            result("a", 0, passed: true, prompt: 80, completion: 20, cost: 0.01, efficiency: 0.8),
            result("a", 1, passed: false, prompt: 80, completion: 20, cost: 0.01, efficiency: nil),
            result("b", 0, passed: true, prompt: 80, completion: 20, cost: 0.01, efficiency: 0.6),
            result("b", 1, passed: true, prompt: 80, completion: 20, cost: 0.01, efficiency: 0.2),
        ]
        let m = try #require(CostAccounting.summary(results)["models"]?["m"])
        // eff@1 = mean over tasks of mean score: a (0.8 + 0) / 2 = 0.4, b 0.4 → 0.4; 100 tokens a sample.
        #expect(m["eff@1"]?.doubleValue == 0.4)
        #expect(m["tokens_per_eff1"]?.doubleValue == 250)
        #expect(m["cost_per_eff1_usd"]?.doubleValue == 0.025)
    }

    @Test(
        "interpolates percentiles linearly",
        arguments: [
            ([1.0], 0.5, 1.0), ([1.0, 2.0], 0.5, 1.5), ([3.0, 1.0, 2.0], 0.9, 2.8), ([0.0, 10.0], 0.99, 9.9),
        ]
    )
    func percentiles(values: [Double], p: Double, expected: Double) {
        #expect(abs((CostAccounting.percentile(values, p) ?? -1) - expected) < 1e-12)
    }
}
