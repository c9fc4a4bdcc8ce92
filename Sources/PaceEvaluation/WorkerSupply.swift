// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceRunners

/// Where one evaluation thread gets its sample workers, and where they go when done.
///
/// Each sample's worker is forked from a fork server (`WorkerZygote`) that the thread keeps (on an efficiency run, one
/// whose workers hold inputs): a fork costs far less than starting a sandbox and an interpreter. Where the machine
/// does not allow a fork server (no PID namespace, ctypes missing), or with `PACE_FORK_SERVER=0` in the environment,
/// it starts workers instead:
///
/// Most of a sample's sandbox set-up and teardown is waiting, not work: joining the sample's cgroup waits for an
/// RCU grace period (~15 ms here), its removal waits for the kernel to let go of the exited processes (~5 ms),
/// and the Python start is ~12 ms of CPU. On a correctness run (no timing) the supply therefore starts the next
/// worker in the background while the current sample runs, and tears finished workers down in the background
/// (`WorkerReaper`). On an efficiency run everything stays on the sample's own thread, in order: nothing starts or
/// ends next to a timed call.
final class WorkerSupply: @unchecked Sendable {
    private let configuration: EvaluationConfiguration
    private let ahead: Bool
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var spare: Started?
    private var launching = false
    /// Used by the owning thread only.
    private let forks: WorkerForks

    private struct Started {
        let holdsInputs: Bool
        let worker: Result<PythonWorker, RunnerError>
    }

    /// - Parameter ahead: Start each next worker in the background (correctness-only runs).
    init(configuration: EvaluationConfiguration, ahead: Bool) {
        self.configuration = configuration
        self.ahead = ahead
        forks = WorkerForks(python: configuration.python, configuration: configuration.sandbox, holdsInputs: !ahead)
    }

    /// A started worker: the one started ahead when it fits and is still waiting, else a new one.
    func take(holdsInputs: Bool) -> Result<PythonWorker, RunnerError> {
        // The fork server's workers hold inputs exactly on efficiency runs.
        if holdsInputs != ahead, let worker = forks.fork() { return .success(worker) }
        guard ahead else { return launch(holdsInputs: holdsInputs) }
        condition.lock()
        while launching { condition.wait() }
        let taken = spare
        spare = nil
        launching = true
        condition.unlock()
        var result: Result<PythonWorker, RunnerError>?
        if let taken {
            if taken.holdsInputs == holdsInputs, case .success(let worker) = taken.worker, worker.isWaiting {
                result = taken.worker
            } else if case .success(let worker) = taken.worker {
                WorkerReaper.shared.close(worker)
            }
        }
        let chosen = result ?? launch(holdsInputs: holdsInputs)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            startSpare(holdsInputs: holdsInputs)
        }
        return chosen
    }

    /// Hands a finished worker over for teardown (in the background on correctness runs; a forked one goes back to
    /// its fork server at once, which is quick).
    func finish(_ worker: PythonWorker) {
        if ahead && worker.zygote == nil { WorkerReaper.shared.close(worker) } else { worker.close() }
    }

    /// Closes the spare; call once the thread has no more samples.
    func close() {
        condition.lock()
        while launching { condition.wait() }
        let taken = spare
        spare = nil
        condition.unlock()
        if case .success(let worker)? = taken?.worker { WorkerReaper.shared.close(worker) }
        forks.close()
    }

    private func startSpare(holdsInputs: Bool) {
        let started = Started(holdsInputs: holdsInputs, worker: launch(holdsInputs: holdsInputs))
        condition.lock()
        spare = started
        launching = false
        condition.broadcast()
        condition.unlock()
    }

    private func launch(holdsInputs: Bool) -> Result<PythonWorker, RunnerError> {
        do {
            return .success(try PythonWorker(
                python: configuration.python,
                configuration: configuration.sandbox,
                holdsInputs: holdsInputs
            ))
        } catch {
            return .failure(error)
        }
    }
}

/// Tears workers down off the evaluation threads; `drain()` waits until every one handed over is gone.
final class WorkerReaper: @unchecked Sendable {
    static let shared = WorkerReaper()
    private let group = DispatchGroup()

    func close(_ worker: PythonWorker) {
        group.enter()
        let box = Unchecked(worker)
        DispatchQueue.global(qos: .utility).async { [group] in
            box.value.close()
            group.leave()
        }
    }

    func drain() { group.wait() }
}

/// Carries a value that is used by one thread at a time across a thread hop.
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
