// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import Logging
import PaceCore
import PaceDatasets
import PaceRunners
import PaceSandbox

/// Receives progress while an evaluation runs. Called from worker threads.
public protocol ProgressSink: Sendable {
    /// A phase message ("computing expected outputs …").
    func note(_ message: String)
    /// `done` of `total` samples finished (including resumed ones), `passed` of them passed.
    func progress(done: Int, total: Int, passed: Int)
}

/// The outcome of `pace evaluate`.
public struct EvaluationSummary: Sendable {
    public var scoreboard: Scoreboard
    /// The content of `summary.json`.
    public var json: JSONValue
    /// False when the run was interrupted before every sample finished.
    public var complete: Bool
    public var outputDirectory: String
    /// Results in sample order (resumed and new).
    public var results: [SampleResult]
}

/// Evaluates samples against a dataset: the whole pipeline from plan to summary.
public struct Evaluator: Sendable {
    public var dataset: Dataset
    public var samples: [Sample]
    public var samplesPath: String
    public var outputDirectory: String
    public var configuration: EvaluationConfiguration
    /// Start over instead of resuming when the output directory holds results of a different run.
    public var overwrite = false
    /// Receives a debug line per finished sample. Pace's libraries never bootstrap logging themselves.
    public var logger = Logger(label: "pace.evaluation")

    public init(dataset: Dataset, samples: [Sample], samplesPath: String, outputDirectory: String, configuration: EvaluationConfiguration) {
        self.dataset = dataset
        self.samples = samples
        self.samplesPath = samplesPath
        self.outputDirectory = outputDirectory
        self.configuration = configuration
        self.configuration.hideRunFiles(datasetPath: dataset.path, samplesPath: samplesPath, outputDirectory: outputDirectory)
    }

    /// The tasks that will be evaluated: the filter if given, else the dataset's default set.
    public var selectedTasks: [BenchmarkTask] {
        if let filter = configuration.taskFilter {
            return dataset.tasks.filter { filter.contains($0.id) || filter.contains("\($0.index)") }
        }
        if dataset.format == .enamel {
            return dataset.tasks.filter { !EnamelReader.excludedProblems.contains($0.index) }
        }
        return dataset.tasks
    }

    /// Runs the evaluation, resuming from `results.jsonl` when it exists.
    public func run(progress: any ProgressSink) throws(EvaluationError) -> EvaluationSummary {
        let started = Date()
        let tasks = selectedTasks
        let taskIDs = Set(tasks.map(\.id))
        var chosen = samples.filter { taskIDs.contains($0.taskID) }
        if dataset.format == .enamel {
            // ENAMEL runs `prompt + "\n" + sample`: the prompt's imports and helpers are in scope.
            let prompts = Dictionary(tasks.map { ($0.id, $0.prompt) }, uniquingKeysWith: { first, _ in first })
            chosen = chosen.map { sample in
                var sample = sample
                sample.code = (prompts[sample.taskID] ?? "") + "\n" + sample.code
                return sample
            }
        }
        guard !chosen.isEmpty else {
            throw EvaluationError(.badConfiguration, "no samples belong to the selected tasks (\(tasks.count) task(s) selected)")
        }
        let store = try prepareOutput()
        let pending = chosen.filter { store.existing[$0.key] == nil }
        if !store.existing.isEmpty {
            progress.note("resuming: \(chosen.count - pending.count) of \(chosen.count) samples already done")
        }
        if store.droppedPartialLine { progress.note("dropped a partial last line in results.jsonl (interrupted write)") }
        let taskByID = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let pendingTasks = tasks.filter { task in pending.contains { $0.taskID == task.id } }
        let expected = try ExpectedOutputs.compute(tasks: pendingTasks, dataset: dataset, configuration: configuration) {
            progress.note($0)
        }
        // Efficiency tasks are prepared when their first sample comes up, by that sample's thread, which then times
        // the paired reference in the preparation's worker (one sandboxed worker a task fewer).
        let preparer = configuration.efficiency
            ? try EfficiencyPreparation.Preparer(
                tasks: pendingTasks.filter { $0.efficiency != nil },
                dataset: dataset,
                configuration: configuration,
                log: { progress.note($0) }
            ) : nil
        let newResults = execute(
            pending: pending,
            tasks: taskByID,
            expected: expected,
            preparer: preparer,
            store: store,
            alreadyDone: chosen.count - pending.count,
            total: chosen.count,
            progress: progress
        )
        store.sync()
        var all = store.existing
        for result in newResults { all[result.key] = result }
        let results = chosen.compactMap { all[$0.key] }
        let complete = results.count == chosen.count
        return summarize(results: results, tasks: tasks, complete: complete, started: started)
    }

