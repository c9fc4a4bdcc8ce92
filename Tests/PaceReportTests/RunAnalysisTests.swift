// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceReport
import PaceStore
import Testing

@Suite("Run analysis, Markdown and CSV")
struct RunAnalysisTests {
    static let run = SyntheticRun(model: "model-a", seed: 3).reportRun()
    static let analysis = RunAnalysis(run: run, bootstrap: Bootstrap(resamples: 500, seed: 1))

    @Test("headline metrics agree with the Scoreboard and lie inside their intervals")
    func headline() throws {
        let board = Scoreboard(results: Self.run.run.results, requestedK: [1, 10], suiteOrder: [], efficiency: true)
        for name in ["pass@1", "pass@10", "eff@1", "eff@10"] {
            let metric = try #require(Self.analysis[metric: name])
            let expected = try #require(board[name])
            #expect(abs(metric.value - expected) < 1e-12, "\(name)")
            let interval = try #require(metric.interval)
            #expect(interval.contains(metric.value), "\(name)")
        }
        // Every task has a passing sample among its ten, so only the k = 1 scores vary over tasks.
        #expect(try #require(Self.analysis[metric: "pass@1"]?.interval).width > 0)
        #expect(try #require(Self.analysis[metric: "eff@1"]?.interval).width > 0)
        #expect(Self.analysis[metric: "pass@10"]?.value == 1)
        #expect(Self.analysis.ks == [1, 10])
        #expect(Self.analysis[metric: "cost of pass"]?.unit == .dollars)
    }

    @Test("curves run over every k up to the samples per task, and pass@k never falls")
    func curves() {
        let curve = Self.analysis.curve
        #expect(curve.map(\.k) == Array(1...10))
        for (earlier, later) in zip(curve, curve.dropFirst()) {
            #expect(later.pass.value >= earlier.pass.value - 1e-12)
            #expect((later.efficiency?.value ?? 0) >= (earlier.efficiency?.value ?? 0) - 1e-12)
        }
        #expect(RunAnalysis.curveKs(upTo: 100).count <= 20)
        #expect(RunAnalysis.curveKs(upTo: 100).first == 1)
        #expect(RunAnalysis.curveKs(upTo: 100).last == 100)
    }

    @Test("every sample lands on the timing scatter with its status")
    func timing() {
        let points = Self.analysis.timingPoints
        let results = Self.run.run.results
        #expect(points.count == results.count)
        #expect(points.filter { $0.status == .failed }.count == results.filter { !$0.verdict.passed }.count)
        #expect(
            points.filter { $0.status == .censored }.count
                == results.filter { $0.efficiency?.censoredLevel != nil }.count
        )
        #expect(Self.analysis.distributions.count == 40)
    }

    @Test("worst tasks come lowest eff@1 first, each with its slowest passing sample")
    func worst() {
        let worst = Self.analysis.worstTasks(5)
        #expect(worst.count == 5)
        let scores = worst.compactMap(\.outcome.meanEfficiency)
        #expect(scores == scores.sorted())
        let best = Self.analysis.tasks.compactMap(\.meanEfficiency).min()
        #expect(scores.first == best)
        // The sample shown is the slowest passing one wherever something passed.
        for task in worst where task.outcome.correct > 0 {
            #expect(task.sample.verdict.passed)
            let slowest = Self.run.run.results.filter { $0.taskID == task.outcome.taskID && $0.verdict.passed }
                .compactMap { $0.efficiency?.score }.min()
            #expect(task.sample.efficiency?.score == slowest)
        }
    }

    @Test("Markdown has one row per metric with intervals")
    func markdown() {
        let text = MarkdownReport.summary([Self.analysis])
        #expect(text.hasPrefix("| metric | model-a |"))
        #expect(text.contains("| eff@1 | 0."))
        #expect(text.contains("| cost of pass | $"))
        #expect(text.contains("percentile bootstrap"))
    }

    @Test("CSV has a header and one row per sample, quoting fields with commas")
    func csv() {
        var run = Self.run
        run.run.results[0].verdict = Verdict(.failed, detail: "wrong output: [1, 2], \"x\"", testsRun: 1)
        let text = CSVExport.render([run])
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == run.run.results.count + 1)
        #expect(lines[0].hasPrefix("run,task_id,sample_index,verdict"))
        #expect(lines[1].contains("\"wrong output: [1, 2], \"\"x\"\"\""))
    }
}

@Suite("Paired comparison of runs")
struct RunComparisonTests {
    @Test("a slower model is significantly worse on eff@1 but not on pass@1")
    func slower() throws {
        let a = SyntheticRun(model: "fast", slowdown: 1.0, seed: 9).reportRun()
        let b = SyntheticRun(model: "slow", slowdown: 1.6, seed: 9).reportRun()
        let comparison = try RunComparison(a: a, b: b, bootstrap: Bootstrap(resamples: 1000, seed: 1))
        #expect(comparison.commonTasks.count == 40)
        let efficiency = try #require(comparison.efficiency)
        #expect(efficiency.difference.value < 0)
        #expect(efficiency.difference.interval.upper < 0)
        #expect(comparison.regressions(alpha: 0.05) == ["eff@1"])
        #expect(comparison.pass.pValue == 1)
        #expect(abs(comparison.tasks[0].difference) >= abs(comparison.tasks.last?.difference ?? 0))
        #expect(ComparisonText.render(comparison, alpha: 0.05).contains("significantly worse than A on eff@1"))
    }

    @Test("a run compared with itself shows no difference")
    func identical() throws {
        let a = SyntheticRun(model: "same", seed: 4).reportRun()
        let comparison = try RunComparison(a: a, b: a)
        #expect(comparison.regressions(alpha: 0.05).isEmpty)
        #expect(comparison.efficiency?.pValue == 1)
        #expect(comparison.efficiency?.difference.interval.width == 0)
        #expect(MarkdownReport.comparison(comparison, alpha: 0.05).contains("No significant difference"))
    }

    @Test("runs without a common task cannot be compared")
    func disjoint() {
        let a = SyntheticRun(model: "a", tasks: 3, seed: 1).reportRun()
        var b = SyntheticRun(model: "b", tasks: 3, seed: 2).reportRun()
        for index in b.run.results.indices { b.run.results[index].taskID = "Other/\(index)" }
        #expect(throws: ReportError.self) { try RunComparison(a: a, b: b) }
    }
}
