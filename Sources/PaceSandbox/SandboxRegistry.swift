// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Every live sandbox's process group, so that an interrupt can kill them all at once.
public final class SandboxRegistry: @unchecked Sendable {
    /// The registry for this process.
    public static let shared = SandboxRegistry()
    private let lock = NSLock()
    private var groups: Set<pid_t> = []
    private var stopping = false

    func add(_ group: pid_t) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if stopping { return false }
        groups.insert(group)
        return true
    }

    func remove(_ group: pid_t) {
        lock.lock()
        groups.remove(group)
        lock.unlock()
    }

    /// Whether ``killAll()`` has been called: no new sandbox may start.
    public var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    /// Sends SIGKILL to every live sandbox and refuses new ones. Async-signal context is not required.
    public func killAll() {
        lock.lock()
        stopping = true
        let current = groups
        lock.unlock()
        for group in current {
            _ = kill(-group, SIGKILL)
            _ = kill(group, SIGKILL)
        }
    }
}
