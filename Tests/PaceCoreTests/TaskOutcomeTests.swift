// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore
import Testing

@Suite("Per-task outcomes and generation cost")
struct TaskOutcomeTests {
    /// metrics.md §10.1: efficiencies 0, 0.4542, 0.8825 give eff@1 0.4456 and eff@2 0.7397; pass@1 2/3.
    @Test("the worked ENAMEL example")
    func workedExample() {
        let outcome = TaskOutcome(taskID: "t", samples: 3, correct: 2, efficiencies: [0.8825, 0.4542, 0])
        #expect(abs((outcome.effAtK(1) ?? 0) - 0.4456) < 1e-4)
        #expect(abs((outcome.effAtK(2) ?? 0) - 0.7397) < 1e-4)
        #expect(abs(outcome.passRate - 2.0 / 3.0) < 1e-12)
    }

    @Test("results group by task in id order, costs summed")
    func grouping() {
        let cost: [(String, JSONValue)] = [("cost_usd", .number("0.5"))]
        let results = [
            SampleResult(taskID: "b", sampleIndex: 0, origin: "", verdict: Verdict(.passed), extra: cost),
            SampleResult(taskID: "a", sampleIndex: 0, origin: "", verdict: Verdict(.failed)),
            SampleResult(taskID: "b", sampleIndex: 1, origin: "", verdict: Verdict(.timeout), extra: cost),
        ]
        let grouped = TaskOutcome.group(results)
        #expect(grouped.map(\.taskID) == ["a", "b"])
        #expect(grouped[1].samples == 2)
        #expect(grouped[1].correct == 1)
        #expect(grouped[1].costUSD == 1.0)
        #expect(grouped[0].costUSD == nil)
        #expect(grouped[0].efficiencies.isEmpty)
    }

    @Test("generation cost reads OpenAI and Anthropic usage, latency in seconds or milliseconds")
    func generationCost() throws {
        let openAI = try JSONParser.parse(
            #"{"usage":{"prompt_tokens":12,"completion_tokens":30},"latency_s":1.5,"cost_usd":0.002}"#
        )
        let cost = GenerationCost(extra: openAI.objectValue ?? [])
        #expect(cost == GenerationCost(promptTokens: 12, completionTokens: 30, latencySeconds: 1.5, costUSD: 0.002))
        let anthropic = try JSONParser.parse(#"{"usage":{"input_tokens":7,"output_tokens":9},"latency_ms":250}"#)
        let other = GenerationCost(extra: anthropic.objectValue ?? [])
        #expect(other == GenerationCost(promptTokens: 7, completionTokens: 9, latencySeconds: 0.25))
        #expect(GenerationCost(extra: [("model", .string("x"))]).isEmpty)
    }
}
