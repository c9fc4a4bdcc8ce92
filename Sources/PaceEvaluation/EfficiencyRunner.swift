// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore
import PaceRunners
import PaceSandbox

/// One reference worker per thread, kept loaded while consecutive samples belong to the same task.
struct ReferenceWorkers {
    private var current: (taskID: String, worker: PythonWorker)?

    mutating func worker(for task: BenchmarkTask, configuration: EvaluationConfiguration) -> PythonWorker? {
        if let current, current.taskID == task.id, current.worker.isAlive { return current.worker }
        close()
        guard let reference = task.efficiency?.reference,
            let worker = try? PythonWorker(python: configuration.python, configuration: configuration.sandbox),
            worker.load(code: reference, entryPoint: task.entryPoint, name: "reference", timeout: 120) == nil
        else { return nil }
        current = (task.id, worker)
        return worker
    }

    mutating func close() {
        current?.worker.close()
        current = nil
    }
}

/// Scores one sample's efficiency the ENAMEL way, on a worker where the sample is already loaded.
///
/// Levels run in order; each test runs `repetitions` times (once on levels with hardness 0), every repetition with
/// a fresh deep copy of the input and fresh globals. With pairing on, the reference runs the same test in its own
/// worker just before each repetition of the sample, and the sample's level time is scored as its ratio to that
/// reference, expressed in calibrated reference seconds — so a machine that slows down for a while slows both
/// sides and the score does not move.
struct EfficiencyRunner {
    let configuration: EvaluationConfiguration
    let task: BenchmarkTask
    let prepared: PreparedTask
    /// Slack after the timeout before the hard kill, seconds.
    static let grace = 0.5

    private enum TestOutcome {
        case timed(sample: Double, reference: Double?)
        case censored(String)
        case failed(Verdict)
    }

    func run(worker: PythonWorker, judge: Judge, references: inout ReferenceWorkers) -> (Verdict, EfficiencyResult) {
        let limit = prepared.timeout + configuration.tolerance
        var levels: [LevelEfficiency] = []
        var testsRun = 0
        let reference = configuration.pairedReference ? references.worker(for: task, configuration: configuration) : nil
        for level in prepared.inputs.indices {
            let hard = prepared.hardness[level] > 0
            var sampleLevel: [Double] = []
            var referenceLevel: [Double] = []
            for test in prepared.inputs[level].indices {
                testsRun += 1
                let outcome = runTest(
                    worker: worker,
                    reference: hard ? reference : nil,
                    level: level,
                    test: test,
                    reps: hard ? configuration.repetitions : 1,
                    limit: limit,
                    judge: judge
                )
                switch outcome {
                case .failed(var verdict):
                    verdict.testsRun = testsRun
                    return (verdict, zero(levels: prepared.inputs.count))
                case .censored(let reason):
                    if !hard {
                        let outcome: Outcome = reason == "timeout" ? .timeout : (reason == "out_of_memory" ? .outOfMemory : .failed)
                        let verdict = Verdict(outcome, detail: "\(reason) on level \(level)", input: prepared.inputs[level][test], testsRun: testsRun)
                        return (verdict, zero(levels: prepared.inputs.count))
                    }
                    return (Verdict(.passed, testsRun: testsRun), censored(levels, at: level, reason: reason))
                case .timed(let sample, let paired):
                    sampleLevel.append(sample)
                    if let paired { referenceLevel.append(paired) }
                }
            }
            levels.append(score(level: level, sample: sampleLevel, paired: referenceLevel))
        }
        return (Verdict(.passed, testsRun: testsRun), result(levels, censoredAt: nil, reason: nil))
    }

    // MARK: - One test

    private func runTest(
        worker: PythonWorker,
        reference: PythonWorker?,
        level: Int,
        test: Int,
        reps: Int,
        limit: Double,
        judge: Judge
    ) -> TestOutcome {
        let input = prepared.inputs[level][test]
        var sampleTimes: [Double] = []
        var referenceTimes: [Double] = []
        for rep in 0..<reps {
            if let reference {
                let outcome = call(reference, name: "reference", input: input, reps: 1, wantOutput: false, timeout: 10 * limit + 10)
                if case .value(let message) = outcome, let seconds = times(message, meter: configuration.meter).first {
                    referenceTimes.append(seconds)
                }
            }
            switch timedSampleCall(worker: worker, input: input, wantOutput: rep == 0, limit: limit) {
            case .failure(let outcome):
                return classify(outcome, input: input)
            case .success(let seconds, let output):
                if seconds > limit { return .censored("timeout") }
                sampleTimes.append(seconds)
                if let output {
                    let expected = prepared.expected[level][test]
                    do {
                        let verdicts = try judge.judge(task: task, items: [Judge.Item(input: input, expected: expected, output: output)])
                        if verdicts.first != true {
                            return .failed(Verdict(.failed, detail: "wrong output on level \(level): " + Verdict.shorten(output.jsonText, to: 200), input: input))
                        }
                    } catch {
                        return .failed(Verdict(.harnessError, detail: error.message, input: input))
                    }
                }
            }
        }
        let paired = referenceTimes.count == reps ? Estimators.hodgesLehmann(referenceTimes) : nil
        return .timed(sample: Estimators.hodgesLehmann(sampleTimes), reference: paired)
    }

