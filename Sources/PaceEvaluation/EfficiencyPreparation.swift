// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import PaceRunners
import PaceSandbox

/// A task ready for efficiency scoring: generated inputs, expected answers and calibrated reference times.
struct PreparedTask: Sendable {
    /// Per level, per test: the generator's arguments (tagged JSON text).
    var inputs: [[String]]
    /// Per level, per test: the reference's answer.
    var expected: [[JSONValue]]
    /// Per level, per test: the reference's time (Hodges–Lehmann over repetitions), seconds, on the chosen meter.
    var referenceSeconds: [[Double]]
    /// Hardness weight per level.
    var hardness: [Double]
    /// T: the slowest reference test over the levels with hardness > 0, seconds.
    var slowest: Double
    /// α·T, seconds.
    var timeout: Double

    /// t*_j: the reference's slowest test on level `j`.
    func levelReference(_ level: Int) -> Double { referenceSeconds[level].max() ?? 0 }
}

/// Generates tests, computes answers and times references for ENAMEL-style tasks; caches all three on disk.
///
/// Seeding (ENAMEL's scheme): test `k` of level `j` of the problem with index `i` is generated after
/// `random.seed(seed ^ i ^ (offset_j + k))`, where `offset_j` is the number of tests in the levels before `j`.
enum EfficiencyPreparation {
    static func prepare(
        tasks: [BenchmarkTask],
        dataset: Dataset,
        configuration: EvaluationConfiguration,
        log: @escaping @Sendable (String) -> Void
    ) throws(EvaluationError) -> [String: PreparedTask] {
        guard !tasks.isEmpty else { return [:] }
        let helpers = dataset.format == .enamel ? try enamelHelpers() : nil
        let testsKey = FileReading.sha256(text: "\(dataset.sha256)|\(configuration.seed)|\(configuration.testCounts)|\(configuration.python.version)")
        let timingKey = FileReading.sha256(
            text: "\(testsKey)|\(configuration.repetitions)|\(configuration.meter.rawValue)|\(ProcessInfo.processInfo.hostName)|round-robin"
        )
        let directory = "\(configuration.cacheDirectory)/efficiency/\(String(testsKey.prefix(16)))"
        let queue = JobQueue(tasks)
        let prepared = Locked<[String: PreparedTask]>([:])
        let failures = Locked<[String]>([])
        let counter = Locked(0)
        log("preparing efficiency tests for \(tasks.count) task(s) (cached in \(directory))")
        runOnThreads(configuration.jobs) { _ in
            while let task = queue.next() {
                do {
                    let result = try prepareTask(
                        task,
                        helpers: helpers,
                        configuration: configuration,
                        directory: directory,
                        timingKey: timingKey
                    )
                    prepared.withLock { $0[task.id] = result }
                } catch {
                    failures.withLock { $0.append("\(task.id): \((error as? EvaluationError)?.message ?? "\(error)")") }
                }
                let done = counter.withLock { value -> Int in
                    value += 1
                    return value
                }
                if done % 20 == 0 { log("prepared \(done)/\(tasks.count) tasks") }
            }
        }
        let problems = failures.withLock { $0 }
        if !problems.isEmpty {
            log("could not prepare \(problems.count) task(s); their samples score 0: " + problems.prefix(5).joined(separator: "; "))
        }
        return prepared.withLock { $0 }
    }

    private static func enamelHelpers() throws(EvaluationError) -> String {
        guard let path = PythonWorker.scriptPath.map({ URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("enamel_helpers.py").path }),
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else {
            throw EvaluationError(.harnessFailed, "enamel_helpers.py is missing from Pace's resources")
        }
        return text
    }

    // MARK: - One task

