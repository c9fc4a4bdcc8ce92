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
            // Expected outputs too long to have been kept, for the judge: one canonical run over those of the chunk.
            let unkept = differing.map { start + $0 }.filter { expected.outputs.isOmitted($0) && expected.outputs[$0] == nil }
            ExpectedOutputs.recompute(
                task: task, suite: suite, expected: expected, indices: unkept, configuration: configuration
            )
            var judged: [Judge.Item] = []
            var positions: [Int] = []
            for offset in differing {
                let item = items[offset]
                guard let answer = expected.outputs[start + offset] else {
                    let detail = "the canonical solution's output for this input could not be computed again"
                    return Verdict(.harnessError, detail: detail, input: inputs[offset], testsRun: start + offset + 1)
                }
                var output = item.output
                if item.omitted {
                    switch fullOutput(worker: worker, input: inputs[offset], limit: limits[offset]) {
                    case .success(let text): output = text
                    case .failure(let outcome): return outcome.verdict(input: inputs[offset], testsRun: start + offset + 1)
                    }
                }
                judged.append(Judge.Item(input: inputs[offset], expected: answer, output: output))
                positions.append(start + offset)
            }
            let verdicts: [Bool]
            do {
                verdicts = try judge.judge(task: task, items: judged)
            } catch {
                return Verdict(.harnessError, detail: error.message, testsRun: start + items.count)
            }
            if let wrong = verdicts.firstIndex(of: false) {
                let position = positions[wrong]
                return Verdict(
                    .failed,
                    detail: "wrong output: " + Verdict.shorten(judged[wrong].output, to: 200),
                    input: suite.inputs[position],
                    testsRun: position + 1
                )
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
