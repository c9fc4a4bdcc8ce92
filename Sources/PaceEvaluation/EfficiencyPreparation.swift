// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import PaceRunners
import PaceSandbox

/// A task ready for efficiency scoring: generated inputs, expected answers and calibrated reference times.
struct PreparedTask: Sendable {
    /// Per level, per test: the generator's arguments as they travel between workers (their pickle as base64 text,
    /// made by the generating worker; Pace never parses it). ``Judge/render(pickled:)`` shows one.
    var inputs: [[String]]
    /// Per level, per test: the reference's answer (tagged JSON text, handed to the judge as it is).
    var expected: [[String]]
    /// Per level, per test: the reference's time (Hodges–Lehmann over repetitions), seconds, on the chosen meter.
    var referenceSeconds: [[Double]]
    /// Hardness weight per level.
    var hardness: [Double]
    /// T: the slowest reference test over the levels with hardness > 0, seconds.
    var slowest: Double
    /// α·T, seconds.
    var timeout: Double
    /// Whether `referenceSeconds` is a calibration (the tests that can set T timed `repetitions` times) or each
    /// test's single time from the answers pass, left for the task's first sample run to complete (paired runs).
    var calibrated = true

    /// t*_j: the reference's slowest test on level `j`.
    func levelReference(_ level: Int) -> Double { referenceSeconds[level].max() ?? 0 }

    init(inputs: [[String]], expected: [[String]], referenceSeconds: [[Double]], hardness: [Double], alpha: Double, calibrated: Bool) {
        self.inputs = inputs
        self.expected = expected
        self.referenceSeconds = referenceSeconds
        self.hardness = hardness
        let hardLevels = referenceSeconds.indices.filter { hardness[$0] > 0 }
        slowest = hardLevels.map { referenceSeconds[$0].max() ?? 0 }.max() ?? (referenceSeconds.flatMap { $0 }.max() ?? 0)
        timeout = alpha * slowest
        self.calibrated = calibrated
    }

    /// `provisional` with its calibration completed: `seconds` per test.
    init(calibrating provisional: PreparedTask, seconds: [[Double]], alpha: Double) {
        self.init(
            inputs: provisional.inputs,
            expected: provisional.expected,
            referenceSeconds: seconds,
            hardness: provisional.hardness,
            alpha: alpha,
            calibrated: true
        )
    }
}

/// Generates tests, computes answers and times references for ENAMEL-style tasks; caches all three on disk.
///
/// Seeding (ENAMEL's scheme): test `k` of level `j` of the problem with index `i` is generated after
/// `random.seed(seed ^ i ^ (offset_j + k))`, where `offset_j` is the number of tests in the levels before `j`.
///
/// One worker does all of a task's preparation, as ENAMEL's single process does: it generates the inputs and keeps
/// them (so they are never sent back to it), then times the reference round-robin, taking the answers from the
/// first repetition. Inputs (pickles) and answers (tagged JSON) stay text on Pace's side; Pace never parses them.
/// When the preparing thread goes on to time the task's first sample next to this worker (paired runs), only the
/// answers pass is made here: that sample's run completes the calibration (``EfficiencyRunner``), and
/// ``Preparer/calibrated(_:_:)`` caches it — the reference's repetitions are then made once, next to the sample,
/// instead of twice.
enum EfficiencyPreparation {
    /// Prepares every task up front, in parallel (for evaluations that must have all tasks ready before samples
    /// arrive, such as `pace run` while generation goes on).
    static func prepare(
        tasks: [BenchmarkTask],
        dataset: Dataset,
        configuration: EvaluationConfiguration,
        log: @escaping @Sendable (String) -> Void
    ) throws(EvaluationError) -> [String: PreparedTask] {
        guard !tasks.isEmpty else { return [:] }
        let preparer = try Preparer(tasks: tasks, dataset: dataset, configuration: configuration, log: log, batchedFailures: true)
        let queue = JobQueue(tasks)
        runOnThreads(configuration.jobs) { _ in
            let forks = WorkerForks(python: configuration.python, configuration: configuration.trustedSandbox, holdsInputs: true)
            defer { forks.close() }
            while let task = queue.next() {
                preparer.prepared(for: task, keepWorker: false, forks: forks).worker?.close()
            }
        }
        preparer.finish()
        return preparer.all
    }

