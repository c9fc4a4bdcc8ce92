// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore
import Testing

@Suite("Scoreboard")
struct ScoreboardTests {
    func result(_ task: String, _ index: Int, base: Bool, plus: Bool, efficiency: Double? = nil) -> SampleResult {
        let baseVerdict = Verdict(base ? .passed : .failed)
        let plusVerdict = Verdict(base && plus ? .passed : .failed)
        var result = SampleResult(
            taskID: task,
            sampleIndex: index,
            origin: "",
            verdict: base && plus ? Verdict(.passed) : Verdict(.failed),
            suites: [SuiteVerdict(suite: "base", verdict: baseVerdict), SuiteVerdict(suite: "plus", verdict: plusVerdict)]
        )
        if let efficiency {
            result.efficiency = EfficiencyResult(score: efficiency, levels: [], censoredLevel: nil, censorReason: nil, timeoutSeconds: 1)
        }
        return result
    }

    @Test("pass@k per cumulative suite, and k limited to the smallest task")
    func suites() {
        let results = [
            result("A", 0, base: true, plus: true), result("A", 1, base: true, plus: false),
            result("B", 0, base: false, plus: false), result("B", 1, base: true, plus: true),
        ]
        let board = Scoreboard(results: results, requestedK: [1, 2, 10], suiteOrder: ["base", "plus"], efficiency: false)
        #expect(board.ks == [1, 2])
        #expect(board["pass@1"] == 0.5)
        #expect(board["pass@2"] == 1)
        #expect(board.bySuite.map(\.0) == ["base", "base+plus"])
        #expect(board.bySuite[0].1.first?.1 == 0.75)
        #expect(board.bySuite[1].1.first?.1 == 0.5)
    }

    @Test("eff@k averages tasks; failed samples count as 0")
    func efficiency() {
        let results = [
            result("A", 0, base: true, plus: true, efficiency: 0.8), result("A", 1, base: false, plus: false, efficiency: 0),
            result("B", 0, base: true, plus: true, efficiency: 0.4), result("B", 1, base: true, plus: true, efficiency: 1.2),
        ]
        let board = Scoreboard(results: results, requestedK: [1, 2], suiteOrder: [], efficiency: true)
        #expect(abs((board["eff@1"] ?? 0) - 0.6) < 1e-12)
        #expect(abs((board["eff@2"] ?? 0) - 1.0) < 1e-12)
    }

    @Test("a result survives its JSON line")
    func roundTrip() throws {
        var original = result("HumanEval/3", 7, base: true, plus: false)
        original.extra = [("model", .string("m")), ("usage", .object([("prompt_tokens", .number("12"))]))]
        original.efficiency = EfficiencyResult(
            score: 0.5,
            levels: [LevelEfficiency(level: 1, efficiency: 0.5, sampleSeconds: 0.01, referenceSeconds: 0.02, calibratedReferenceSeconds: 0.015)],
            censoredLevel: 2,
            censorReason: "timeout",
            timeoutSeconds: 0.03
        )
        let parsed = try #require(SampleResult(json: try JSONParser.parse(original.json.jsonText)))
        #expect(parsed == original)
    }
}