    private static func prepareTask(
        _ task: BenchmarkTask,
        helpers: String?,
        configuration: EvaluationConfiguration,
        directory: String,
        timingKey: String
    ) throws(EvaluationError) -> PreparedTask {
        guard let spec = task.efficiency else { throw EvaluationError(.badConfiguration, "no efficiency data") }
        let counts = spec.testCounts ?? configuration.testCounts
        let hardness = spec.hardness ?? configuration.hardness
        guard counts.count >= spec.levels.count, hardness.count >= spec.levels.count else {
            throw EvaluationError(.badConfiguration, "\(spec.levels.count) levels but \(counts.count) test counts and \(hardness.count) hardness weights")
        }
        let testsPath = "\(directory)/tests/\(task.index).json"
        let timingPath = "\(directory)/timing-\(String(timingKey.prefix(12)))/\(task.index).json"
        var tests = readTests(testsPath)
        if tests == nil {
            tests = try generate(task, spec: spec, counts: counts, helpers: helpers, configuration: configuration)
            if let tests { writeTests(tests, to: testsPath) }
        }
        guard let (inputs, expected) = tests else { throw EvaluationError(.harnessFailed, "no tests") }
        var timing = configuration.recalibrate ? nil : readTiming(timingPath, shape: inputs.map(\.count))
        if timing == nil {
            timing = try calibrate(task, spec: spec, inputs: inputs, hardness: hardness, configuration: configuration)
            if let timing { writeTiming(timing, to: timingPath) }
        }
        let seconds = timing ?? []
        let hardLevels = spec.levels.indices.filter { hardness[$0] > 0 }
        let slowest = hardLevels.map { seconds[$0].max() ?? 0 }.max() ?? (seconds.flatMap { $0 }.max() ?? 0)
        return PreparedTask(
            inputs: inputs,
            expected: expected,
            referenceSeconds: seconds,
            hardness: Array(hardness.prefix(spec.levels.count)),
            slowest: slowest,
            timeout: configuration.alpha * slowest
        )
    }

    private static func trustedSandbox(_ configuration: EvaluationConfiguration) -> SandboxConfiguration {
        var sandbox = configuration.sandbox
        sandbox.memoryBytes = max(sandbox.memoryBytes, 8 << 30)
        return sandbox
    }

    private static func generate(
        _ task: BenchmarkTask,
        spec: EfficiencySpec,
        counts: [Int],
        helpers: String?,
        configuration: EvaluationConfiguration
    ) throws(EvaluationError) -> ([[String]], [[JSONValue]]) {
        var items: [JSONValue] = []
        var shape: [Int] = []
        var offset = 0
        for (level, size) in spec.levels.enumerated() {
            for test in 0..<counts[level] {
                let seed = configuration.seed ^ task.index ^ (offset + test)
                items.append(.array([.number("\(seed)"), .number("\(size)"), .number("\(level)"), .number("\(test)")]))
            }
            shape.append(counts[level])
            offset += counts[level]
        }
        let worker = try startWorker(configuration)
        defer { worker.close() }
        var request: [(String, JSONValue)] = [("op", .string("generate")), ("code", .string(spec.generator)), ("items", .array(items))]
        if let helpers {
            request.append(("helpers", .string(helpers)))
            request.append(("prelude", .string(task.prompt)))
        }
        let outcome = CallOutcome(worker.request(.object(request), timeout: 600))
        guard case .value(let reply) = outcome, let values = reply["values"]?.arrayValue, values.count == items.count else {
            throw EvaluationError(.harnessFailed, "the input generator failed: \(outcome)")
        }
        var inputs: [[String]] = []
        var position = 0
        for count in shape {
            inputs.append(values[position..<position + count].map(\.jsonText))
            position += count
        }
        guard worker.load(code: spec.reference, entryPoint: task.entryPoint, name: "reference", timeout: 120) == nil else {
            throw EvaluationError(.harnessFailed, "the reference solution does not load")
        }
        var expected: [[JSONValue]] = []
        for level in inputs {
            var answers: [JSONValue] = []
            for input in level {
                let reply = call(worker, name: "reference", input: input, reps: 1, wantOutput: true, timeout: 600)
                guard case .value(let message) = reply, let out = message["out"] else {
                    throw EvaluationError(.harnessFailed, "the reference solution failed on a generated input: \(reply)")
                }
                answers.append(out)
            }
            expected.append(answers)
        }
        return (inputs, expected)
    }

    private static func calibrate(
        _ task: BenchmarkTask,
        spec: EfficiencySpec,
        inputs: [[String]],
        hardness: [Double],
        configuration: EvaluationConfiguration
    ) throws(EvaluationError) -> [[Double]] {
        let worker = try startWorker(configuration)
        defer { worker.close() }
        guard worker.load(code: spec.reference, entryPoint: task.entryPoint, name: "reference", timeout: 120) == nil else {
            throw EvaluationError(.harnessFailed, "the reference solution does not load")
        }
        var seconds: [[Double]] = []
        for (level, tests) in inputs.enumerated() {
            let reps = hardness[level] > 0 ? configuration.repetitions : 1
            guard let levelSeconds = timeRoundRobin(
                worker,
                name: "reference",
                inputs: tests,
                level: level,
                reps: reps,
                timeout: 600,
                meter: configuration.meter
            ) else {
                throw EvaluationError(.harnessFailed, "timing the reference failed on level \(level)")
            }
            seconds.append(levelSeconds)
        }
        return seconds
    }