    private enum TimedCall {
        case success(Double, JSONValue?)
        case failure(CallOutcome)
    }

    /// A `sync` call: the worker says "go" right before the measured call, and the call must end by `limit + grace`.
    private func timedSampleCall(worker: PythonWorker, input: String, wantOutput: Bool, limit: Double) -> TimedCall {
        let request = #"{"op":"call","name":"sample","args":"# + input + #","reps":1,"fresh":true,"sync":true,"want_output":\#(wantOutput)}"#
        let setup = UInt64(configuration.programTimeLimit * 1e9)
        guard worker.process.send(request, deadline: monotonicNanoseconds() + setup) else { return .failure(.timedOut) }
        let go = worker.next(deadline: monotonicNanoseconds() + setup)
        if case .message(let message) = go, message["go"] != nil {
            // The measured call starts now.
        } else {
            let outcome = CallOutcome(go)
            if case .value = outcome { return .failure(.garbled("expected a go line")) }
            return .failure(outcome)
        }
        let reply = CallOutcome(worker.next(deadline: monotonicNanoseconds() + UInt64((limit + EfficiencyRunner.grace) * 1e9)))
        guard case .value(let message) = reply else { return .failure(reply) }
        guard let seconds = times(message, meter: configuration.meter).first else {
            return .failure(.garbled("a call reply without times"))
        }
        return .success(seconds, wantOutput ? (message["out"] ?? .null) : nil)
    }

    /// ENAMEL: a timeout, memory error or overflow censors the level; anything else fails the sample.
    private func classify(_ outcome: CallOutcome, input: String) -> TestOutcome {
        switch outcome {
        case .timedOut: return .censored("timeout")
        case .failure(let kind, _) where kind == "memory": return .censored("out_of_memory")
        case .failure(let kind, _) where kind == "overflow": return .censored("overflow")
        case .died(.signaled(let signal), _) where signal == 9 || signal == 24: return .censored(signal == 24 ? "timeout" : "out_of_memory")
        default: return .failed(outcome.verdict(input: input, testsRun: 0))
        }
    }

    // MARK: - Scores

    /// e_j = max(0, αT − t_j)/(αT − t*_j), with t_j the worst test's time. Paired: t_j = (sample/reference) · t*_j.
    private func score(level: Int, sample: [Double], paired: [Double]) -> LevelEfficiency {
        let calibrated = prepared.levelReference(level)
        let worst = sample.max() ?? 0
        var effective = worst
        var pairedWorst: Double?
        if !paired.isEmpty, paired.count == sample.count, let reference = paired.max(), reference > 0 {
            pairedWorst = reference
            effective = worst / reference * calibrated
        }
        let span = prepared.timeout - calibrated
        let efficiency = span > 0 ? max(0, prepared.timeout - effective) / span : (effective <= calibrated ? 1 : 0)
        return LevelEfficiency(
            level: level,
            efficiency: prepared.hardness[level] > 0 ? efficiency : 0,
            sampleSeconds: worst,
            referenceSeconds: pairedWorst,
            calibratedReferenceSeconds: calibrated
        )
    }

    private func result(_ levels: [LevelEfficiency], censoredAt: Int?, reason: String?) -> EfficiencyResult {
        let totalWeight = prepared.hardness.reduce(0, +)
        let weighted = levels.reduce(0) { $0 + prepared.hardness[$1.level] * $1.efficiency }
        return EfficiencyResult(
            score: totalWeight > 0 ? weighted / totalWeight : 0,
            levels: levels,
            censoredLevel: censoredAt,
            censorReason: reason,
            timeoutSeconds: prepared.timeout
        )
    }

    private func censored(_ done: [LevelEfficiency], at level: Int, reason: String) -> EfficiencyResult {
        var levels = done
        for censoredLevel in level..<prepared.inputs.count {
            levels.append(LevelEfficiency(
                level: censoredLevel,
                efficiency: 0,
                sampleSeconds: nil,
                referenceSeconds: nil,
                calibratedReferenceSeconds: prepared.levelReference(censoredLevel)
            ))
        }
        return result(levels, censoredAt: level, reason: reason)
    }

    private func zero(levels count: Int) -> EfficiencyResult {
        EfficiencyResult(score: 0, levels: [], censoredLevel: nil, censorReason: nil, timeoutSeconds: prepared.timeout)
    }
}