    private func execute(
        pending: [Sample],
        tasks: [String: BenchmarkTask],
        expected: [String: [String: ExpectedSuite]],
        preparer: EfficiencyPreparation.Preparer?,
        store: ResultsStore,
        alreadyDone: Int,
        total: Int,
        progress: any ProgressSink
    ) -> [SampleResult] {
        let queue = JobQueue(pending)
        let collected = Locked<[SampleResult]>([])
        let counts = Locked<(done: Int, passed: Int)>((alreadyDone, store.existing.values.filter(\.verdict.passed).count))
        let writeFailure = Locked<EvaluationError?>(nil)
        let configuration = self.configuration
        let logger = self.logger
        progress.progress(done: alreadyDone, total: total, passed: counts.withLock { $0.passed })
        // Workers are started ahead and torn down in the background unless something is timed.
        let timed = preparer != nil && pending.contains { tasks[$0.taskID]?.efficiency != nil }
        let threads = min(configuration.jobs, max(pending.count, 1))
        let pinned = timed && threads <= CPUPinning.usableCount
        runOnThreads(threads) { index in
            // Timed runs: each thread, and every worker it starts, keeps to a CPU of its own, so that a sample and
            // its paired reference share one core and no other job's busy worker slices their calls (a sample
            // measured 4.6× its reference in one run, 1.5× in the others, when the two sat on different cores).
            if pinned { CPUPinning.pinCurrentThread(toUsable: index) }
            let context = SampleContext(configuration: configuration, startsAhead: !timed)
            defer { context.close() }
            while let sample = queue.next() {
                guard let task = tasks[sample.taskID] else { continue }
                var prepared: PreparedTask?
                if let preparer, task.efficiency != nil {
                    context.references.release(unless: task)
                    let made = preparer.prepared(for: task, keepWorker: configuration.pairedReference, forks: context.references.forks)
                    prepared = made.prepared
                    if let worker = made.worker { context.references.adopt(worker, for: task) }
                }
                let result = context.evaluate(
                    sample: sample,
                    task: task,
                    expected: expected[task.id] ?? [:],
                    prepared: prepared,
                    calibrated: { preparer?.calibrated(task, $0) }
                )
                // An interrupted sample's result is not real: leave it for the resumed run.
                if SandboxRegistry.shared.isStopping { break }
                do {
                    try store.append(result)
                } catch {
                    writeFailure.withLock { $0 = (error as? EvaluationError) ?? EvaluationError(.outputUnwritable, "\(error)") }
                    SandboxRegistry.shared.killAll()
                    break
                }
                collected.withLock { $0.append(result) }
                logger.debug("sample finished", metadata: [
                    "task": "\(result.taskID)", "sample": "\(result.sampleIndex)", "verdict": "\(result.verdict.outcome.rawValue)",
                    "efficiency": "\(result.efficiency.map { String($0.score) } ?? "-")", "seconds": "\(result.durationSeconds)",
                ])
                let (done, passed) = counts.withLock { state -> (Int, Int) in
                    state.done += 1
                    if result.verdict.passed { state.passed += 1 }
                    return (state.done, state.passed)
                }
                progress.progress(done: done, total: total, passed: passed)
            }
        }
        if let failure = writeFailure.withLock({ $0 }) {
            progress.note("stopped: \(failure.message)")
        }
        return collected.withLock { $0 }
    }

    // MARK: - Output directory

    private var output: RunOutput { RunOutput(directory: outputDirectory) }

    private func prepareOutput() throws(EvaluationError) -> ResultsStore {
        try output.open(identity: runIdentity, overwrite: overwrite, differences: "other dataset, samples or scoring settings")
    }

    /// What must match for results in the output directory to be reused.
    private var runIdentity: JSONValue {
        let samplesHash = (try? FileReading.sha256(of: samplesPath)) ?? FileReading.sha256(text: samples.map(\.code).joined(separator: "\0"))
        return .object([
            ("dataset_sha256", .string(dataset.sha256)),
            ("samples_sha256", .string(samplesHash)),
            ("settings", RunOutput.identifyingSettings(configuration)),
        ])
    }

    // MARK: - Summary

    private func summarize(results: [SampleResult], tasks: [BenchmarkTask], complete: Bool, started: Date) -> EvaluationSummary {
        output.summarize(
            results, tasks: tasks, dataset: dataset, samplesPath: samplesPath, configuration: configuration,
            complete: complete, started: started
        )
    }
}

