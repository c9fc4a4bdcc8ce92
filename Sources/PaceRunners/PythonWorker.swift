// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceSandbox

/// A connection to one `pace_worker.py` process in the sandbox.
///
/// Requests and replies are single JSON lines. Every wait has a deadline; when it passes the whole sandbox is
/// killed and the reply is ``Reply/timedOut``. Not thread-safe: one worker belongs to one thread at a time.
public final class PythonWorker {
    /// What came back for a request.
    public enum Reply: Sendable, Equatable {
        /// A JSON object from the worker.
        case message(JSONValue)
        /// The deadline passed; the worker was killed.
        case timedOut
        /// The worker ended (or closed its pipe) before answering.
        case ended(ProcessEnd, stderr: String)
        /// The worker wrote something that is not a protocol line; it was killed.
        case garbled(String)
    }

    /// The sandboxed process.
    public let process: SandboxedProcess
    /// Seconds the last request took from send to final reply, as seen by Pace.
    public private(set) var lastElapsed: Double = 0
    /// Keys of the inputs this worker already holds decoded (see `call` requests with a `key`).
    public var heldInputs: Set<String> = []
    /// The fork server this worker was forked from, which owns `process`; nil for a worker started on its own.
    public let zygote: WorkerZygote?
    /// How a forked worker ended, once it has.
    private var forkedEnd: ProcessEnd?

    /// Path of the worker script shipped with Pace.
    public static let scriptPath: String? = Bundle.module.url(forResource: "python", withExtension: nil)?
        .appendingPathComponent("pace_worker.py").path

    /// Starts a worker and waits (up to `startTimeout` seconds) for it to say it is ready.
    ///
    /// - Parameter holdsInputs: Whether the worker will keep inputs for repeated calls (efficiency), which needs
    ///   `copy` and `_pickle` imported at start (~4 ms of a start that is ~12 ms without them); correctness workers,
    ///   one per sample, pass `false`.
    public init(
        python: PythonInterpreter,
        configuration: SandboxConfiguration,
        startTimeout: Double = 20,
        holdsInputs: Bool = true
    ) throws(RunnerError) {
        zygote = nil
        process = try PythonWorker.launch(
            python: python, configuration: configuration, holdsInputs: holdsInputs, forkServer: false
        )
        let ready = next(deadline: monotonicNanoseconds() + UInt64(startTimeout * 1e9))
        guard case .message(let hello) = ready, hello["ready"] == .bool(true) else {
            process.terminate()
            throw RunnerError(.workerFailed, "the Python worker did not start: \(ready)")
        }
    }

    /// A worker forked by `zygote`, whose `fork` request has been sent: waits for the new worker's greeting.
    init(forkedBy zygote: WorkerZygote, deadline: UInt64) throws(RunnerError) {
        self.zygote = zygote
        process = zygote.process
        let ready = next(deadline: deadline)
        guard case .message(let hello) = ready, hello["ready"] == .bool(true) else {
            process.kill()
            throw RunnerError(.workerFailed, "the forked Python worker did not start: \(ready)")
        }
    }