    private static func startWorker(_ configuration: EvaluationConfiguration) throws(EvaluationError) -> PythonWorker {
        do {
            return try PythonWorker(python: configuration.python, configuration: trustedSandbox(configuration))
        } catch {
            throw EvaluationError(.harnessFailed, "cannot start a worker: \(error)")
        }
    }

    // MARK: - Cache files

    private static func readTests(_ path: String) -> ([[String]], [[JSONValue]])? {
        guard let data = FileManager.default.contents(atPath: path), let value = try? JSONParser.parse(bytes: [UInt8](data)),
            let inputs = value["inputs"]?.arrayValue, let expected = value["expected"]?.arrayValue
        else { return nil }
        let parsedInputs = inputs.map { ($0.arrayValue ?? []).map(\.jsonText) }
        let parsedExpected = expected.map { $0.arrayValue ?? [] }
        guard parsedInputs.map(\.count) == parsedExpected.map(\.count) else { return nil }
        return (parsedInputs, parsedExpected)
    }

    private static func writeTests(_ tests: ([[String]], [[JSONValue]]), to path: String) {
        var inputs: [JSONValue] = []
        for level in tests.0 {
            inputs.append(.array(level.compactMap { try? JSONParser.parse($0) }))
        }
        let value = JSONValue.object([("inputs", .array(inputs)), ("expected", .array(tests.1.map { .array($0) }))])
        writeAtomically(value.jsonText, to: path)
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

/// Sends one `call` request (no `sync`) and waits for its reply.
func call(
    _ worker: PythonWorker,
    name: String,
    input: String,
    reps: Int,
    wantOutput: Bool,
    timeout: Double,
    fresh: Bool = true,
    key: String? = nil
) -> CallOutcome {
    var request = #"{"op":"call","name":"# + JSONValue.string(name).jsonText + inputFields(worker, input, key: key)
    request += #","reps":\#(reps),"fresh":\#(fresh),"want_output":\#(wantOutput)}"#
    guard worker.process.send(request, deadline: monotonicNanoseconds() + UInt64(timeout * 1e9)) else {
        return .timedOut
    }
    return CallOutcome(worker.next(deadline: monotonicNanoseconds() + UInt64(timeout * 1e9)))
}

/// Times a loaded program on `inputs`, `reps` times each, round-robin (repetition 1 of every input, then 2, …) so
/// that a burst of load lands on single repetitions, which Hodges–Lehmann discards. Returns the HL time per input.
func timeRoundRobin(
    _ worker: PythonWorker,
    name: String,
    inputs: [String],
    level: Int,
    reps: Int,
    timeout: Double,
    meter: Meter
) -> [Double]? {
    var samples = Array(repeating: [Double](), count: inputs.count)
    for _ in 0..<reps {
        for (index, input) in inputs.enumerated() {
            let key = "L\(level)T\(index)"
            guard case .value(let message) = call(worker, name: name, input: input, reps: 1, wantOutput: false, timeout: timeout, key: key),
                let seconds = times(message, meter: meter).first
            else { return nil }
            samples[index].append(seconds)
        }
    }
    return samples.map(Estimators.hodgesLehmann)
}

/// The `args`/`key` fields of a call: with a key (level and test of the task the worker serves), the input is sent
/// and decoded once per worker and named by its key afterwards.
func inputFields(_ worker: PythonWorker, _ input: String, key: String?) -> String {
    guard let key else { return #","args":"# + input }
    if worker.heldInputs.contains(key) { return #","key":""# + key + "\"" }
    worker.heldInputs.insert(key)
    return #","key":""# + key + #"","args":"# + input
}

/// The repetition times of a `call` reply in seconds, on `meter`.
func times(_ message: JSONValue, meter: Meter) -> [Double] {
    let field = meter == .wall ? "times" : "cpu"
    return (message[field]?.arrayValue ?? []).compactMap(\.doubleValue).map { $0 / 1e9 }
}
