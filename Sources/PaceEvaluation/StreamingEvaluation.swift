// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import PaceSandbox

/// Samples handed from a producer (a generator) to evaluation threads as they arrive.
public final class SampleFeed: @unchecked Sendable {
    private let condition = NSCondition()
    private var samples: [Sample] = []
    private var head = 0
    private var finished = false

    /// An empty, open feed.
    public init() {}

    /// Adds a sample; a waiting evaluation thread takes it at once.
    public func push(_ sample: Sample) {
        condition.lock()
        samples.append(sample)
        condition.signal()
        condition.unlock()
    }

    /// Says no more samples will come; threads finish once the feed is drained.
    public func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next sample, waiting for one; nil once the feed is finished and drained, or when the run is stopping.
    func next() -> Sample? {
        condition.lock()
        defer { condition.unlock() }
        while head == samples.count && !finished && !SandboxRegistry.shared.isStopping {
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.5))
        }
        guard head < samples.count, !SandboxRegistry.shared.isStopping else { return nil }
        head += 1
        return samples[head - 1]
    }
}

/// Evaluates samples while they are being generated: each is evaluated as soon as it arrives in a ``SampleFeed``.
///
/// Expected outputs and efficiency tests are prepared for every task first (while generation goes on), then
/// `jobs` threads take samples from the feed, each with its own judge and reference workers. Results stream to
/// `results.jsonl` and resume like ``Evaluator``'s: a sample whose result is there and whose completion is
/// unchanged is not evaluated again.
public struct StreamingEvaluator: Sendable {
    /// The dataset the tasks come from.
    public var dataset: Dataset
    /// The tasks samples will come for, in order.
    public var tasks: [BenchmarkTask]
    /// How many samples the feed will bring when generation completes.
    public var expectedSamples: Int
    /// Where the samples file will be written, for the summary.
    public var samplesPath: String
    public var outputDirectory: String
    public var configuration: EvaluationConfiguration
    /// The generation settings, part of what must match for results in the output directory to be reused.
    public var generation: JSONValue
    /// Start over instead of resuming when the output directory holds results of a different run.
    public var overwrite = false

    public init(
        dataset: Dataset,
        tasks: [BenchmarkTask],
        expectedSamples: Int,
        samplesPath: String,
        outputDirectory: String,
        configuration: EvaluationConfiguration,
        generation: JSONValue
    ) {
        self.dataset = dataset
        self.tasks = tasks
        self.expectedSamples = expectedSamples
        self.samplesPath = samplesPath
        self.outputDirectory = outputDirectory
        self.configuration = configuration
        self.configuration.hideRunFiles(datasetPath: dataset.path, samplesPath: samplesPath, outputDirectory: outputDirectory)
        self.generation = generation
    }

    /// Evaluates every sample `feed` brings until it is finished.
    public func run(feed: SampleFeed, progress: any ProgressSink) throws(EvaluationError) -> EvaluationSummary {
        let started = Date()
        let store = try prepareOutput()
        if !store.existing.isEmpty {
            progress.note("resuming: \(store.existing.count) sample result(s) already in \(store.path)")
        }
        let expected = try ExpectedOutputs.compute(tasks: tasks, dataset: dataset, configuration: configuration) {
            progress.note($0)
        }
        let prepared =
            configuration.efficiency
            ? try EfficiencyPreparation.prepare(
                tasks: tasks.filter { $0.efficiency != nil },
                dataset: dataset,
                configuration: configuration,
                log: { progress.note($0) }
            ) : [:]
        let results = evaluate(feed: feed, store: store, expected: expected, prepared: prepared, progress: progress)
        store.sync()
        let position = Dictionary(
            tasks.enumerated().map { ($0.element.id, $0.offset) },
            uniquingKeysWith: { first, _ in first }
        )
        let ordered = results.sorted {
            (position[$0.taskID] ?? 0, $0.sampleIndex) < (position[$1.taskID] ?? 0, $1.sampleIndex)
        }
        return summarize(ordered, complete: ordered.count == expectedSamples, started: started)
    }

    private func evaluate(
        feed: SampleFeed,
        store: ResultsStore,
        expected: [String: [String: ExpectedSuite]],
        prepared: [String: PreparedTask],
        progress: any ProgressSink
    ) -> [SampleResult] {
        let taskByID = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let collected = Locked<[String: SampleResult]>([:])
        let counts = Locked<(done: Int, passed: Int)>((0, 0))
        let configuration = self.configuration
        let total = expectedSamples
        let timed = configuration.efficiency && !prepared.isEmpty
        runOnThreads(max(configuration.jobs, 1)) { _ in
            let context = SampleContext(configuration: configuration, startsAhead: !timed)
            defer { context.close() }
            while let sample = feed.next() {
                guard let task = taskByID[sample.taskID] else { continue }
                var result: SampleResult
                if let previous = store.existing[sample.key], StreamingEvaluator.sameCompletion(previous, sample) {
                    result = previous
                } else {
                    result = context.evaluate(
                        sample: sample,
                        task: task,
                        expected: expected[task.id] ?? [:],
                        prepared: prepared[task.id]
                    )
                    if SandboxRegistry.shared.isStopping { break }
                    do {
                        try store.append(result)
                    } catch {
                        progress.note("stopped: \((error as? EvaluationError)?.message ?? "\(error)")")
                        SandboxRegistry.shared.killAll()
                        break
                    }
                }
                collected.withLock { $0[result.key] = result }
                let (done, passed) = counts.withLock { state -> (Int, Int) in
                    state.done += 1
                    if result.verdict.passed { state.passed += 1 }
                    return (state.done, state.passed)
                }
                progress.progress(done: done, total: total, passed: passed)
            }
        }
        return Array(collected.withLock { $0 }.values)
    }

    /// Whether a stored result is of the same completion as `sample` (so need not be evaluated again).
    static func sameCompletion(_ result: SampleResult, _ sample: Sample) -> Bool {
        func field(_ extra: [(String, JSONValue)], _ name: String) -> JSONValue? { extra.first { $0.0 == name }?.1 }
        return field(result.extra, "raw_completion") == field(sample.extra, "raw_completion")
            && (field(result.extra, "error") == nil) == (field(sample.extra, "error") == nil)
    }

    // MARK: - Output

    private var output: RunOutput { RunOutput(directory: outputDirectory) }

    private func prepareOutput() throws(EvaluationError) -> ResultsStore {
        let identity = JSONValue.object([
            ("dataset_sha256", .string(dataset.sha256)),
            ("generation", generation),
            ("settings", RunOutput.identifyingSettings(configuration)),
        ])
        return try output.open(identity: identity, overwrite: overwrite, differences: "other dataset, model, generation or scoring settings")
    }

    private func summarize(_ results: [SampleResult], complete: Bool, started: Date) -> EvaluationSummary {
        output.summarize(
            results, tasks: tasks, dataset: dataset, samplesPath: samplesPath, configuration: configuration,
            complete: complete, started: started
        )
    }
}
