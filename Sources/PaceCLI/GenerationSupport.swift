// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCore
import PaceDatasets
import PaceGeneration
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Generation progress on stderr: a line that rewrites itself on a terminal, a plain line every 5 s otherwise.
final class GenerationProgress: Sendable {
    private struct State {
        var done = 0
        var cached = 0
        var failed = 0
        var lastPrint = 0.0
    }
    private let state = Mutex(State())
    private let total: Int
    private let quiet: Bool
    private let interactive = isatty(2) == 1
    private let start = Date()

    init(total: Int, quiet: Bool) {
        self.total = total
        self.quiet = quiet
    }

    /// Counts one finished sample and prints when it is time.
    func record(_ sample: GeneratedSample) {
        let line: String? = state.withLock { state in
            state.done += 1
            if sample.cached { state.cached += 1 }
            if sample.failure != nil { state.failed += 1 }
            let now = Date().timeIntervalSince(start)
            guard !quiet, state.done == total || now - state.lastPrint >= (interactive ? 0.2 : 5) else { return nil }
            state.lastPrint = now
            let fresh = state.done - state.cached
            let rate = now > 0 ? Double(fresh) / now : 0
            return
                "generated \(state.done)/\(total) (cached \(state.cached), failed \(state.failed)) \(String(format: "%.1f", rate)) req/s"
        }
        guard let line else { return }
        FileHandle.standardError.write(Data((interactive ? "\r\(line)\u{1B}[K" : "pace: \(line)\n").utf8))
    }

    /// Ends the progress line.
    func finish() {
        if interactive && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// Watches for Ctrl-C (SIGINT) and SIGTERM while it lives, and calls its handler when one arrives.
/// Unchecked: `sources` is set once in `init`, and dispatch sources are thread-safe.
final class SignalWatch: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let fired = Mutex(false)

    init(_ handler: @escaping @Sendable () -> Void) {
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: signalNumber, queue: .global()))
        }
        self.sources = sources
        for source in sources {
            source.setEventHandler { [self] in
                fired.withLock { $0 = true }
                printError("\npace: interrupted; stopping (every response received is cached; run again to resume)")
                handler()
            }
            source.resume()
        }
    }

    /// Whether a signal arrived.
    var wasInterrupted: Bool { fired.withLock { $0 } }

    /// Stops watching, and gives the signals their default action back.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// Runs `operation` in a task that Ctrl-C or SIGTERM cancels.
func runInterruptibly<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> (
    value: T, interrupted: Bool
) {
    let task = Task { await operation() }
    let watch = SignalWatch { task.cancel() }
    let value = await task.value
    watch.cancel()
    return (value, watch.wasInterrupted)
}

/// Runs blocking `body` on its own thread (8 MiB stack), keeping the cooperative pool free.
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// The dataset's tasks to generate for: those named by `filter` (ids or indexes), else the dataset's standard set.
func selectTasks(_ dataset: Dataset, filter: String?) -> [BenchmarkTask] {
    if let filter {
        let names = taskSet(filter)
        return dataset.tasks.filter { names.contains($0.id) || names.contains("\($0.index)") }
    }
    if dataset.format == .enamel {
        return dataset.tasks.filter { !EnamelReader.excludedProblems.contains($0.index) }
    }
    return dataset.tasks
}

/// Writes the samples file (one `GeneratedSample.record` per line) and, beside it, `<name>.generation.json`.
func writeSamples(_ report: GenerationReport, configuration: GenerationConfiguration, dataset: Dataset, to path: String)
    throws
{
    let lines = report.samples.map { $0.record.jsonText + "\n" }.joined()
    let sidecar = JSONValue.object([
        ("generation", configuration.json),
        ("dataset", .object([("name", .string(dataset.name)), ("sha256", .string(dataset.sha256))])),
        ("samples", .number("\(report.samples.count)")),
        ("cached", .number("\(report.cached)")),
        ("failed", .number("\(report.failed)")),
        ("created_at", .string(Date().ISO8601Format())),
    ])
    let base = path.hasSuffix(".jsonl") ? String(path.dropLast(6)) : path
    do {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(lines.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try Data((sidecar.jsonText + "\n").utf8).write(
            to: URL(fileURLWithPath: base + ".generation.json"),
            options: .atomic
        )
    } catch {
        printError("pace: error: cannot write \(path): \(error.localizedDescription)")
        throw PaceExitCode.outputProblem.exitCode
    }
}

/// The generation settings that decide the samples (what must match to resume a `pace run`).
func generationIdentity(_ configuration: GenerationConfiguration) -> JSONValue {
    var members = configuration.json.objectValue ?? []
    members.removeAll { ["concurrency", "request_timeout_s", "max_retries", "stream"].contains($0.0) }
    return .object(members)
}

/// A file-name-safe form of a model name.
func slug(_ model: String) -> String {
    String(model.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
}

/// Prints why generation stopped and exits with the matching code; returns when it ran to the end.
func exitIfStopped(_ report: GenerationReport, interrupted: Bool) throws {
    guard let stop = report.stoppedBy else { return }
    let received = report.samples.count - report.cached - report.failed
    let kept =
        received + report.cached == 0
        ? "no response was received"
        : "\(received) response(s) received this run are cached beside \(report.cached) from earlier runs"
    if stop.code == .cancelled || interrupted {
        printError("pace: generation interrupted: \(kept); run the same command again to resume")
        throw PaceExitCode.interrupted.exitCode
    }
    printError("pace: error: \(stop)")
    printError("pace: \(kept); fix the problem and run the same command again to resume")
    throw PaceExitCode.endpointError.exitCode
}
