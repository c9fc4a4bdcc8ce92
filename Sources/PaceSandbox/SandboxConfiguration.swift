// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

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
    /// Drop every capability (so a program running as root cannot remount, load modules, trace, …). The default is true.
    public var dropCapabilities = true
    /// Environment variables passed through from Pace's own environment (besides the fixed ones).
    public var passEnvironment: [String] = []

    public init() {}
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
