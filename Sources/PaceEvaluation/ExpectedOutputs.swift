// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import PaceRunners
import PaceSandbox

/// Expected outputs of one suite, from the dataset or from running the canonical solution.
struct ExpectedSuite: Sendable {
    /// Per input: the expected output, or nil when the canonical solution itself failed on it (the test is skipped).
    var outputs: ExpectedTexts
    /// Per input: the canonical solution's time in seconds (0 when unknown), for time limits.
    var seconds: [Double]
    /// Per input: the worker's digest of the expected output (see `op_batch`); a sample output with the same
    /// digest is correct.
    var digests: [String?]

    /// Without `digests`, each is SHA-256 of the output's text (what the worker makes for all but long values).
    /// `omitted`: the inputs whose output was too long to keep (only the digest is; see ``ExpectedTexts``).
    init(outputs: [String?], seconds: [Double], digests: [String?]? = nil, omitted: Set<Int> = []) {
        self.outputs = ExpectedTexts(outputs, omitted: omitted)
        self.seconds = seconds
        if let digests, digests.count == outputs.count {
            self.digests = outputs.indices.map { outputs[$0] == nil && !omitted.contains($0) ? nil : digests[$0] }
        } else {
            self.digests = outputs.map { $0.map(FileReading.sha256(text:)) }
        }
    }

    init(outputs: ExpectedTexts, seconds: [Double], digests: [String?]) {
        self.outputs = outputs
        self.seconds = seconds
        self.digests = digests
    }
}

/// Expected output texts, held in memory or read on demand from the mapped cache file. Only a wrong answer needs
/// its expected text (for the judge); an output whose digest matches never does, so a run over HumanEval+ reads
/// next to none of them. Outputs longer than the worker's output limit are not kept at all, only their digests
/// (HumanEval+ has ~290 MB of them, nearly all in a handful of tasks): when a judge needs one, `CorrectnessRunner`
/// runs the canonical solution on that input again
/// (``ExpectedOutputs/recompute(task:suite:expected:indices:configuration:)``) and keeps the text here for the rest
/// of the run.
struct ExpectedTexts: Sendable {
    private enum Storage: Sendable {
        case memory([String?], omitted: Set<Int>)
        /// Byte ranges in the file; a length of -1 marks a missing output, -2 an omitted one.
        case mapped(MappedFile, offsets: [Int], lengths: [Int32])
    }

    private let storage: Storage
    /// Omitted texts computed again during this run, by input index.
    private let recomputed = Locked<[Int: String]>([:])

    init(_ texts: [String?], omitted: Set<Int> = []) { storage = .memory(texts, omitted: omitted) }

    init(file: MappedFile, offsets: [Int], lengths: [Int32]) {
        storage = .mapped(file, offsets: offsets, lengths: lengths)
    }

    /// Cache-file lengths that stand for no text: the canonical solution failed on the input, or its output was
    /// too long to keep.
    static let missingLength: Int32 = -1
    static let omittedLength: Int32 = -2

    var count: Int {
        switch storage {
        case .memory(let texts, _): return texts.count
        case .mapped(_, let offsets, _): return offsets.count
        }
    }

    /// The expected output's text; nil when it is missing, or omitted and not computed again yet.
    subscript(index: Int) -> String? {
        if isOmitted(index) { return recomputed.withLock { $0[index] } }
        switch storage {
        case .memory(let texts, _): return texts[index]
        case .mapped(let file, let offsets, let lengths):
            guard lengths[index] >= 0 else { return nil }
            return file.text(at: offsets[index], length: Int(lengths[index]))
        }
    }

    /// Whether the output at `index` is missing (the canonical solution failed on it), without reading it.
    func isMissing(_ index: Int) -> Bool {
        switch storage {
        case .memory(let texts, let omitted): return texts[index] == nil && !omitted.contains(index)
        case .mapped(_, _, let lengths): return lengths[index] == ExpectedTexts.missingLength
        }
    }

    /// Whether the output at `index` was too long to keep (only its digest was).
    func isOmitted(_ index: Int) -> Bool {
        switch storage {
        case .memory(_, let omitted): return omitted.contains(index)
        case .mapped(_, _, let lengths): return lengths[index] == ExpectedTexts.omittedLength
        }
    }

    /// Keeps texts computed again for omitted outputs.
    func remember(_ texts: [Int: String]) {
        recomputed.withLock { $0.merge(texts) { old, _ in old } }
    }
}

/// A file mapped read-only into memory for as long as anything refers to it. Replacing the file (by rename) leaves
/// this mapping of the old one intact.
final class MappedFile: @unchecked Sendable {
    // Immutable after init; the mapping is read-only, so sharing it between threads is safe.
    let bytes: UnsafeRawBufferPointer

    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }

    func text(at offset: Int, length: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
    }

    /// The file's lines as byte ranges (without their newline; a last line without one included), found with
    /// `memchr`: a generic `split` on `Data` took ~5 s for a 200 MB tests cache.
    func lines() -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var position = 0
        guard let base = bytes.baseAddress else { return [] }
        while position < bytes.count {
            guard let newline = memchr(base + position, 0x0A, bytes.count - position) else {
                lines.append(position..<bytes.count)
                break
            }
            let end = base.distance(to: UnsafeRawPointer(newline))
            lines.append(position..<end)
            position = end + 1
        }
        return lines
    }
}

