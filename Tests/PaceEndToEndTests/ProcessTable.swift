// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A live process as `/proc` shows it.
struct LiveProcess: CustomStringConvertible {
    var pid: pid_t
    /// The session id (equal to `pid` for a process that called `setsid()`).
    var session: pid_t
    /// The command line, arguments joined by spaces.
    var command: String

    var description: String { "\(pid) [session \(session)] \(command.prefix(200))" }
}

/// Finds processes by their command line in `/proc`, to check that nothing a test's `pace` started outlives it.
///
/// Zombies have an empty command line, so a process that has died but not been reaped never matches.
enum ProcessTable {
    /// Every live process (other than this one) that `predicate` accepts.
    static func matching(_ predicate: (LiveProcess) -> Bool) -> [LiveProcess] {
        let own = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> LiveProcess? in
            guard let pid = pid_t(entry), pid != own, let process = read(pid) else { return nil }
            return predicate(process) ? process : nil
        }
    }

    /// Polls every 10 ms until none match or `limit` seconds pass.
    ///
    /// - Returns: The seconds waited and what still matched at the end (empty when all went).
    static func waitUntilGone(
        limit: Double,
        where predicate: (LiveProcess) -> Bool
    ) -> (seconds: Double, survivors: [LiveProcess]) {
        let start = Date()
        while true {
            let survivors = matching(predicate)
            let waited = Date().timeIntervalSince(start)
            if survivors.isEmpty || waited >= limit { return (waited, survivors) }
            usleep(10_000)
        }
    }

    /// Polls every 20 ms until at least `count` processes match or `limit` seconds pass; returns the last match.
    static func waitForAtLeast(_ count: Int, limit: Double, where predicate: (LiveProcess) -> Bool) -> [LiveProcess] {
        let start = Date()
        while true {
            let found = matching(predicate)
            if found.count >= count || Date().timeIntervalSince(start) >= limit { return found }
            usleep(20_000)
        }
    }

    /// SIGKILLs each process by pid (cleanup after a failed check, so one failure does not leak into later tests).
    static func killAll(_ processes: [LiveProcess]) {
        for process in processes { kill(process.pid, SIGKILL) }
    }

    private static func read(_ pid: pid_t) -> LiveProcess? {
        guard let argv = contents(of: "/proc/\(pid)/cmdline"), !argv.isEmpty,
            let stat = contents(of: "/proc/\(pid)/stat"), let close = stat.lastIndex(of: UInt8(ascii: ")"))
        else { return nil }
        // After "pid (comm) ": state, ppid, pgrp, session, …
        let fields = String(decoding: stat[(close + 1)...], as: UTF8.self).split(separator: " ")
        guard fields.count > 3, let session = pid_t(fields[3]) else { return nil }
        let command = String(decoding: argv.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        return LiveProcess(pid: pid, session: session, command: command.trimmingCharacters(in: .whitespaces))
    }

    private static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { Glibc.close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}