    /// Prepares tasks on demand, each once, on the thread that first needs it (others wanting the same task wait):
    /// that thread also gets the preparation's worker — reference loaded, inputs held — to time the paired
    /// reference with, instead of starting another.
    final class Preparer: @unchecked Sendable {
        private let helpers: String?
        private let configuration: EvaluationConfiguration
        private let directory: String
        private let timingKey: String
        private let log: @Sendable (String) -> Void
        private let total: Int
        private let condition = NSCondition()
        private var running: Set<String> = []
        private var done: [String: PreparedTask?] = [:]
        private var failures: [String] = []
        /// Whether failures wait for ``finish()`` (one line) instead of being logged as they happen.
        private let batchedFailures: Bool

        init(
            tasks: [BenchmarkTask],
            dataset: Dataset,
            configuration: EvaluationConfiguration,
            log: @escaping @Sendable (String) -> Void,
            batchedFailures: Bool = false
        ) throws(EvaluationError) {
            self.batchedFailures = batchedFailures
            helpers = dataset.format == .enamel ? try enamelHelpers() : nil
            // `pickled`: inputs kept as their pickles (before, as tagged JSON text).
            // `hashseed0`: tests generated since PYTHONHASHSEED=0 really holds in workers (before, generators that
            // iterate over sets of strings made different tests in every run).
            let testsKey = FileReading.sha256(
                text: "\(dataset.sha256)|\(configuration.seed)|\(configuration.testCounts)|\(configuration.python.version)|hashseed0|pickled"
            )
            // Paired runs calibrate only the tests that can set T (see `calibrate`); their timings must not serve a
            // run without pairing, which scores every level against the calibration.
            let scope = configuration.pairedReference ? "|slowest-tests" : ""
            timingKey = FileReading.sha256(
                text: "\(testsKey)|\(configuration.repetitions)|\(configuration.meter.rawValue)|\(ProcessInfo.processInfo.hostName)|round-robin|pickle-copies\(scope)"
            )
            directory = "\(configuration.cacheDirectory)/efficiency/\(String(testsKey.prefix(16)))"
            self.configuration = configuration
            self.log = log
            total = tasks.count
            if !tasks.isEmpty { log("preparing efficiency tests for \(tasks.count) task(s) (cached in \(directory))") }
        }

        /// The task's preparation (nil if it failed), and its worker when this call did the work and `keepWorker`.
        /// Its worker is forked from `forks` where it can be.
        func prepared(for task: BenchmarkTask, keepWorker: Bool, forks: WorkerForks? = nil) -> (prepared: PreparedTask?, worker: PythonWorker?) {
            condition.lock()
            while running.contains(task.id) { condition.wait() }
            if let result = done[task.id] {
                condition.unlock()
                return (result, nil)
            }
            running.insert(task.id)
            condition.unlock()
            var result: PreparedTask?
            var worker: PythonWorker?
            var failure: String?
            do {
                (result, worker) = try prepareTask(
                    task,
                    helpers: helpers,
                    configuration: configuration,
                    directory: directory,
                    timingKey: timingKey,
                    deferCalibration: keepWorker && configuration.pairedReference && configuration.repetitions > 1,
                    forks: forks
                )
            } catch {
                failure = "\(task.id): \(error.message)"
            }
            if !keepWorker {
                worker?.close()
                worker = nil
            }
            condition.lock()
            running.remove(task.id)
            done[task.id] = result
            if let failure { failures.append(failure) }
            let count = done.count
            condition.broadcast()
            condition.unlock()
            if let failure, !batchedFailures { log("could not prepare \(failure); its samples score 0") }
            if count % 20 == 0 || count == total { log("prepared \(count)/\(total) tasks") }
            return (result, worker)
        }

