// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import PaceEvaluation
import PaceRunners
import Synchronization
import Testing

/// Collects progress without printing.
final class SilentProgress: ProgressSink {
    let done = Mutex(0)
    func note(_ message: String) {}
    func progress(done: Int, total: Int, passed: Int) { self.done.withLock { $0 = done } }
}

@Suite("Streaming evaluation")
struct StreamingEvaluationTests {
    @Test("evaluates each sample as soon as it arrives, before the feed is finished")
    func evaluatesOnArrival() async throws {
        let dataset = try Dataset.load("pace-bench")
        let task = try #require(dataset.tasks.first { $0.id == "pace/count_primes" })
        let examples = try PaceBenchReader.samples(path: dataset.path).filter { $0.taskID == task.id }
        let good = try #require(examples.first { $0.extra.first?.1.stringValue?.hasPrefix("good") == true })
        let directory = temporaryDirectory()
        var configuration = EvaluationConfiguration(
            python: try PythonInterpreter.locate(),
            cacheDirectory: directory + "/cache"
        )
        configuration.efficiency = false
        configuration.jobs = 1
        configuration.ks = [1]
        let evaluator = StreamingEvaluator(
            dataset: dataset,
            tasks: [task],
            expectedSamples: 2,
            samplesPath: directory + "/samples.jsonl",
            outputDirectory: directory + "/out",
            configuration: configuration,
            generation: .object([("model", .string("m"))])
        )
        let feed = SampleFeed()
        let progress = SilentProgress()
        let (summaries, continuation) = AsyncStream<EvaluationSummary?>.makeStream()
        Thread {
            continuation.yield(try? evaluator.run(feed: feed, progress: progress))
            continuation.finish()
        }.start()
        let extra: [(String, JSONValue)] = [("model", .string("m")), ("raw_completion", .string(good.code))]
        feed.push(Sample(taskID: task.id, index: 0, code: good.code, origin: "test:1", extra: extra))
        let deadline = Date().addingTimeInterval(30)
        while progress.done.withLock({ $0 }) < 1 && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(progress.done.withLock { $0 } == 1)
        let lines = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        feed.push(
            Sample(
                taskID: task.id,
                index: 1,
                code: "def count_primes(n):\n    return 0\n",
                origin: "test:2",
                extra: extra
            )
        )
        feed.finish()
        var iterator = summaries.makeAsyncIterator()
        let summary = try #require(await iterator.next() ?? nil)
        #expect(summary.complete && summary.results.count == 2)
        #expect(summary.results.map(\.verdict.passed) == [true, false])
        #expect(summary.json["generation"]?["models"]?["m"]?["correct"] == .number("1"))
    }
}
