// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore
import PaceRunners
import PaceSandbox

/// One reference worker per thread, kept loaded while consecutive samples belong to the same task.
struct ReferenceWorkers {
    private var current: (taskID: String, worker: PythonWorker)?
    /// The thread's fork server for trusted workers (preparations and references), which lends one at a time.
    let forks: WorkerForks

    init(configuration: EvaluationConfiguration) {
        forks = WorkerForks(python: configuration.python, configuration: configuration.trustedSandbox, holdsInputs: true)
    }

    mutating func worker(for task: BenchmarkTask, configuration: EvaluationConfiguration) -> PythonWorker? {
        if let current, current.taskID == task.id, current.worker.isAlive { return current.worker }
        close()
        guard let reference = task.efficiency?.reference,
            let worker = try? EfficiencyPreparation.startWorker(configuration, forks: forks),
            worker.load(code: reference, entryPoint: task.entryPoint, name: "reference", timeout: 120) == nil
        else { return nil }
        current = (task.id, worker)
        return worker
    }

    /// Closes the worker unless it serves `task` (so that the fork server is free for the next task's worker).
    mutating func release(unless task: BenchmarkTask) {
        if current?.taskID != task.id { close() }
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
///
/// The calls are recorded first and the ENAMEL rules applied to the record (``decide``): a call over the limit
/// α·T + tolerance is tried once more, and censors its level when the second try is over it too. When the task's
/// calibration is still provisional (each test timed once, ``PreparedTask/calibrated`` false), this run calibrates
/// it from the reference's paired repetitions: until a call comes near the limit the calibration could give (over
/// the test's first times' T ÷ 1.5, interrupted at × 1.5), the run goes on; at that call — or at the end, if none
/// does — the tests that can set T get their remaining repetitions alone, and the rules are applied with the
/// calibrated limit to what was recorded, then the run goes on as any calibrated run. The verdict is the one a run
/// after a separate calibration would give; where the record cannot tell (a call over the calibrated limit that
/// was not tried again, when the calibration came out below the first times' ÷ 1.5), the caller runs the sample
/// again with the calibration.
struct EfficiencyRunner {
    let configuration: EvaluationConfiguration
    let task: BenchmarkTask
    let prepared: PreparedTask
    /// Slack after the timeout before the hard kill, seconds.
    static let grace = 0.5
    /// With a provisional calibration: the bound is this factor above the limit it suggests, the retry threshold
    /// this factor below (a test's single first time is within 0.77–1.7× of its HL time on ENAMEL, measured).
    static let provisionalMargin = 1.5

    /// What a run came to: the verdict and score, and the task's calibration when this run made it.
    struct Outcome {
        var verdict: Verdict
        var efficiency: EfficiencyResult
        var calibration: PreparedTask?
        /// The run could not be decided from its record with the calibration it made: run again (on a live worker)
        /// with `calibration`.
        var undecided = false
    }

    func run(worker: PythonWorker, judge: Judge, references: inout ReferenceWorkers) -> Outcome {
        let reference = configuration.pairedReference ? references.worker(for: task, configuration: configuration) : nil
        var provisional = !prepared.calibrated && reference != nil
        let estimate = prepared.timeout + configuration.tolerance
        let margin = EfficiencyRunner.provisionalMargin
        var bounds = provisional
            ? Bounds(retry: prepared.timeout / margin + configuration.tolerance, stop: prepared.timeout * margin + configuration.tolerance)
            : Bounds(retry: estimate, stop: estimate)
        var record = Record(shape: prepared.inputs.map(\.count))
        var calibration: PreparedTask?
        var level = 0
        var start = 0
        var stopped = false
        levels: while level < prepared.inputs.count {
            let hard = prepared.hardness[level] > 0
            let step = runLevel(
                worker: worker,
                reference: hard ? reference : nil,
                level: level,
                reps: hard ? configuration.repetitions : 1,
                from: start,
                bounds: bounds,
                pauseWhenNear: provisional,
                judge: judge,
                into: &record
            )
            switch step {
            case .done:
                level += 1
                start = 0
            case .stopped:
                stopped = true
                break levels
            case .paused(let next):
                // A call came near the limit: the rules need it exactly. Calibrate now (the tests that can set T,
                // timed alone where this run has not paired them yet) and go on as a calibrated run would.
                guard let reference, let made = calibrate(reference, record: &record) else { return referenceFailed() }
                (calibration, provisional) = (made, false)
                let limit = made.timeout + configuration.tolerance
                bounds = Bounds(retry: limit, stop: limit)
                guard case .pending = decide(record, limit: limit, partial: true) else { break levels }
                start = next
            }
        }
        // A run that ended in an error or a wrong output before any hard level fails whatever the calibration would
        // say (any call of those levels over the limit would fail it too): it is decided without calibrating, with
        // every call it made kept (each was within the bound it ran under), and the task stays provisional.
        let failedBeforeHard = stopped && prepared.hardness.prefix(level + 1).allSatisfy { $0 == 0 }
            && record.calls.last?.attempts.last?.end != nil
        if provisional, let reference, !failedBeforeHard {
            guard let made = calibrate(reference, record: &record) else { return referenceFailed() }
            calibration = made
        }
        // Decided and scored against the calibration this run made, if it made one.
        let basis = calibration ?? prepared
        let limit = provisional && failedBeforeHard ? bounds.stop : basis.timeout + configuration.tolerance
        guard let decided = decide(record, limit: limit), case .decided(let decision) = decided else {
            // Only a run with a provisional calibration can leave its record undecided (with a calibration, both
            // thresholds are the limit and every call over it is tried again).
            let verdict = calibration == nil ? Verdict(.harnessError, detail: "the efficiency record is incomplete") : Verdict(.passed)
            return Outcome(verdict: verdict, efficiency: zero(levels: prepared.inputs.count), calibration: calibration, undecided: calibration != nil)
        }
        let scorer = EfficiencyRunner(configuration: configuration, task: task, prepared: basis)
        switch decision {
        case .failed(let verdict):
            return Outcome(verdict: verdict, efficiency: zero(levels: prepared.inputs.count), calibration: calibration)
        case .censored(let level, let reason, let testsRun, _) where prepared.hardness[level] == 0:
            let outcome: PaceCore.Outcome = reason.reason == "timeout" ? .timeout : (reason.reason == "out_of_memory" ? .outOfMemory : .failed)
            let verdict = Verdict(outcome, detail: "\(reason.reason) on level \(level)", input: shown(level, reason.test, judge), testsRun: testsRun)
            return Outcome(verdict: verdict, efficiency: zero(levels: prepared.inputs.count), calibration: calibration)
        case .censored(let level, let reason, let testsRun, let measured):
            let after = scorer.laterReferences(reference, &record, from: level)
            let efficiency = scorer.score(measured, references: after, censoredAt: level, reason: reason.reason)
            return Outcome(verdict: Verdict(.passed, testsRun: testsRun), efficiency: efficiency, calibration: calibration)
        case .completed(let testsRun, let measured):
            let efficiency = scorer.score(measured, references: nil, censoredAt: nil, reason: nil)
            return Outcome(verdict: Verdict(.passed, testsRun: testsRun), efficiency: efficiency, calibration: calibration)
        }
    }

    private func referenceFailed() -> Outcome {
        Outcome(verdict: Verdict(.harnessError, detail: "the reference failed while calibrating"), efficiency: zero(levels: prepared.inputs.count))
    }

    /// After a censored level, the reference's times now on the tests of that level and the later ones that can be
    /// the slowest (``slowCandidates`` against the calibrated T), so that T comes from measurements made now, like
    /// the levels already scored; the levels after the censored one only count through T. Per level from `level`
    /// on, the HL times of those tests (none where no test can set T); nil without a reference or on a failure.
    private func laterReferences(_ reference: PythonWorker?, _ record: inout Record, from level: Int) -> [[Double]]? {
        guard let reference else { return nil }
        var levels = Array(repeating: [Double](), count: prepared.inputs.count - level)
        for (current, tests) in slowCandidates(prepared.referenceSeconds, hardness: prepared.hardness, from: level, slowest: prepared.slowest) {
            guard let times = repetitions(reference, &record, level: current, tests: tests) else { return nil }
            levels[current - level] = times.map(Estimators.hodgesLehmann)
        }
        return levels
    }

    /// This run's `repetitions` times of the reference on each of `tests` of `level`: the paired ones where the run
    /// made them all, else timed alone now (round-robin) and kept in `record`.
    private func repetitions(_ reference: PythonWorker, _ record: inout Record, level: Int, tests: [Int]) -> [[Double]]? {
        let missing = tests.filter { record.repetitions(level: level, test: $0, count: configuration.repetitions).isEmpty }
        if !missing.isEmpty {
            guard let timed = timeRoundRobin(
                reference,
                name: "reference",
                inputs: missing.map { prepared.inputs[level][$0] },
                tests: missing,
                level: level,
                reps: configuration.repetitions,
                timeout: 10 * prepared.timeout + 10,
                meter: configuration.meter
            ) else { return nil }
            for (position, test) in missing.enumerated() { record.alone[level][test] = timed.samples[position] }
        }
        return tests.map { record.repetitions(level: level, test: $0, count: configuration.repetitions) }
    }

    /// Calibrates the task from this run: every test's first time (the answers pass), and for the tests that can set
    /// T, HL over that and this run's `repetitions` more (``repetitions(_:_:level:tests:)``).
    private func calibrate(_ reference: PythonWorker, record: inout Record) -> PreparedTask? {
        let first = prepared.referenceSeconds
        let seconds = completeCalibration(first, hardness: prepared.hardness) { level, tests in
            repetitions(reference, &record, level: level, tests: tests).map { times in
                zip(tests, times).map { [first[level][$0]] + $1 }
            }
        }
        return seconds.map { PreparedTask(calibrating: prepared, seconds: $0, alpha: configuration.alpha) }
    }

    // MARK: - Recording calls

    /// The thresholds a run works with: a call over `retry` is tried once more; a second try over `stop` ends the run
    /// (with a calibration, both are the limit; the worker's timer interrupts calls at `stop`).
    struct Bounds {
        var retry: Double
        var stop: Double
    }

    /// One try of a sample's call: its time (nil when interrupted at `bound` or killed), the stop bound it ran under,
    /// and what ended the run there, if anything.
    struct Attempt {
        var seconds: Double?
        var bound: Double
        var end: End?
    }

    /// What ends a run regardless of the limit (a wrong output only when its call was within the limit).
    enum End {
        case failed(Verdict)
        case censored(String)
    }

    /// Every call of a run in order, and the reference's paired repetitions per level and test.
    struct Record {
        var calls: [(level: Int, test: Int, attempts: [Attempt])] = []
        var reference: [[[Double]]]
        /// The reference's repetitions timed alone (where the run did not pair them all), per level and test.
        var alone: [[[Double]]]

        /// `shape`: the tests per level.
        init(shape: [Int]) {
            reference = shape.map { Array(repeating: [], count: $0) }
            alone = reference
        }

        /// This run's `count` repetitions of the reference on a test: the paired ones if all were made, else those
        /// timed alone; empty if neither.
        func repetitions(level: Int, test: Int, count: Int) -> [Double] {
            if reference[level][test].count >= count { return Array(reference[level][test].prefix(count)) }
            return alone[level][test].count >= count ? alone[level][test] : []
        }
    }

    /// How far a level got.
    enum LevelStep {
        case done
        /// A call ended the run (a failure, or both tries over the stop bound).
        case stopped
        /// With `pauseWhenNear`: a call went over the retry threshold; `next` is the level's next call.
        case paused(next: Int)
    }

    /// Runs every test of `level` `reps` times, round-robin over the tests (repetition 1 of every test, then
    /// repetition 2, …), so that a burst of load on the machine hits one repetition of several tests — which the
    /// Hodges–Lehmann estimate then discards — rather than every repetition of one test. Starts at call `start`
    /// (repetition × tests + test).
    private func runLevel(
        worker: PythonWorker,
        reference: PythonWorker?,
        level: Int,
        reps: Int,
        from start: Int,
        bounds: Bounds,
        pauseWhenNear: Bool,
        judge: Judge,
        into record: inout Record
    ) -> LevelStep {
        let inputs = prepared.inputs[level]
        let referenceLimit = 10 * bounds.stop + 10
        for position in start..<(reps * inputs.count) {
            let (rep, test) = position.quotientAndRemainder(dividingBy: inputs.count)
            let input = inputs[test]
            // Counterbalanced: the reference runs first on even repetitions and second on odd ones, so that
            // whichever runs second (on warmer caches) is not always the same side.
            let referenceFirst = rep % 2 == 0
            if referenceFirst, let seconds = timeReference(reference, input: input, level: level, test: test, limit: referenceLimit) {
                record.reference[level][test].append(seconds)
            }
            var attempts = [attempt(worker: worker, level: level, test: test, rep: rep, bound: bounds.stop, judge: judge)]
            if attempts[0].end == nil, attempts[0].seconds.map({ $0 > bounds.retry }) ?? true {
                // Over the limit (interrupted by the worker's timer, or back within the grace): one more try
                // before the level is censored, so that a stall of the machine (a call 10× its usual time was
                // seen on an idle one) does not zero a sample. A sample that is really too slow is too slow
                // twice, and is censored as before.
                attempts.append(attempt(worker: worker, level: level, test: test, rep: rep, bound: bounds.stop, judge: judge))
            }
            record.calls.append((level, test, attempts))
            let last = attempts[attempts.count - 1]
            if last.end != nil || (attempts.count == 2 && last.seconds.map({ $0 > bounds.stop }) ?? true) { return .stopped }
            if !referenceFirst, let seconds = timeReference(reference, input: input, level: level, test: test, limit: referenceLimit) {
                record.reference[level][test].append(seconds)
            }
            if pauseWhenNear && attempts.count == 2 { return .paused(next: position + 1) }
        }
        return .done
    }

    /// One try of the sample's call on a test, judged on the first repetition.
    private func attempt(worker: PythonWorker, level: Int, test: Int, rep: Int, bound: Double, judge: Judge) -> Attempt {
        let input = prepared.inputs[level][test]
        let key = heldInputKey(level: level, test: test)
        switch timedCall(worker: worker, name: "sample", input: input, key: key, wantOutput: rep == 0, limit: bound, interrupt: true) {
        case .failure(.failure(let kind, _)) where kind == "timeout":
            return Attempt(seconds: nil, bound: bound, end: nil)
        case .failure(let outcome):
            return Attempt(seconds: nil, bound: bound, end: classify(outcome, shown: { shown(level, test, judge) }))
        case .success(let seconds, let output):
            guard seconds <= bound, let output else { return Attempt(seconds: seconds, bound: bound, end: nil) }
            return Attempt(seconds: seconds, bound: bound, end: judgeOutput(output, level: level, test: test, judge: judge).map(End.failed))
        }
    }

    // MARK: - Decisions

    /// What the rules make of a record.
    enum Decision {
        case completed(testsRun: Int, measured: [(sample: [Double], reference: [Double])])
        case censored(level: Int, reason: (reason: String, test: Int), testsRun: Int, measured: [(sample: [Double], reference: [Double])])
        case failed(Verdict)
    }

    /// A decision, or (for part of a run) none yet.
    enum Step {
        case decided(Decision)
        case pending
    }

    /// Applies ENAMEL's rules with `limit` to the record, call by call in the order they ran: the first try within the
    /// limit is kept; a call whose tries are both over it censors its level (a timeout, memory error or overflow
    /// censors it at once; at level 0 it fails the sample); any other error or a wrong output within the limit
    /// fails the sample. With `partial`, a record that ends without a decision is `pending`. Nil when the record
    /// cannot tell: a call over `limit` that was not tried again, a try cut at a bound below `limit`, or a run that
    /// stopped where the rules with `limit` go on.
    func decide(_ record: Record, limit: Double, partial: Bool = false) -> Step? {
        var measured: [(sample: [Double], reference: [Double])] = []
        var testsRun = 0
        var position = 0
        for level in prepared.inputs.indices {
            let count = prepared.inputs[level].count
            let reps = prepared.hardness[level] > 0 ? configuration.repetitions : 1
            var times = Array(repeating: [Double](), count: count)
            for _ in 0..<(count * reps) {
                // A call the run never made: it stopped (or has not yet got) where the rules with `limit` go on.
                guard position < record.calls.count, record.calls[position].level == level else { return partial ? .pending : nil }
                let call = record.calls[position]
                position += 1
                func censored(_ reason: String) -> Step {
                    .decided(.censored(level: level, reason: (reason, call.test), testsRun: testsRun + call.test + 1, measured: measured))
                }
                var kept: Double?
                for (index, attempt) in call.attempts.enumerated() {
                    if let seconds = attempt.seconds, seconds <= limit {
                        if case .failed(var verdict) = attempt.end {
                            verdict.testsRun = testsRun + 1
                            return .decided(.failed(verdict))
                        }
                        kept = seconds
                        break
                    }
                    switch attempt.end {
                    case .failed(var verdict)? where attempt.seconds == nil:
                        verdict.testsRun = testsRun + 1
                        return .decided(.failed(verdict))
                    case .censored(let reason)?:
                        // Killed at the bound's deadline: only a timeout if that deadline is past the limit.
                        if reason == "timeout" && attempt.bound + EfficiencyRunner.grace < limit { return nil }
                        return censored(reason)
                    default:
                        break
                    }
                    // Over the limit: done after it, or interrupted at a bound (which must not be below it).
                    if attempt.seconds == nil && attempt.bound < limit { return nil }
                    if index == 1 { return censored("timeout") }
                }
                // A try over the limit without a second: the record cannot tell.
                guard let kept else { return nil }
                times[call.test].append(kept)
            }
            let paired = record.reference[level].count == count && record.reference[level].allSatisfy { $0.count == reps }
                ? record.reference[level].map(Estimators.hodgesLehmann) : []
            measured.append((times.map(Estimators.hodgesLehmann), paired))
            testsRun += count
        }
        return .decided(.completed(testsRun: testsRun, measured: measured))
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

    /// Nil when the output is right; otherwise the failing verdict. An output whose text is the expected answer's is
    /// right without asking the judge, as on correctness runs (the same value: both texts come from the workers'
    /// encoder, and the sample never sees the expected one) — unless it holds a NaN or infinity (NaN != NaN, and
    /// ENAMEL's tolerance checkers compute inf - inf) or an opaque value (equal to nothing).
    private func judgeOutput(_ output: String, level: Int, test: Int, judge: Judge) -> Verdict? {
        let expected = prepared.expected[level][test]
        if output == expected && !holdsTag(output, "$float") && !holdsTag(output, "$repr") { return nil }
        let item = Judge.Item(input: prepared.inputs[level][test], expected: expected, output: output, pickled: true)
        do {
            if try judge.judge(task: task, items: [item]).first == true { return nil }
            return Verdict(.failed, detail: "wrong output on level \(level): " + Verdict.shorten(output, to: 200), input: shown(level, test, judge))
        } catch {
            return Verdict(.harnessError, detail: error.message, input: shown(level, test, judge))
        }
    }

    /// Whether tagged JSON text holds `tag` ("$float") as a key, searched as bytes: outputs run to megabytes, and a
    /// search by characters took a second of a run.
    private func holdsTag(_ text: String, _ tag: String) -> Bool {
        let key = Array(("\"" + tag + "\"").utf8)
        var text = text
        return text.withUTF8 { bytes in
            var start = 0
            while let dollar = bytes[start...].firstIndex(of: UInt8(ascii: "$")) {
                if dollar >= 1, dollar - 1 + key.count <= bytes.count, bytes[(dollar - 1)..<(dollar - 1 + key.count)].elementsEqual(key) {
                    return true
                }
                start = dollar + 1
            }
            return false
        }
    }

    /// A test's input as tagged JSON text, for a verdict (made by the judge from the input's pickle).
    private func shown(_ level: Int, _ test: Int, _ judge: Judge) -> String? {
        judge.render(pickled: prepared.inputs[level][test])
    }

    private enum TimedCall {
        /// Seconds on the meter, and the output's text when it was asked for.
        case success(Double, String?)
        case failure(CallOutcome)
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

    /// ENAMEL: a timeout, memory error or overflow censors the level; anything else fails the sample (`shown`: the
    /// input's text, for its verdict).
    private func classify(_ outcome: CallOutcome, shown: () -> String?) -> End {
        switch outcome {
        case .timedOut: return .censored("timeout")
        case .failure(let kind, _) where kind == "timeout": return .censored("timeout")
        case .failure(let kind, _) where kind == "memory": return .censored("out_of_memory")
        case .failure(let kind, _) where kind == "overflow": return .censored("overflow")
        case .died(.signaled(let signal), _) where signal == 9 || signal == 24:
            return .censored(signal == 24 ? "timeout" : "out_of_memory")
        default: return .failed(outcome.verdict(input: shown(), testsRun: 0))
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