        /// Takes the calibration a sample's run made for a task prepared provisionally (the first one made counts):
        /// later samples get it, and it is cached.
        func calibrated(_ task: BenchmarkTask, _ calibration: PreparedTask) {
            condition.lock()
            let first = done[task.id]??.calibrated == false
            if first { done[task.id] = calibration }
            condition.unlock()
            if first {
                writeTiming(calibration.referenceSeconds, to: timingPath(task, directory: directory, timingKey: timingKey))
            }
        }

        /// Every preparation made so far (failed ones left out).
        var all: [String: PreparedTask] {
            condition.lock()
            defer { condition.unlock() }
            return done.compactMapValues { $0 }
        }

        /// Logs the failures of an up-front preparation in one line.
        func finish() {
            condition.lock()
            let problems = failures
            condition.unlock()
            if !problems.isEmpty {
                log("could not prepare \(problems.count) task(s); their samples score 0: " + problems.prefix(5).joined(separator: "; "))
            }
        }
    }

    fileprivate static func enamelHelpers() throws(EvaluationError) -> String {
        guard let path = PythonWorker.scriptPath.map({ URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("enamel_helpers.py").path }),
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else {
            throw EvaluationError(.harnessFailed, "enamel_helpers.py is missing from Pace's resources")
        }
        return text
    }

    // MARK: - One task

    fileprivate static func prepareTask(
        _ task: BenchmarkTask,
        helpers: String?,
        configuration: EvaluationConfiguration,
        directory: String,
        timingKey: String,
        deferCalibration: Bool,
        forks: WorkerForks?
    ) throws(EvaluationError) -> (PreparedTask, PythonWorker?) {
        guard let spec = task.efficiency else { throw EvaluationError(.badConfiguration, "no efficiency data") }
        let counts = spec.testCounts ?? configuration.testCounts
        let hardness = spec.hardness ?? configuration.hardness
        guard counts.count >= spec.levels.count, hardness.count >= spec.levels.count else {
            throw EvaluationError(.badConfiguration, "\(spec.levels.count) levels but \(counts.count) test counts and \(hardness.count) hardness weights")
        }
        let testsPath = "\(directory)/tests/\(task.index).jsonl"
        let timingPath = timingPath(task, directory: directory, timingKey: timingKey)
        var worker: PythonWorker?
        var handedOver = false
        defer { if !handedOver { worker?.close() } }
        var inputs: [[String]]
        var expected: [[String]]?
        let cached = readTests(testsPath)
        if let cached {
            (inputs, expected) = (cached.inputs, cached.expected)
        } else {
            let started = try startWorker(configuration, forks: forks)
            worker = started
            inputs = try generate(task, spec: spec, counts: counts, helpers: helpers, worker: started, configuration: configuration)
        }
        var seconds = configuration.recalibrate ? nil : readTiming(timingPath, shape: inputs.map(\.count))
        var calibrated = true
        if seconds == nil || expected == nil {
            let reference: PythonWorker
            if let worker {
                reference = worker
            } else {
                reference = try startWorker(configuration, forks: forks)
                worker = reference
            }
            guard reference.load(code: spec.reference, entryPoint: task.entryPoint, name: "reference", timeout: 120) == nil else {
                throw EvaluationError(.harnessFailed, "the reference solution does not load")
            }
            if seconds == nil {
                let timed = try calibrate(
                    inputs: inputs,
                    hardness: hardness,
                    worker: reference,
                    configuration: configuration,
                    answers: expected == nil,
                    firstTimesOnly: deferCalibration
                )
                seconds = timed.seconds
                if deferCalibration {
                    calibrated = false
                } else {
                    writeTiming(timed.seconds, to: timingPath)
                }
                if expected == nil { expected = timed.answers }
            } else {
                expected = try answer(inputs: inputs, worker: reference)
            }
            if cached == nil, let expected { writeTests(inputs: inputs, expected: expected, to: testsPath) }
        }
        guard let expected, let seconds else { throw EvaluationError(.harnessFailed, "no tests") }
        let prepared = PreparedTask(
            inputs: inputs,
            expected: expected,
            referenceSeconds: seconds,
            hardness: Array(hardness.prefix(spec.levels.count)),
            alpha: configuration.alpha,
            calibrated: calibrated
        )
        handedOver = true
        return (prepared, worker)
    }