/// Computes expected outputs for suites that lack them by running each task's canonical solution in the sandbox,
/// and caches them on disk keyed by the dataset's SHA-256 and the Python version.
enum ExpectedOutputs {
    /// Part of the cache file's name: changes whenever the worker's digests or the file's layout change, so that an
    /// older cache is never read with different rules (v2: long values digested with BLAKE2b, number lists by value;
    /// outputs over 64 KiB kept as digests only).
    static let cacheFormat = "v2"

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
        // Lines of text (see `writeCache`), with the digests the worker makes (long values have digests of their
        // own, which `.jsonl` files of older versions lack).
        let cachePath = "\(configuration.cacheDirectory)/expected/\(dataset.sha256)-py\(configuration.python.version)-\(cacheFormat).lines"
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
            // Each canonical solution runs in a worker of its own, forked from the thread's fork server where the
            // machine allows it (~30 ms of set-up and teardown less per suite, most of it waiting).
            let forks = WorkerForks(python: configuration.python, configuration: configuration.trustedSandbox)
            defer { forks.close() }
            while let task = queue.next() {
                var suites: [String: ExpectedSuite] = [:]
                for suite in task.suites where suite.expected == nil {
                    suites[suite.name] = runSuite(task: task, suite: suite, configuration: configuration, forks: forks)
                }
                // An interrupt kills canonical solutions mid-run, which would read as inputs they fail on (tests
                // skipped): keep such outputs out of the cache so that the resumed run computes them again.
                if SandboxRegistry.shared.isStopping { break }
                collected.withLock { $0[task.id] = suites }
            }
        }
        return collected.withLock { $0 }
    }

    private static func runSuite(
        task: BenchmarkTask,
        suite: TestSuite,
        configuration: EvaluationConfiguration,
        forks: WorkerForks
    ) -> ExpectedSuite {
        var outputs: [String?] = []
        var seconds: [Double] = []
        var digests: [String?] = []
        var omitted: Set<Int> = []
        while outputs.count < suite.inputs.count {
            guard let worker = canonicalWorker(task: task, configuration: configuration, forks: forks) else {
                let remaining = suite.inputs.count - outputs.count
                outputs += Array(repeating: nil, count: remaining)
                seconds += Array(repeating: 0, count: remaining)
                digests += Array(repeating: nil, count: remaining)
                break
            }
            let rest = Array(suite.inputs[outputs.count...])
            // Outputs over the samples' limit are not sent, only their digests (`ExpectedTexts`).
            let (items, failure) = canonicalBatch(worker, inputs: rest, maxOutput: PythonWorker.batchOutputLimit)
            for item in items {
                if item.omitted { omitted.insert(outputs.count) }
                outputs.append(item.omitted ? nil : item.output)
                seconds.append(item.seconds)
                digests.append(item.digest)
            }
            if let (index, _) = failure, index < rest.count {
                outputs.append(nil)
                seconds.append(0)
                digests.append(nil)
            }
            worker.close()
        }
        // The worker's digests: for long strings and number lists they are not digests of the text (see op_batch).
        return ExpectedSuite(outputs: outputs, seconds: seconds, digests: digests, omitted: omitted)
    }

    /// A worker with the task's canonical solution loaded, or nil if it could not be started or loaded.
    private static func canonicalWorker(
        task: BenchmarkTask,
        configuration: EvaluationConfiguration,
        forks: WorkerForks? = nil
    ) -> PythonWorker? {
        guard let worker = forks?.fork()
            ?? (try? PythonWorker(python: configuration.python, configuration: configuration.trustedSandbox, holdsInputs: false))
        else { return nil }
        guard worker.load(code: task.canonicalSolution ?? task.prompt, entryPoint: task.entryPoint, timeout: 60) == nil else {
            worker.close()
            return nil
        }
        return worker
    }

    /// Runs the canonical solution on `inputs` with its generous limits: 60 s a call, 120 s to send an output.
    private static func canonicalBatch(
        _ worker: PythonWorker,
        inputs: [String],
        maxOutput: Int
    ) -> (items: [BatchItem], failure: (Int, CallOutcome)?) {
        worker.batch(
            inputs: inputs,
            limits: Array(repeating: 60, count: inputs.count),
            grace: 1,
            outputTimeout: 120,
            maxOutput: maxOutput
        )
    }

    /// Runs the canonical solution again on the inputs at `indices` of `suite`, for the full texts of outputs that
    /// were too long to keep, and keeps them in `expected` for the rest of the run. Only the texts whose digest
    /// matches the one computed first are kept (a solution that answers differently now gives no text).
    static func recompute(
        task: BenchmarkTask,
        suite: TestSuite,
        expected: ExpectedSuite,
        indices: [Int],
        configuration: EvaluationConfiguration
    ) {
        guard !indices.isEmpty, let worker = canonicalWorker(task: task, configuration: configuration) else { return }
        defer { worker.close() }
        let (items, _) = canonicalBatch(worker, inputs: indices.map { suite.inputs[$0] }, maxOutput: Int.max)
        var texts: [Int: String] = [:]
        for (index, item) in zip(indices, items) where item.digest == expected.digests[index] {
            texts[index] = item.output
        }
        expected.outputs.remember(texts)
    }

    /// Reads the cache: per task and suite a header line `{"task_id", "suite", "seconds", "digests", "lengths"}`
    /// whose arrays have one entry per input, then one line per input with the expected output's JSON text as the
    /// worker wrote it (an empty line, length -1, where the canonical solution failed). Only the headers are read:
    /// the outputs stay in the mapped file until a judge needs one (HumanEval+'s took ~2 s to load as JSON and
    /// ~300 MB of memory). A damaged file counts as no cache (everything is computed again).
    private static func readCache(_ path: String) -> [String: [String: ExpectedSuite]] {
        guard let file = MappedFile(path: path) else { return [:] }
        let bytes = file.bytes
        var cached: [String: [String: ExpectedSuite]] = [:]
        var position = 0
        while position < bytes.count {
            guard let newline = memchr(bytes.baseAddress! + position, 0x0A, bytes.count - position) else { return [:] }
            let end = bytes.baseAddress!.distance(to: UnsafeRawPointer(newline))
            guard let header = try? JSONParser.parse(bytes: Array(bytes[position..<end])),
                let id = header["task_id"]?.stringValue, let name = header["suite"]?.stringValue,
                let times = header["seconds"]?.arrayValue, let digests = header["digests"]?.arrayValue,
                let lengths = header["lengths"]?.arrayValue?.compactMap(\.intValue),
                times.count == digests.count, lengths.count == times.count
            else { return [:] }
            position = end + 1
            var offsets: [Int] = []
            offsets.reserveCapacity(lengths.count)
            for length in lengths {
                offsets.append(position)
                position += max(length, 0) + 1
                guard position <= bytes.count, bytes[position - 1] == 0x0A else { return [:] }
            }
            cached[id, default: [:]][name] = ExpectedSuite(
                outputs: ExpectedTexts(file: file, offsets: offsets, lengths: lengths.map { Int32(clamping: $0) }),
                seconds: times.map { $0.doubleValue ?? 0 },
                digests: digests.map(\.stringValue)
            )
        }
        return cached
    }

    private static func writeCache(_ path: String, _ cached: [String: [String: ExpectedSuite]], tasks: [BenchmarkTask]) {
        // Written piece by piece (the outputs are not first joined into one ~18 MB string).
        var pieces: [String] = []
        for task in tasks {
            guard let suites = cached[task.id] else { continue }
            for (name, suite) in suites.sorted(by: { $0.key < $1.key }) {
                // Omitted outputs: an empty line, the digest kept; missing ones: an empty line, no digest.
                let outputs = (0..<suite.outputs.count).map { suite.outputs.isOmitted($0) ? nil : suite.outputs[$0] }
                let lengths = outputs.indices.map { index in
                    suite.outputs.isOmitted(index)
                        ? Int(ExpectedTexts.omittedLength) : outputs[index]?.utf8.count ?? Int(ExpectedTexts.missingLength)
                }
                pieces.append(JSONValue.object([
                    ("task_id", .string(task.id)),
                    ("suite", .string(name)),
                    ("seconds", .array(suite.seconds.map { .number(format($0)) })),
                    ("digests", .array(zip(lengths, suite.digests).map { length, digest in
                        length == Int(ExpectedTexts.missingLength) ? .null : digest.map(JSONValue.string) ?? .null
                    })),
                    ("lengths", .array(lengths.map { .number("\($0)") })),
                ]).jsonText + "\n")
                for output in outputs {
                    pieces.append(output ?? "")
                    pieces.append("\n")
                }
            }
        }
        writeAtomically(pieces: pieces, to: path)
    }
}

/// Writes `text` to `path` through a temporary file and a rename, creating directories as needed.
func writeAtomically(_ text: String, to path: String) {
    writeAtomically(pieces: [text], to: path)
}

/// Writes `pieces` one after another to `path` through a temporary file and a rename, creating directories as
/// needed; each piece is written from its own storage (a tests cache of ~200 MB is not first joined into one string
/// and copied again).
func writeAtomically(pieces: [String], to path: String) {
    let url = URL(fileURLWithPath: path)
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = path + ".tmp-\(getpid())"
    guard let file = fopen(temporary, "wb") else { return }
    var written = true
    for var piece in pieces where written {
        written = piece.withUTF8 { bytes in bytes.isEmpty || fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count }
    }
    if fclose(file) == 0 && written {
        _ = rename(temporary, path)
    } else {
        unlink(temporary)
    }
}
