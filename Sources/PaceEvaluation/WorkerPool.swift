// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceSandbox

/// A queue of jobs shared by worker threads.
final class JobQueue<Job: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [Job]
    private var position = 0

    init(_ jobs: [Job]) { self.jobs = jobs }

    /// The next job, or nil when the queue is empty or the run is stopping.
    func next() -> Job? {
        lock.lock()
        defer { lock.unlock() }
        guard position < jobs.count, !SandboxRegistry.shared.isStopping else { return nil }
        position += 1
        return jobs[position - 1]
    }
}

/// Runs `body(threadIndex)` on `threads` OS threads and waits for all of them.
///
/// Evaluation is blocking I/O with deadlines (poll on pipes), so plain threads are the simplest correct tool;
/// each thread owns its workers and never shares them.
func runOnThreads(_ threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<max(1, threads) {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
    group.wait()
}

/// A lock-protected value.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