    fileprivate static func timingPath(_ task: BenchmarkTask, directory: String, timingKey: String) -> String {
        "\(directory)/timing-\(String(timingKey.prefix(12)))/\(task.index).json"
    }

    /// Generates the task's inputs in `worker`, which keeps them under their keys (`L<level>T<test>`).
    private static func generate(
        _ task: BenchmarkTask,
        spec: EfficiencySpec,
        counts: [Int],
        helpers: String?,
        worker: PythonWorker,
        configuration: EvaluationConfiguration
    ) throws(EvaluationError) -> [[String]] {
        var items: [JSONValue] = []
        var keys: [String] = []
        var offset = 0
        for (level, size) in spec.levels.enumerated() {
            for test in 0..<counts[level] {
                let seed = configuration.seed ^ task.index ^ (offset + test)
                items.append(.array([.number("\(seed)"), .number("\(size)"), .number("\(level)"), .number("\(test)")]))
                keys.append(heldInputKey(level: level, test: test))
            }
            offset += counts[level]
        }
        var request: [(String, JSONValue)] = [
            ("op", .string("generate")), ("code", .string(spec.generator)), ("items", .array(items)), ("keys", .array(keys.map(JSONValue.string))),
        ]
        if let helpers {
            request.append(("helpers", .string(helpers)))
            request.append(("prelude", .string(task.prompt)))
        }
        let deadline = monotonicNanoseconds() + 600_000_000_000
        guard worker.send(.object(request), timeout: 600) else {
            throw EvaluationError(.harnessFailed, "the input generator did not take its request")
        }
        var values: [String] = []
        while values.count < items.count {
            // Per input, a line {"i": n} and then the input's text; a reply with "ok" instead ends it early.
            let header = worker.next(deadline: deadline)
            guard case .message(let message) = header, message["i"]?.intValue == values.count else {
                throw EvaluationError(.harnessFailed, "the input generator failed: \(CallOutcome(header))")
            }
            switch worker.nextRaw(deadline: deadline) {
            case .success(let bytes): values.append(String(decoding: bytes, as: UTF8.self))
            case .failure(let end): throw EvaluationError(.harnessFailed, "the input generator failed: \(end)")
            }
        }
        let done = CallOutcome(worker.next(deadline: deadline))
        guard case .value = done else { throw EvaluationError(.harnessFailed, "the input generator failed: \(done)") }
        worker.heldInputs.formUnion(keys)
        var inputs: [[String]] = []
        var position = 0
        for count in counts.prefix(spec.levels.count) {
            inputs.append(Array(values[position..<position + count]))
            position += count
        }
        return inputs
    }