/// Per-thread state: the judge, the reference worker and the supply of sample workers, reused across samples.
final class SampleContext {
    let configuration: EvaluationConfiguration
    let judge: Judge
    var references: ReferenceWorkers
    let supply: WorkerSupply

    init(configuration: EvaluationConfiguration, startsAhead: Bool) {
        self.configuration = configuration
        judge = Judge(python: configuration.python, configuration: configuration.trustedSandbox)
        supply = WorkerSupply(configuration: configuration, ahead: startsAhead)
        references = ReferenceWorkers(configuration: configuration)
    }

    /// `calibrated` receives the task's calibration when this sample's run made it (its preparation was provisional).
    func evaluate(
        sample: Sample,
        task: BenchmarkTask,
        expected: [String: ExpectedSuite],
        prepared: PreparedTask?,
        calibrated: (PreparedTask) -> Void = { _ in }
    ) -> SampleResult {
        let start = monotonicSeconds()
        var result = SampleResult(
            taskID: task.id,
            sampleIndex: sample.index,
            origin: sample.origin,
            verdict: Verdict(.passed),
            extra: sample.extra
        )
        let runner = CorrectnessRunner(configuration: configuration)
        let (worker, failure) = runner.start(
            sample: sample,
            task: task,
            worker: supply.take(holdsInputs: prepared != nil && configuration.efficiency)
        )
        defer { if let worker { supply.finish(worker) } }
        if let failure {
            result.verdict = failure
            result.suites = (task.suites.isEmpty ? [TestSuite(name: task.checkProgram == nil ? "levels" : "tests", inputs: [])] : task.suites)
                .map { SuiteVerdict(suite: $0.name, verdict: failure) }
        } else if let worker {
            result.suites = task.suites.isEmpty && task.checkProgram == nil ? [] : runner.run(worker: worker, task: task, expected: expected, judge: judge)
            if let failed = result.suites.first(where: { !$0.verdict.passed }) {
                result.verdict = failed.verdict
            } else if let prepared, configuration.efficiency {
                var outcome = EfficiencyRunner(configuration: configuration, task: task, prepared: prepared)
                    .run(worker: worker, judge: judge, references: &references)
                if let calibration = outcome.calibration { calibrated(calibration) }
                if outcome.undecided, let calibration = outcome.calibration {
                    // The record of the run that calibrated the task cannot tell what the rules make of it: run the
                    // sample again with the calibration, as any later sample is run.
                    outcome = rerun(sample: sample, task: task, worker: worker, prepared: calibration, runner: runner)
                }
                result.suites.append(SuiteVerdict(suite: "levels", verdict: outcome.verdict))
                result.verdict = outcome.verdict
                result.efficiency = outcome.efficiency
            } else {
                result.verdict = Verdict(.passed, testsRun: result.suites.reduce(0) { $0 + $1.verdict.testsRun })
            }
        }
        if prepared != nil && configuration.efficiency && result.efficiency == nil {
            result.efficiency = EfficiencyResult(score: 0, levels: [], censoredLevel: nil, censorReason: nil, timeoutSeconds: prepared?.timeout ?? 0)
        }
        result.durationSeconds = monotonicSeconds() - start
        return result
    }

    /// Runs a sample's efficiency again with its task's calibration, on its worker if that is still alive.
    private func rerun(sample: Sample, task: BenchmarkTask, worker: PythonWorker, prepared: PreparedTask, runner: CorrectnessRunner) -> EfficiencyRunner.Outcome {
        let efficiency = EfficiencyRunner(configuration: configuration, task: task, prepared: prepared)
        if worker.isAlive { return efficiency.run(worker: worker, judge: judge, references: &references) }
        let (fresh, failure) = runner.start(sample: sample, task: task, worker: supply.take(holdsInputs: true))
        defer { if let fresh { supply.finish(fresh) } }
        guard let fresh, failure == nil else {
            return EfficiencyRunner.Outcome(
                verdict: failure ?? Verdict(.harnessError, detail: "cannot start a worker to run the sample again"),
                efficiency: EfficiencyResult(score: 0, levels: [], censoredLevel: nil, censorReason: nil, timeoutSeconds: prepared.timeout)
            )
        }
        return efficiency.run(worker: fresh, judge: judge, references: &references)
    }

    func close() {
        judge.close()
        references.close()
        references.forks.close()
        supply.close()
        WorkerReaper.shared.drain()
    }
}
