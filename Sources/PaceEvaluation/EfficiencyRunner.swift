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

    /// Takes over a worker that already has the task's reference loaded (the task's preparation worker).
    mutating func adopt(_ worker: PythonWorker, for task: BenchmarkTask) {
        close()
        current = (task.id, worker)
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

    func run(worker: PythonWorker, judge: Judge, references: inout ReferenceWorkers) -> (Verdict, EfficiencyResult) {
        let limit = prepared.timeout + configuration.tolerance
        var measured: [(sample: [Double], reference: [Double])] = []
        var testsRun = 0
        let reference = configuration.pairedReference ? references.worker(for: task, configuration: configuration) : nil
        for level in prepared.inputs.indices {
            let hard = prepared.hardness[level] > 0
            let outcome = runLevel(
                worker: worker,
                reference: hard ? reference : nil,
                level: level,
                reps: hard ? configuration.repetitions : 1,
                limit: limit,
                judge: judge
            )
            switch outcome {
            case .failed(var verdict):
                verdict.testsRun = testsRun + 1
                return (verdict, zero(levels: prepared.inputs.count))
            case .censored(let reason, let test):
                testsRun += test + 1
                if !hard {
                    let outcome: Outcome = reason == "timeout" ? .timeout : (reason == "out_of_memory" ? .outOfMemory : .failed)
                    let verdict = Verdict(outcome, detail: "\(reason) on level \(level)", input: prepared.inputs[level][test], testsRun: testsRun)
                    return (verdict, zero(levels: prepared.inputs.count))
                }
                let references = finishReference(reference, from: level)
                return (Verdict(.passed, testsRun: testsRun), score(measured, references: references, censoredAt: level, reason: reason))
            case .timed(let sample, let paired):
                testsRun += sample.count
                measured.append((sample, paired))
            }
        }
        return (Verdict(.passed, testsRun: testsRun), score(measured, references: nil, censoredAt: nil, reason: nil))
    }

    /// After a censored level, times the reference alone on the tests of that level and the later ones that can be
    /// the slowest (``slowCandidates`` against the calibrated T), so that T comes from measurements made now, like
    /// the levels already scored; the levels after the censored one only count through T. Per level from `level`
    /// on, the HL times of the tests timed (none where no test can set T); nil without a reference or on a failure.
    private func finishReference(_ reference: PythonWorker?, from level: Int) -> [[Double]]? {
        guard let reference else { return nil }
        var levels = Array(repeating: [Double](), count: prepared.inputs.count - level)
        let candidates = slowCandidates(prepared.referenceSeconds, hardness: prepared.hardness, from: level, slowest: prepared.slowest)
        for (current, tests) in candidates {
            guard let timed = timeRoundRobin(
                reference,
                name: "reference",
                inputs: tests.map { prepared.inputs[current][$0] },
                tests: tests,
                level: current,
                reps: configuration.repetitions,
                timeout: 10 * prepared.timeout + 10,
                meter: configuration.meter
            ) else { return nil }
            levels[current - level] = timed.seconds
        }
        return levels
    }

    // MARK: - One level

    /// The outcome of one level: per test, the sample's and (paired) the reference's Hodges–Lehmann time.
    private enum LevelOutcome {
        case timed(sample: [Double], reference: [Double])
        case censored(String, test: Int)
        case failed(Verdict)
    }

    /// Runs every test of `level` `reps` times, round-robin over the tests (repetition 1 of every test, then
    /// repetition 2, …), so that a burst of load on the machine hits one repetition of several tests — which the
    /// Hodges–Lehmann estimate then discards — rather than every repetition of one test.
    private func runLevel(
        worker: PythonWorker,
        reference: PythonWorker?,
        level: Int,
        reps: Int,
        limit: Double,
        judge: Judge
    ) -> LevelOutcome {
        let inputs = prepared.inputs[level]
        var sampleTimes = Array(repeating: [Double](), count: inputs.count)
        var referenceTimes = Array(repeating: [Double](), count: inputs.count)
        for rep in 0..<reps {
            for (test, input) in inputs.enumerated() {
                // Counterbalanced: the reference runs first on even repetitions and second on odd ones, so that
                // whichever runs second (on warmer caches) is not always the same side.
                let referenceFirst = rep % 2 == 0
                if referenceFirst, let seconds = timeReference(reference, input: input, level: level, test: test, limit: limit) {
                    referenceTimes[test].append(seconds)
                }
                let key = heldInputKey(level: level, test: test)
                var call = timedCall(worker: worker, name: "sample", input: input, key: key, wantOutput: rep == 0, limit: limit, interrupt: true)
                if call.overLimit(limit) {
                    // Over the limit (interrupted by the worker's timer, or back within the grace): one more try
                    // before the level is censored, so that a stall of the machine (a call 10× its usual time was
                    // seen on an idle one) does not zero a sample. A sample that is really too slow is too slow
                    // twice, and is censored as before.
                    call = timedCall(worker: worker, name: "sample", input: input, key: key, wantOutput: rep == 0, limit: limit, interrupt: true)
                }
                switch call {
                case .failure(let outcome):
                    switch classify(outcome, input: input) {
                    case .censored(let reason, _): return .censored(reason, test: test)
                    case let other: return other
                    }
                case .success(let seconds, let output):
                    if seconds > limit { return .censored("timeout", test: test) }
                    sampleTimes[test].append(seconds)
                    if let output, let wrong = judgeOutput(output, level: level, test: test, judge: judge) {
                        return .failed(wrong)
                    }
                }
                if !referenceFirst, let seconds = timeReference(reference, input: input, level: level, test: test, limit: limit) {
                    referenceTimes[test].append(seconds)
                }
            }
        }
        let paired = referenceTimes.allSatisfy { $0.count == reps } ? referenceTimes.map(Estimators.hodgesLehmann) : []
        return .timed(sample: sampleTimes.map(Estimators.hodgesLehmann), reference: paired)
    }

    /// One repetition of the reference on a test, through exactly the same call path as the sample (so neither
    /// side is measured differently); nil without pairing or on failure.
    private func timeReference(_ reference: PythonWorker?, input: String, level: Int, test: Int, limit: Double) -> Double? {
        guard let reference else { return nil }
        let key = heldInputKey(level: level, test: test)
        guard case .success(let seconds, _) = timedCall(worker: reference, name: "reference", input: input, key: key, wantOutput: false, limit: 10 * limit + 10)
        else { return nil }
        return seconds
    }

    /// Nil when the output is right; otherwise the failing verdict.
    private func judgeOutput(_ output: String, level: Int, test: Int, judge: Judge) -> Verdict? {
        let input = prepared.inputs[level][test]
        let item = Judge.Item(input: input, expected: prepared.expected[level][test], output: output)
        do {
            if try judge.judge(task: task, items: [item]).first == true { return nil }
            return Verdict(.failed, detail: "wrong output on level \(level): " + Verdict.shorten(output, to: 200), input: input)
        } catch {
            return Verdict(.harnessError, detail: error.message, input: input)
        }
    }

    private enum TimedCall {
        /// Seconds on the meter, and the output's text when it was asked for.
        case success(Double, String?)
        case failure(CallOutcome)

        /// Whether the call ran past `limit` and came back: timed out by the worker, or done but over the limit.
        func overLimit(_ limit: Double) -> Bool {
            switch self {
            case .success(let seconds, _): return seconds > limit
            case .failure(.failure(let kind, _)): return kind == "timeout"
            case .failure: return false
            }
        }
    }

    /// A `sync` call: the worker says "go" right before the measured call, and the call must end by `limit + grace`.
    /// With `interrupt`, the worker's own timer ends the call at `limit` (a timeout reply) and the hard kill at the
    /// deadline is only the backstop; without it (the reference) the worker lets the call run.
    private func timedCall(
        worker: PythonWorker,
        name: String,
        input: String,
        key: String,
        wantOutput: Bool,
        limit: Double,
        interrupt: Bool = false
    ) -> TimedCall {
        var request = #"{"op":"call","name":""# + name + "\"" + inputFields(worker, input, key: key)
        request += #","reps":1,"fresh":true,"sync":true,"want_output":\#(wantOutput ? #""line""# : "false")"#
        request += interrupt ? #","limit":\#(limit)}"# : "}"
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
        let deadline = monotonicNanoseconds() + UInt64((limit + EfficiencyRunner.grace) * 1e9)
        let (outcome, output) = reply(worker, wantOutput: wantOutput, deadline: deadline)
        guard case .value(let message) = outcome else { return .failure(outcome) }
        guard let seconds = times(message, meter: configuration.meter).first else {
            return .failure(.garbled("a call reply without times"))
        }
        return .success(seconds, output)
    }

    /// ENAMEL: a timeout, memory error or overflow censors the level; anything else fails the sample.
    private func classify(_ outcome: CallOutcome, input: String) -> LevelOutcome {
        switch outcome {
        case .timedOut: return .censored("timeout", test: 0)
        case .failure(let kind, _) where kind == "timeout": return .censored("timeout", test: 0)
        case .failure(let kind, _) where kind == "memory": return .censored("out_of_memory", test: 0)
        case .failure(let kind, _) where kind == "overflow": return .censored("overflow", test: 0)
        case .died(.signaled(let signal), _) where signal == 9 || signal == 24:
            return .censored(signal == 24 ? "timeout" : "out_of_memory", test: 0)
        default: return .failed(outcome.verdict(input: input, testsRun: 0))
        }
    }

    // MARK: - Scores

    /// ENAMEL's score: `e_j = max(0, αT − t_j)/(αT − t*_j)` with `t_j` the slowest test's time on level `j`.
    ///
    /// With pairing, `t*_j` and `T` come from the reference measured alongside this sample (after a censored level,
    /// the tests that can set T are timed for the reference alone), so the cached calibration only sets the kill
    /// threshold. Without pairing (or if a paired measurement is missing), the calibrated reference times are used.
    private func score(
        _ measured: [(sample: [Double], reference: [Double])],
        references after: [[Double]]?,
        censoredAt: Int?,
        reason: String?
    ) -> EfficiencyResult {
        let count = prepared.inputs.count
        var paired: [Double?] = (0..<count).map { level in
            level < measured.count && !measured[level].reference.isEmpty && measured[level].reference.count == measured[level].sample.count
                ? measured[level].reference.max() : nil
        }
        // Levels after a censored one whose reference cannot set T, and so was not timed again.
        var untimed: Set<Int> = []
        if let censoredAt, let after {
            for (offset, seconds) in after.enumerated() where censoredAt + offset < count {
                if seconds.isEmpty { untimed.insert(censoredAt + offset) } else { paired[censoredAt + offset] = seconds.max() }
            }
        }
        let hardLevels = (0..<count).filter { prepared.hardness[$0] > 0 }
        let usePaired = configuration.pairedReference && (censoredAt == nil || after != nil)
            && hardLevels.allSatisfy { paired[$0] != nil || untimed.contains($0) }
        let levelReference = (0..<count).map { usePaired ? (paired[$0] ?? prepared.levelReference($0)) : prepared.levelReference($0) }
        let slowest = hardLevels.map { levelReference[$0] }.max() ?? prepared.slowest
        let timeout = configuration.alpha * slowest
        var levels: [LevelEfficiency] = []
        for level in 0..<count {
            let completed = level < measured.count && (censoredAt == nil || level < censoredAt!)
            let worst = completed ? measured[level].sample.max() : nil
            var efficiency = 0.0
            if let worst, prepared.hardness[level] > 0 {
                let span = timeout - levelReference[level]
                efficiency = span > 0 ? max(0, timeout - worst) / span : (worst <= levelReference[level] ? 1 : 0)
            }
            levels.append(LevelEfficiency(
                level: level,
                efficiency: efficiency,
                sampleSeconds: worst,
                referenceSeconds: usePaired ? paired[level] : nil,
                calibratedReferenceSeconds: prepared.levelReference(level)
            ))
        }
        let totalWeight = prepared.hardness.reduce(0, +)
        let weighted = levels.reduce(0) { $0 + prepared.hardness[$1.level] * $1.efficiency }
        var result = EfficiencyResult(
            score: totalWeight > 0 ? weighted / totalWeight : 0,
            levels: levels,
            censoredLevel: censoredAt,
            censorReason: reason,
            timeoutSeconds: timeout
        )
        result.drift = usePaired && prepared.slowest > 0 ? slowest / prepared.slowest : nil
        return result
    }

    private func zero(levels count: Int) -> EfficiencyResult {
        EfficiencyResult(score: 0, levels: [], censoredLevel: nil, censorReason: nil, timeoutSeconds: prepared.timeout)
    }
}