    /// Times the reference (HL over `repetitions`, once on levels of hardness 0), round-robin; with `answers`, the
    /// first repetition of each test also returns the reference's output, the expected answer.
    ///
    /// Without pairing every test of every level is timed: each level is scored against the calibration. With
    /// pairing, samples are scored against the reference timed beside them, and the calibration only sets the kill
    /// threshold α·T + tolerance, for which only T, the slowest hard test, matters: every test is timed once (the
    /// answers pass), and only the hard tests that can be the slowest (``slowCandidates``) get the other
    /// repetitions. The other tests keep their single time.
    private static func calibrate(
        inputs: [[String]],
        hardness: [Double],
        worker: PythonWorker,
        configuration: EvaluationConfiguration,
        answers: Bool,
        firstTimesOnly: Bool = false
    ) throws(EvaluationError) -> (seconds: [[Double]], answers: [[String]]) {
        var seconds: [[Double]] = []
        var outputs: [[String]] = []
        var samples: [[[Double]]] = []
        let firstReps = configuration.pairedReference ? 1 : configuration.repetitions
        for (level, tests) in inputs.enumerated() {
            let reps = hardness[level] > 0 ? firstReps : 1
            guard let timed = timeRoundRobin(
                worker,
                name: "reference",
                inputs: tests,
                level: level,
                reps: reps,
                timeout: 600,
                meter: configuration.meter,
                outputs: answers
            ) else {
                throw EvaluationError(.harnessFailed, "the reference solution failed on level \(level) (timing\(answers ? " and answers" : ""))")
            }
            seconds.append(timed.seconds)
            samples.append(timed.samples)
            outputs.append(timed.outputs)
        }
        guard configuration.pairedReference, configuration.repetitions > 1, !firstTimesOnly else { return (seconds, outputs) }
        var failedLevel = 0
        let completed = completeCalibration(seconds, hardness: hardness) { level, tests in
            failedLevel = level
            return timeRoundRobin(
                worker,
                name: "reference",
                inputs: tests.map { inputs[level][$0] },
                tests: tests,
                level: level,
                reps: configuration.repetitions - 1,
                timeout: 600,
                meter: configuration.meter
            ).map { timed in zip(tests, timed.samples).map { samples[level][$0] + $1 } }
        }
        guard let completed else {
            throw EvaluationError(.harnessFailed, "the reference solution failed on level \(failedLevel) (timing)")
        }
        return (completed, outputs)
    }

    /// The reference's answers, one call per test (when the timing came from the cache but the tests did not).
    private static func answer(inputs: [[String]], worker: PythonWorker) throws(EvaluationError) -> [[String]] {
        var answers: [[String]] = []
        for (level, tests) in inputs.enumerated() {
            var outputs: [String] = []
            for (test, input) in tests.enumerated() {
                let (outcome, output) = call(worker, name: "reference", input: input, reps: 1, wantOutput: true, timeout: 600, key: heldInputKey(level: level, test: test))
                guard let output else {
                    throw EvaluationError(.harnessFailed, "the reference solution failed on a generated input: \(outcome)")
                }
                outputs.append(output)
            }
            answers.append(outputs)
        }
        return answers
    }

    /// A worker in the trusted sandbox (for a task's preparation or its reference): forked from `forks` where it can
    /// be, else started.
    static func startWorker(_ configuration: EvaluationConfiguration, forks: WorkerForks?) throws(EvaluationError) -> PythonWorker {
        if let worker = forks?.fork() { return worker }
        do {
            return try PythonWorker(python: configuration.python, configuration: configuration.trustedSandbox)
        } catch {
            throw EvaluationError(.harnessFailed, "cannot start a worker: \(error)")
        }
    }

    // MARK: - Cache files

    /// Tests file: a header line {"shape": [tests per level]}, then per test its input's line (its pickle as base64
    /// text) and its answer's line (tagged JSON text), exactly as they travel to workers and the judge (so reading it
    /// parses only the header).
    private static func readTests(_ path: String) -> (inputs: [[String]], expected: [[String]])? {
        guard let file = MappedFile(path: path) else { return nil }
        var lines = file.lines()[...]
        guard let first = lines.popFirst(), let header = try? JSONParser.parse(bytes: Array(file.bytes[first])),
            let shape = header["shape"]?.arrayValue?.compactMap(\.intValue), shape.allSatisfy({ $0 >= 0 }),
            lines.count >= 2 * shape.reduce(0, +)
        else { return nil }
        var inputs: [[String]] = []
        var expected: [[String]] = []
        for count in shape {
            var levelInputs: [String] = []
            var levelExpected: [String] = []
            for _ in 0..<count {
                guard let input = lines.popFirst(), let answer = lines.popFirst(), !input.isEmpty, !answer.isEmpty else { return nil }
                levelInputs.append(file.text(at: input.lowerBound, length: input.count))
                levelExpected.append(file.text(at: answer.lowerBound, length: answer.count))
            }
            inputs.append(levelInputs)
            expected.append(levelExpected)
        }
        return (inputs, expected)
    }

