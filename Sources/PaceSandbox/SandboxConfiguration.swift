// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation

/// Limits and isolation for one sandboxed program.
public struct SandboxConfiguration: Sendable, Hashable, Codable {
    /// Address-space limit in bytes (RLIMIT_AS and RLIMIT_DATA). The default is 4 GiB.
    public var memoryBytes: Int64 = 4 << 30
    /// Most processes and threads the program may have at once. The default is 64.
    public var maxProcesses: Int = 64
    /// Largest file the program may write, in bytes. The default is 64 MiB.
    public var maxFileBytes: Int64 = 64 << 20
    /// Most open files. The default is 256.
    public var maxOpenFiles: Int = 256
    /// CPU-time limit in seconds (a backstop behind the wall-clock kill); 0 for none. The default is 0.
    public var cpuSeconds: Int = 0
    /// Bytes of stderr kept; the rest is read and dropped so the program never blocks. The default is 64 KiB.
    public var stderrCapBytes: Int = 64 << 10
    /// Longest protocol line accepted from the program, in bytes. The default is 256 MiB.
    public var maxLineBytes: Int = 256 << 20
    /// Put the program in a new network namespace (no network) where the machine allows it. The default is true.
    public var isolateNetwork = true
    /// Run the program as PID 1 of a new PID namespace, so nothing it starts survives it. The default is true.
    public var isolatePIDs = true
    /// Make the whole filesystem read-only for the program except its working directory (a new mount namespace).
    /// The default is true.
    public var privateFilesystem = true
    /// Give the program a /proc of its own PID namespace (it cannot see, or reach through, other processes).
    /// The default is true.
    public var remountProc = true
    /// When Pace runs as root, run the program as the unprivileged user `nobody` (65534), so that it cannot read
    /// root's files (`/etc/shadow`, host keys) either. Needs the private filesystem and a process cgroup (the
    /// per-user process limit would otherwise be shared by all samples). The default is true.
    public var unprivilegedUser = true
    /// Drop every capability (so a program running as root cannot remount, load modules, trace, …). The default is true.
    public var dropCapabilities = true
    /// Environment variables passed through from Pace's own environment (besides the fixed ones).
    public var passEnvironment: [String] = []
    /// Directories the program sees empty (an empty read-only tmpfs over each), with ``privateFilesystem``.
    /// The default hides home directories, temporary directories and `/run`; callers add the dataset, samples,
    /// output and cache directories. System directories (`/usr`, `/etc`, `/lib`, …) are never hidden.
    public var hiddenPaths: [String] = SandboxConfiguration.standardHiddenPaths
    /// Directories under hidden ones that the program needs (its interpreter, Pace's worker script); they are
    /// attached again, read-only, at the same place.
    public var visiblePaths: [String] = []
    /// Size of the program's working directory, a fresh tmpfs in its own mount namespace (so a disk filler fills
    /// memory-backed scratch space, not the host's disk). The default is 256 MiB.
    public var scratchBytes: Int64 = 256 << 20
    /// Mechanisms deliberately switched off, only to check that Pace notices (see ``SandboxFault``).
    public var faults: Set<SandboxFault> = []

    public init() {}

    /// Home and temporary directories, `/run` (sockets of system services) and mount points for removable media.
    public static var standardHiddenPaths: [String] {
        var paths = ["/root", "/home", "/tmp", "/var/tmp", "/run", "/mnt", "/media", "/dev/shm"]
        if let home = ProcessInfo.processInfo.environment["HOME"], home.hasPrefix("/") { paths.append(home) }
        return paths
    }
}

/// A sandbox mechanism switched off on purpose, so that tests can check that Pace's own checks notice it and
/// `pace evaluate` refuses to run. Set with `PACE_SANDBOX_FAULTS=no-group-kill,no-limits`; never in normal use.
public enum SandboxFault: String, Sendable, Hashable, Codable, CaseIterable {
    /// No new session, no PID namespace: killing the group reaches nothing the program started.
    case noGroupKill = "no-group-kill"
    /// No rlimits (memory, processes, file size, open files).
    case noLimits = "no-limits"

    /// The faults named in `PACE_SANDBOX_FAULTS` (comma-separated); unknown names are ignored.
    public static var fromEnvironment: Set<SandboxFault> {
        let text = ProcessInfo.processInfo.environment["PACE_SANDBOX_FAULTS"] ?? ""
        return Set(text.split(separator: ",").compactMap { SandboxFault(rawValue: $0.trimmingCharacters(in: .whitespaces)) })
    }
}

/// How a sandboxed program ended.
public enum ProcessEnd: Sendable, Hashable {
    /// It exited by itself with this status.
    case exited(Int32)
    /// It was killed by this signal (not by Pace).
    case signaled(Int32)
    /// Pace killed it (deadline passed, or teardown).
    case killed
}

/// Resource use of a finished program.
public struct ResourceUsage: Sendable, Hashable, Codable {
    public var userSeconds: Double
    public var systemSeconds: Double
    public var maxRSSBytes: Int64

    public init(userSeconds: Double = 0, systemSeconds: Double = 0, maxRSSBytes: Int64 = 0) {
        self.userSeconds = userSeconds
        self.systemSeconds = systemSeconds
        self.maxRSSBytes = maxRSSBytes
    }
}
