// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import CPaceSys
import Foundation
import PaceCore
import PaceSandbox

/// A worker started once in its own sandbox that forks a fresh worker for every sample, or for every task's reference.
///
/// A fork of the waiting interpreter costs well under a millisecond where a new sandbox and interpreter cost ~20 ms
/// of CPU and ~20 ms more of waiting on the kernel. The fork server runs as PID 1 of the sandbox's PID namespace and is never handed untrusted code; after
/// each forked worker ends it kills and reaps every process that worker left, empties the private directory, and
/// reports on a status pipe (the sandbox's fd 3) that the forked worker closed before any untrusted code ran, so a
/// sample cannot forge the report. When anything outlived the sample that cleaning cannot undo (System V IPC
/// objects, extended attributes on the directory), the report says so and the server ends: the next sample gets a
/// new sandbox. A forked worker that is killed (deadline passed, protocol broken) takes the whole sandbox with it.
/// Not thread-safe: one fork server belongs to one thread.
public final class WorkerZygote {
    /// The fork server's sandbox, shared by the worker it has forked (at most one at a time).
    public let process: SandboxedProcess
    /// The token the next `fork` request must carry (fresh after every forked worker, so a line a sample left in the
    /// request pipe cannot start a worker).
    private var token: String
    /// Whether the last forked worker left the sandbox as fresh as a new one.
    private var reusable = true
    /// Whether a forked worker is out (not yet reported ended).
    private var forked = false

    /// Starts a fork server and waits (up to `startTimeout` seconds) for it to say it is ready.
    /// Throws when it cannot start, or when it cannot serve as a fork server on this machine (it then says so, and
    /// is ended): callers start plain workers instead.
    /// - Parameter holdsInputs: Whether the workers it forks keep inputs for repeated calls (see ``PythonWorker``).
    public init(
        python: PythonInterpreter,
        configuration: SandboxConfiguration,
        startTimeout: Double = 20,
        holdsInputs: Bool = false
    ) throws(RunnerError) {
        process = try PythonWorker.launch(python: python, configuration: configuration, holdsInputs: holdsInputs, forkServer: true)
        let deadline = monotonicNanoseconds() + UInt64(startTimeout * 1e9)
        guard case .line(let bytes) = process.readLine(deadline: deadline),
              let hello = try? JSONParser.parse(bytes: bytes), hello["ready"] == .bool(true)
        else {
            process.terminate()
            throw RunnerError(.workerFailed, "the Python fork server did not start: \(process.stderrText.suffix(500))")
        }
        guard hello["zygote"] == .bool(true), let token = hello["token"]?.stringValue else {
            process.terminate()
            throw RunnerError(.workerFailed, "the Python worker cannot serve as a fork server here")
        }
        self.token = token
    }

    deinit {
        process.terminate()
    }

    /// Whether `fork` may be called: the server runs, its last worker has been reported ended and left it clean.
    public var isUsable: Bool { reusable && !forked && !process.hasEnded }

    /// Whether a worker it forked is still out and running (the server can fork the next one once it has ended).
    public var isLending: Bool { forked && !process.hasEnded }

    /// Forks a fresh worker and waits (up to `startTimeout` seconds) for its greeting. Only when ``isUsable``.
    public func fork(startTimeout: Double = 20) -> Result<PythonWorker, RunnerError> {
        precondition(isUsable, "fork() on a fork server that is not usable")
        // What the last worker (and anything it started) wrote and Pace did not read is stale: it is all gone now.
        process.discardOutput()
        let deadline = monotonicNanoseconds() + UInt64(startTimeout * 1e9)
        guard process.send(#"{"op":"fork","token":"\#(token)"}"#, deadline: deadline) else {
            process.kill()
            return .failure(RunnerError(.workerFailed, "the Python fork server stopped reading"))
        }
        forked = true
        do {
            return .success(try PythonWorker(forkedBy: self, deadline: deadline))
        } catch {
            return .failure(error)
        }
    }

    /// Waits until `deadline` for the report that the forked worker ended, and says how it ended. A missing or
    /// malformed report kills the sandbox (``ProcessEnd/killed``).
    func collect(deadline: UInt64) -> ProcessEnd {
        guard forked else { return .killed }
        forked = false
        guard let line = process.readStatusLine(deadline: deadline),
              let report = try? JSONParser.parse(bytes: line),
              let status = report["status"]?.intValue, let next = report["token"]?.stringValue
        else {
            process.kill()
            return .killed
        }
        token = next
        reusable = report["clean"] == .bool(true)
        let raw = Int32(truncatingIfNeeded: status)
        return pace_wifsignaled(raw) != 0 ? .signaled(pace_wtermsig(raw)) : .exited(pace_wexitstatus(raw))
    }

    /// Ends the fork server and tears its sandbox down.
    public func close() {
        if !process.hasEnded && !forked {
            _ = process.send(#"{"op":"exit"}"#, deadline: monotonicNanoseconds() + 100_000_000)
        }
        process.terminate()
    }
}

/// One thread's source of forked workers: a fork server started on first use and again whenever the last one cannot
/// go on. Once a fork server cannot be started (the machine lacks what it needs), or with `PACE_FORK_SERVER=0` in the
/// environment, it gives none and callers start workers themselves. Not thread-safe: one per thread.
public final class WorkerForks {
    private let python: PythonInterpreter
    private let configuration: SandboxConfiguration
    private let holdsInputs: Bool
    private var zygote: WorkerZygote?
    private var enabled: Bool

    /// - Parameter holdsInputs: Whether the forked workers keep inputs for repeated calls (efficiency).
    public init(python: PythonInterpreter, configuration: SandboxConfiguration, holdsInputs: Bool = false) {
        self.python = python
        self.configuration = configuration
        self.holdsInputs = holdsInputs
        enabled = ProcessInfo.processInfo.environment["PACE_FORK_SERVER"] != "0"
    }

    /// A freshly forked worker, or nil when none can be had this way (also while the last one forked is still out:
    /// one sandbox holds one worker at a time).
    public func fork() -> PythonWorker? {
        guard enabled else { return nil }
        if zygote?.isLending == true { return nil }
        if let current = zygote, !current.isUsable {
            current.close()
            zygote = nil
        }
        if zygote == nil {
            do {
                zygote = try WorkerZygote(python: python, configuration: configuration, holdsInputs: holdsInputs)
            } catch {
                enabled = false
                return nil
            }
        }
        return try? zygote?.fork().get()
    }

    /// Ends the fork server.
    public func close() {
        zygote?.close()
        zygote = nil
    }
}