    private static func writeTests(inputs: [[String]], expected: [[String]], to path: String) {
        var pieces = [JSONValue.object([("shape", .array(inputs.map { .number("\($0.count)") }))]).jsonText + "\n"]
        for (level, tests) in inputs.enumerated() {
            for (test, input) in tests.enumerated() {
                pieces += [input, "\n", expected[level][test], "\n"]
            }
        }
        writeAtomically(pieces: pieces, to: path)
    }

    private static func readTiming(_ path: String, shape: [Int]) -> [[Double]]? {
        guard let data = FileManager.default.contents(atPath: path), let value = try? JSONParser.parse(bytes: [UInt8](data)),
            let levels = value.arrayValue
        else { return nil }
        let seconds = levels.map { ($0.arrayValue ?? []).compactMap(\.doubleValue) }
        return seconds.map(\.count) == shape ? seconds : nil
    }

    private static func writeTiming(_ seconds: [[Double]], to path: String) {
        let value = JSONValue.array(seconds.map { .array($0.map { .number("\($0)") }) })
        writeAtomically(value.jsonText, to: path)
    }
}

/// Sends one `call` request (no `sync`) and waits for its reply; with `wantOutput`, the output comes back as text (a
/// line of its own after the reply, never parsed by Pace) beside a `.value` outcome.
func call(
    _ worker: PythonWorker,
    name: String,
    input: String,
    reps: Int,
    wantOutput: Bool,
    timeout: Double,
    fresh: Bool = true,
    key: String? = nil
) -> (CallOutcome, output: String?) {
    var request = #"{"op":"call","name":"# + JSONValue.string(name).jsonText + inputFields(worker, input, key: key)
    request += #","reps":\#(reps),"fresh":\#(fresh),"want_output":\#(wantOutput ? #""line""# : "false")}"#
    let deadline = monotonicNanoseconds() + UInt64(timeout * 1e9)
    guard worker.process.send(request, deadline: deadline) else { return (.timedOut, nil) }
    return reply(worker, wantOutput: wantOutput, deadline: deadline)
}

/// Reads a `call` reply and, when it says so (`out_line`), the output line after it.
func reply(_ worker: PythonWorker, wantOutput: Bool, deadline: UInt64) -> (CallOutcome, output: String?) {
    let outcome = CallOutcome(worker.next(deadline: deadline))
    guard wantOutput, case .value(let message) = outcome else { return (outcome, nil) }
    guard message["out_line"] == .bool(true) else { return (.garbled("a call reply without its output"), nil) }
    switch worker.nextRaw(deadline: deadline) {
    case .success(let bytes): return (outcome, String(decoding: bytes, as: UTF8.self))
    case .failure(.timedOut): return (.timedOut, nil)
    case .failure(.ended(let end, let stderr)): return (.died(end, stderr: stderr), nil)
    case .failure(.garbled(let text)): return (.garbled(text), nil)
    }
}

