// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import PaceRunners
import PaceSandbox

/// Expected outputs of one suite, from the dataset or from running the canonical solution.
struct ExpectedSuite: Sendable {
    /// Per input: the expected output, or nil when the canonical solution itself failed on it (the test is skipped).
    var outputs: [String?]
    /// Per input: the canonical solution's time in seconds (0 when unknown), for time limits.
    var seconds: [Double]
    /// Per input: SHA-256 of the expected output's text; a sample output with the same digest is correct.
    var digests: [String?]

    /// `digests` come from the cache when it has them; otherwise they are computed here.
    init(outputs: [String?], seconds: [Double], digests: [String?]? = nil) {
        self.outputs = outputs
        self.seconds = seconds
        if let digests, digests.count == outputs.count {
            self.digests = zip(outputs, digests).map { $0 == nil ? nil : $1 }
        } else {
            self.digests = outputs.map { $0.map(FileReading.sha256(text:)) }
        }
    }
}

/// Computes expected outputs for suites that lack them by running each task's canonical solution in the sandbox,
/// and caches them on disk keyed by the dataset's SHA-256 and the Python version.
enum ExpectedOutputs {
    static func compute(
        tasks: [BenchmarkTask],
        dataset: Dataset,
        configuration: EvaluationConfiguration,
        log: @escaping @Sendable (String) -> Void
    ) throws(EvaluationError) -> [String: [String: ExpectedSuite]] {
        var result: [String: [String: ExpectedSuite]] = [:]
        var missing: [BenchmarkTask] = []
        for task in tasks where !task.suites.isEmpty {
            var suites: [String: ExpectedSuite] = [:]
            for suite in task.suites {
                if let expected = suite.expected {
                    suites[suite.name] = ExpectedSuite(
                        outputs: expected,
                        seconds: Array(repeating: 0, count: expected.count)
                    )
                }
            }
            result[task.id] = suites
            if task.suites.contains(where: { $0.expected == nil }) { missing.append(task) }
        }
        guard !missing.isEmpty else { return result }
        let cachePath = "\(configuration.cacheDirectory)/expected/\(dataset.sha256)-py\(configuration.python.version).jsonl"
        var cached = readCache(cachePath)
        let toRun = missing.filter { cached[$0.id] == nil }
        if !toRun.isEmpty {
            log("computing expected outputs of \(toRun.count) task(s) from their canonical solutions")
            let fresh = run(tasks: toRun, configuration: configuration)
            for (id, suites) in fresh { cached[id] = suites }
            writeCache(cachePath, cached, tasks: missing)
        }
        for task in missing {
            for (name, suite) in cached[task.id] ?? [:] { result[task.id, default: [:]][name] = suite }
        }
        return result
    }

    private static func run(tasks: [BenchmarkTask], configuration: EvaluationConfiguration) -> [String: [String: ExpectedSuite]] {
        let queue = JobQueue(tasks)
        let collected = Locked<[String: [String: ExpectedSuite]]>([:])
        runOnThreads(configuration.jobs) { _ in
            while let task = queue.next() {
                var suites: [String: ExpectedSuite] = [:]
                for suite in task.suites where suite.expected == nil {
                    suites[suite.name] = runSuite(task: task, suite: suite, configuration: configuration)
                }
                // An interrupt kills canonical solutions mid-run, which would read as inputs they fail on (tests
                // skipped): keep such outputs out of the cache so that the resumed run computes them again.
                if SandboxRegistry.shared.isStopping { break }
                collected.withLock { $0[task.id] = suites }
            }
        }
        return collected.withLock { $0 }
    }

    private static func runSuite(task: BenchmarkTask, suite: TestSuite, configuration: EvaluationConfiguration) -> ExpectedSuite {
        var outputs: [String?] = []
        var seconds: [Double] = []
        var sandbox = configuration.sandbox
        sandbox.memoryBytes = max(sandbox.memoryBytes, 8 << 30)
        while outputs.count < suite.inputs.count {
            guard let worker = try? PythonWorker(python: configuration.python, configuration: sandbox, holdsInputs: false),
                worker.load(code: task.canonicalSolution ?? task.prompt, entryPoint: task.entryPoint, timeout: 60) == nil
            else {
                let remaining = suite.inputs.count - outputs.count
                outputs += Array(repeating: nil, count: remaining)
                seconds += Array(repeating: 0, count: remaining)
                break
            }
            let rest = Array(suite.inputs[outputs.count...])
            let (items, failure) = worker.batch(
                inputs: rest,
                limits: Array(repeating: 60, count: rest.count),
                grace: 1,
                outputTimeout: 120,
                maxOutput: Int.max
            )
            outputs += items.map(\.output)
            seconds += items.map(\.seconds)
            if let (index, _) = failure, index < rest.count {
                outputs.append(nil)
                seconds.append(0)
            }
            worker.close()
        }
        return ExpectedSuite(outputs: outputs, seconds: seconds)
    }

    private static func readCache(_ path: String) -> [String: [String: ExpectedSuite]] {
        guard let bytes = try? FileReading.bytes(of: path), let lines = try? FileReading.jsonLines(bytes, path: path) else {
            return [:]
        }
        var cached: [String: [String: ExpectedSuite]] = [:]
        for (_, record) in lines {
            guard let id = record["task_id"]?.stringValue, let suites = record["suites"]?.objectValue else { continue }
            var parsed: [String: ExpectedSuite] = [:]
            for (name, value) in suites {
                guard let outputs = value["outputs"]?.arrayValue, let times = value["seconds"]?.arrayValue,
                    outputs.count == times.count
                else { continue }
                let errors = value["failed"]?.arrayValue?.compactMap(\.intValue) ?? []
                var list: [String?] = outputs.map { $0.stringValue }
                for index in errors where index < list.count { list[index] = nil }
                let digests = value["digests"]?.arrayValue?.map(\.stringValue)
                parsed[name] = ExpectedSuite(outputs: list, seconds: times.map { $0.doubleValue ?? 0 }, digests: digests)
            }
            cached[id] = parsed
        }
        return cached
    }

    private static func writeCache(_ path: String, _ cached: [String: [String: ExpectedSuite]], tasks: [BenchmarkTask]) {
        var text = ""
        for task in tasks {
            guard let suites = cached[task.id] else { continue }
            let members: [(String, JSONValue)] = suites.sorted { $0.key < $1.key }.map { name, suite in
                let failed = suite.outputs.indices.filter { suite.outputs[$0] == nil }
                return (name, .object([
                    ("outputs", .array(suite.outputs.map { $0.map(JSONValue.string) ?? .null })),
                    ("seconds", .array(suite.seconds.map { .number(format($0)) })),
                    ("failed", .array(failed.map { .number("\($0)") })),
                    ("digests", .array(suite.digests.map { $0.map(JSONValue.string) ?? .null })),
                ]))
            }
            JSONValue.object([("task_id", .string(task.id)), ("suites", .object(members))]).write(to: &text)
            text += "\n"
        }
        writeAtomically(text, to: path)
    }
}

/// Writes `text` to `path` through a temporary file and a rename, creating directories as needed.
func writeAtomically(_ text: String, to path: String) {
    let url = URL(fileURLWithPath: path)
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = path + ".tmp-\(getpid())"
    if FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) {
        _ = rename(temporary, path)
    }
}
