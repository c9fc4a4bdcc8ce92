// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore
import PaceRunners
import PaceSandbox

/// Runs one sample against a task's correctness tests.
struct CorrectnessRunner {
    let configuration: EvaluationConfiguration
    /// Inputs per batch request; results are judged after each batch so a wrong sample stops early.
    static let chunkSize = 100
    /// Slack on top of each per-test limit before the hard kill, seconds.
    static let grace = 0.5

    /// Loads the sample into a started worker. Returns the worker, or the verdict when that already failed.
    func start(sample: Sample, task: BenchmarkTask, worker started: Result<PythonWorker, RunnerError>) -> (PythonWorker?, Verdict?) {
        let worker: PythonWorker
        switch started {
        case .success(let value): worker = value
        case .failure(let error): return (nil, Verdict(.harnessError, detail: "cannot start the worker: \(error)"))
        }
        if let failure = worker.load(code: sample.code, entryPoint: task.entryPoint, timeout: configuration.programTimeLimit) {
            var verdict = failure.verdict(input: nil, testsRun: 0)
            if case .failure(let kind, _) = failure, kind != "syntax", kind != "memory" {
                verdict.detail = "while loading: " + (verdict.detail ?? "")
            }
            worker.close()
            return (nil, verdict)
        }
        return (worker, nil)
    }

    /// Runs the suites (or the HumanEval check program) on a loaded worker.
    func run(
        worker: PythonWorker,
        task: BenchmarkTask,
        expected: [String: ExpectedSuite],
        judge: Judge
    ) -> [SuiteVerdict] {
        if let check = task.checkProgram {
            let request = JSONValue.object([("op", .string("check")), ("test", .string(check))])
            let outcome = CallOutcome(worker.request(request, timeout: configuration.programTimeLimit))
            return [SuiteVerdict(suite: "tests", verdict: outcome.verdict(input: nil, testsRun: 1))]
        }
        var verdicts: [SuiteVerdict] = []
        for suite in task.suites {
            if let previous = verdicts.last, !previous.verdict.passed {
                var skipped = previous.verdict
                skipped.detail = "not run: suite '\(previous.suite)' failed"
                skipped.testsRun = 0
                verdicts.append(SuiteVerdict(suite: suite.name, verdict: skipped))
                continue
            }
            let verdict = runSuite(worker: worker, task: task, suite: suite, expected: expected[suite.name], judge: judge)
            verdicts.append(SuiteVerdict(suite: suite.name, verdict: verdict))
        }
        return verdicts
    }

    /// Runs one input again to get an output that was too long to send with the batch.
    private func fullOutput(worker: PythonWorker, input: String, limit: Double) -> Result<String, CallOutcome> {
        let (outcome, output) = call(worker, name: "sample", input: input, reps: 1, wantOutput: true, timeout: limit + configuration.programTimeLimit, fresh: false)
        guard let output else { return .failure(outcome) }
        return .success(output)
    }

    /// Judges the outputs of the tests at `offsets` (of `suite`), whose digests differ from the expected ones.
    /// Expected outputs too long to have been kept are computed again (one canonical run for the group), sample
    /// outputs too long to have been sent are fetched again. Returns the verdict that ends the suite, if any.
    private func judgeGroup(
        offsets: [Int],
        items: [BatchItem],
        worker: PythonWorker,
        task: BenchmarkTask,
        suite: TestSuite,
        expected: ExpectedSuite,
        limits: [Double],
        judge: Judge,
        testsRun: Int
    ) -> Verdict? {
        let unkept = offsets.filter { expected.outputs.isOmitted($0) && expected.outputs[$0] == nil }
        ExpectedOutputs.recompute(
            task: task, suite: suite, expected: expected, indices: unkept, configuration: configuration
        )
        var judged: [Judge.Item] = []
        for (position, (offset, item)) in zip(offsets, items).enumerated() {
            let input = suite.inputs[offset]
            guard let answer = expected.outputs[offset] else {
                let detail = "the canonical solution's output for this input could not be computed again"
                return Verdict(.harnessError, detail: detail, input: input, testsRun: offset + 1)
            }
            var output = item.output
            if item.omitted {
                switch fullOutput(worker: worker, input: input, limit: limits[position]) {
                case .success(let text): output = text
                case .failure(let outcome): return outcome.verdict(input: input, testsRun: offset + 1)
                }
            }
            judged.append(Judge.Item(input: input, expected: answer, output: output))
        }
        let verdicts: [Bool]
        do {
            verdicts = try judge.judge(task: task, items: judged)
        } catch {
            return Verdict(.harnessError, detail: error.message, testsRun: testsRun)
        }
        guard let wrong = verdicts.firstIndex(of: false) else { return nil }
        return Verdict(
            .failed,
            detail: "wrong output: " + Verdict.shorten(judged[wrong].output, to: 200),
            input: suite.inputs[offsets[wrong]],
            testsRun: offsets[wrong] + 1
        )
    }

    private func runSuite(
        worker: PythonWorker,
        task: BenchmarkTask,
        suite: TestSuite,
        expected: ExpectedSuite?,
        judge: Judge
    ) -> Verdict {
        guard let expected, expected.outputs.count == suite.inputs.count else {
            return Verdict(.harnessError, detail: "no expected outputs for suite '\(suite.name)'")
        }
        var start = 0
        while start < suite.inputs.count {
            let end = min(start + CorrectnessRunner.chunkSize, suite.inputs.count)
            let inputs = Array(suite.inputs[start..<end])
            let limits = (start..<end).map {
                max(configuration.minimumTimeLimit, configuration.timeLimitFactor * expected.seconds[$0])
            }
            let (items, failure) = worker.batch(
                inputs: inputs,
                limits: limits,
                grace: CorrectnessRunner.grace,
                outputTimeout: configuration.programTimeLimit
            )
            // Same digest as the expected output: the same value (the sample cannot know the digest).
            let differing = items.indices.filter { offset in
                !expected.outputs.isMissing(start + offset)
                    && (items[offset].digest == nil || items[offset].digest != expected.digests[start + offset])
            }
            // The first differing output is judged alone first: a wrong sample, the usual reason for a difference,
            // ends there, before the chunk's other long outputs are fetched or computed again.
            for group in [Array(differing.prefix(1)), Array(differing.dropFirst())] where !group.isEmpty {
                let offsets = group.map { start + $0 }
                if let verdict = judgeGroup(
                    offsets: offsets, items: group.map { items[$0] }, worker: worker, task: task, suite: suite,
                    expected: expected, limits: group.map { limits[$0] }, judge: judge, testsRun: start + items.count
                ) {
                    return verdict
                }
            }
            if let (index, outcome) = failure {
                let input = start + index < suite.inputs.count ? suite.inputs[start + index] : nil
                return outcome.verdict(input: input, testsRun: start + index + 1)
            }
            start = end
        }
        return Verdict(.passed, testsRun: suite.inputs.count)
    }
}