/// Times a loaded program on `inputs`, `reps` times each, round-robin (repetition 1 of every input, then 2, …) so
/// that a burst of load lands on single repetitions, which Hodges–Lehmann discards. Returns the HL time per input
/// and, with `outputs`, each input's output from its first repetition.
/// `tests` names the test number of each input (by default 0, 1, …), for the key under which the worker holds it.
/// Also returns every repetition's time per input.
func timeRoundRobin(
    _ worker: PythonWorker,
    name: String,
    inputs: [String],
    tests: [Int]? = nil,
    level: Int,
    reps: Int,
    timeout: Double,
    meter: Meter,
    outputs wantOutputs: Bool = false
) -> (seconds: [Double], outputs: [String], samples: [[Double]])? {
    var samples = Array(repeating: [Double](), count: inputs.count)
    var outputs: [String] = []
    for rep in 0..<reps {
        for (index, input) in inputs.enumerated() {
            let key = heldInputKey(level: level, test: tests?[index] ?? index)
            let wantOutput = wantOutputs && rep == 0
            let (outcome, output) = call(worker, name: name, input: input, reps: 1, wantOutput: wantOutput, timeout: timeout, key: key)
            guard case .value(let message) = outcome, let seconds = times(message, meter: meter).first else { return nil }
            if wantOutput {
                guard let output else { return nil }
                outputs.append(output)
            }
            samples[index].append(seconds)
        }
    }
    return (samples.map(Estimators.hodgesLehmann), outputs, samples)
}

/// Completes a calibration from every test's first time in `first`: each hard test that can set T
/// (``slowCandidates``) gets the HL of the times `times(level, tests)` gives for it (nil: failed) — again until no
/// new test comes within reach, as a candidate's HL time may come out far below its first one.
func completeCalibration(_ first: [[Double]], hardness: [Double], times: (Int, [Int]) -> [[Double]]?) -> [[Double]]? {
    var seconds = first
    var repeated: Set<[Int]> = []
    while true {
        let pending = slowCandidates(seconds, hardness: hardness, from: 0).compactMap { candidate -> (level: Int, tests: [Int])? in
            let tests = candidate.tests.filter { !repeated.contains([candidate.level, $0]) }
            return tests.isEmpty ? nil : (candidate.level, tests)
        }
        if pending.isEmpty { return seconds }
        for (level, tests) in pending {
            repeated.formUnion(tests.map { [level, $0] })
            guard let timed = times(level, tests) else { return nil }
            for (test, values) in zip(tests, timed) { seconds[level][test] = Estimators.hodgesLehmann(values) }
        }
    }
}

/// The hard tests, level by level from `level` on, that can be the slowest (and so set T): those whose time in
/// `seconds` is at least half of `slowest` (by default the slowest of these tests). A test's time moves by far less
/// than 2× between measurements of the same reference, except in the microsecond range, where the kill threshold is
/// all tolerance anyway.
func slowCandidates(_ seconds: [[Double]], hardness: [Double], from level: Int, slowest: Double? = nil) -> [(level: Int, tests: [Int])] {
    let levels = (level..<seconds.count).filter { hardness[$0] > 0 }
    guard let slowest = slowest ?? levels.compactMap({ seconds[$0].max() }).max() else { return [] }
    return levels.compactMap { level in
        let tests = seconds[level].indices.filter { seconds[level][$0] >= slowest / 2 }
        return tests.isEmpty ? nil : (level, tests)
    }
}

/// The name under which a worker holds a task's input for test `test` of level `level` (the same in every worker of
/// the task, so a preparation worker can serve as the paired reference).
func heldInputKey(level: Int, test: Int) -> String { "L\(level)T\(test)" }

/// The input fields of a call. With a key (level and test of the task the worker serves), `input` is a generated
/// input (``PreparedTask/inputs``), sent and unpickled once per worker and named by its key afterwards; without
/// one, `input` is tagged JSON, sent with every call.
func inputFields(_ worker: PythonWorker, _ input: String, key: String?) -> String {
    guard let key else { return #","args":"# + input }
    if worker.heldInputs.contains(key) { return #","key":""# + key + "\"" }
    worker.heldInputs.insert(key)
    return #","key":""# + key + #"","blob":""# + input + "\""
}

/// The repetition times of a `call` reply in seconds, on `meter`.
func times(_ message: JSONValue, meter: Meter) -> [Double] {
    let field = meter == .wall ? "times" : "cpu"
    return (message[field]?.arrayValue ?? []).compactMap(\.doubleValue).map { $0 / 1e9 }
}