    /// Starts `pace_worker.py` in a new sandbox (as a fork server with `forkServer`, which gets a status pipe).
    static func launch(
        python: PythonInterpreter,
        configuration: SandboxConfiguration,
        holdsInputs: Bool,
        forkServer: Bool
    ) throws(RunnerError) -> SandboxedProcess {
        guard let script = python.workerBytecode ?? PythonWorker.scriptPath, FileManager.default.fileExists(atPath: script)
        else {
            throw RunnerError(.resourceMissing, "the worker script pace_worker.py is missing from Pace's resources")
        }
        var environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONIOENCODING": "utf-8",
        ]
        if !holdsInputs { environment["PACE_WORKER_COPIES"] = "0" }
        if forkServer { environment["PACE_WORKER_ZYGOTE"] = "1" }
        let inherited = ProcessInfo.processInfo.environment
        for name in configuration.passEnvironment {
            if let value = inherited[name] { environment[name] = value }
        }
        var configuration = configuration
        configuration.visiblePaths += [URL(fileURLWithPath: script).deletingLastPathComponent().path] + python.installationDirectories
        do {
            return try SandboxedProcess.launch(
                executable: python.executable,
                arguments: python.isolationFlags + ["-S", "-B", script] + python.sitePackages,
                environment: environment,
                configuration: configuration,
                statusPipe: forkServer
            )
        } catch {
            throw RunnerError(.workerFailed, error.description)
        }
    }

    deinit {
        if zygote == nil { process.terminate() }
    }

    /// Sends one request and waits up to `timeout` seconds for the reply line.
    public func request(_ request: JSONValue, timeout: Double) -> Reply {
        let start = monotonicNanoseconds()
        let deadline = start + UInt64(max(timeout, 0.001) * 1e9)
        guard process.send(request.jsonText, deadline: deadline) else {
            // A forked worker that ended meanwhile: say how, rather than that it timed out.
            return finish(process.statusPending ? next(deadline: deadline) : .timedOut, start: start)
        }
        return finish(next(deadline: deadline), start: start)
    }

    /// Sends a request without waiting for a reply; read replies with ``next(deadline:)``.
    public func send(_ request: JSONValue, timeout: Double) -> Bool {
        process.send(request.jsonText, deadline: monotonicNanoseconds() + UInt64(max(timeout, 0.001) * 1e9))
    }

    /// Reads the next reply line, waiting until `deadline` (monotonic nanoseconds).
    public func next(deadline: UInt64) -> Reply {
        switch process.readLine(deadline: deadline) {
        case .line(let bytes):
            guard let value = try? JSONParser.parse(bytes: bytes), value.objectValue != nil else {
                process.kill()
                let text = String(decoding: bytes.prefix(200), as: UTF8.self)
                return .garbled(text)
            }
            return .message(value)
        case .timedOut:
            process.kill()
            return .timedOut
        case .tooLong:
            process.kill()
            return .garbled("a reply line longer than the limit")
        case .closed:
            return .ended(ended(), stderr: String(process.stderrText.suffix(2000)))
        }
    }

    /// How the worker ended, once its output closed (a forked one: once its fork server reported it).
    private func ended() -> ProcessEnd {
        guard let zygote else { return process.waitForExit(timeout: 2) }
        if let forkedEnd { return forkedEnd }
        let end = zygote.collect(deadline: monotonicNanoseconds() + 2_000_000_000)
        forkedEnd = end
        return end
    }

    /// Reads the next line as raw bytes (no parsing), waiting until `deadline`.
    public func nextRaw(deadline: UInt64) -> Result<[UInt8], CallEnd> {
        switch process.readLine(deadline: deadline) {
        case .line(let bytes): return .success(bytes)
        case .timedOut:
            process.kill()
            return .failure(.timedOut)
        case .tooLong:
            process.kill()
            return .failure(.garbled("a reply line longer than the limit"))
        case .closed:
            return .failure(.ended(ended(), stderr: String(process.stderrText.suffix(2000))))
        }
    }

    /// Why a raw read produced no line.
    public enum CallEnd: Error, Sendable, Equatable {
        case timedOut
        case ended(ProcessEnd, stderr: String)
        case garbled(String)
    }

    /// Whether the worker can still take requests.
    public var isAlive: Bool { !process.hasEnded && forkedEnd == nil }

    /// Whether a worker started ahead of need is still waiting for its first request (not died meanwhile).
    public var isWaiting: Bool { process.isQuietlyRunning }

    /// Asks the worker to exit and tears the sandbox down; a forked worker is handed back to its fork server.
    public func close() {
        if isAlive {
            _ = process.send(#"{"op":"exit"}"#, deadline: monotonicNanoseconds() + 100_000_000)
            if zygote != nil { _ = ended() }
        }
        if zygote == nil { process.terminate() }
    }

    private func finish(_ reply: Reply, start: UInt64) -> Reply {
        lastElapsed = Double(monotonicNanoseconds() - start) / 1e9
        return reply
    }
}
