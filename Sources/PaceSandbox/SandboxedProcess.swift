// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPaceSys
import Foundation

/// Nanoseconds on the monotonic clock.
public func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// One untrusted program running in its own session, namespaces, cgroup and temporary directory.
///
/// It speaks lines over stdin/stdout; stderr is drained and capped. Every read and write takes a deadline and
/// uses `poll`, so a program that stops reading, floods output or never answers cannot block Pace. `kill()` sends
/// SIGKILL to the whole process group; with a PID namespace everything the program started dies with it.
/// Not thread-safe: use one instance from one thread at a time.
public final class SandboxedProcess {
    /// The supervisor's pid, which is also the process-group id.
    public let processGroup: pid_t
    /// The private working directory, removed when the process is torn down.
    public let workingDirectory: String
    private var stdinDescriptor: Int32
    private var stdoutDescriptor: Int32
    private var stderrDescriptor: Int32
    private var reportDescriptor: Int32
    /// Read end of the program's status pipe (its fd 3), or -1 (see `launch(statusPipe:)`).
    private var statusDescriptor: Int32 = -1
    private var statusBuffer: [UInt8] = []
    /// Whether the program wrote to its status pipe while stdout was being read or written.
    public private(set) var statusPending = false
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    /// Where the search for the next newline resumes (everything before it has none).
    private var scanPosition = 0
    /// Reusable read buffer.
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    private var stdoutClosed = false
    private var stderrKept: [UInt8] = []
    private var stderrTotal = 0
    private let configuration: SandboxConfiguration
    private var cgroup: ProcessCgroup?
    private var end: ProcessEnd?
    /// The supervisor's stack (it runs in Pace's memory), unmapped once the supervisor has been reaped.
    private var supervisorStacks: UnsafeMutableRawPointer?
    /// Resource use reported when the program ended by itself.
    public private(set) var usage: ResourceUsage?

    /// The result of waiting for a line.
    public enum LineResult: Sendable, Equatable {
        case line([UInt8])
        case timedOut
        case closed
        case tooLong
    }

    private static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// The user and group id of `nobody`.
    static let nobody: Int32 = 65534

    /// The read end of a pipe whose write end only Pace holds (never closed, close-on-exec): every supervisor
    /// watches it and kills its program when it reports end-of-file, which happens when Pace dies, even by SIGKILL.
    private static let lifeline: Int32 = {
        var fds: [Int32] = [-1, -1]
        guard pace_pipe_cloexec(&fds) == 0 else { return -1 }
        return fds[0]
    }()

    private init(
        group: pid_t,
        directory: String,
        descriptors: (Int32, Int32, Int32, Int32),
        supervisorStacks: UnsafeMutableRawPointer?,
        configuration: SandboxConfiguration,
        cgroup: ProcessCgroup?
    ) {
        processGroup = group
        self.supervisorStacks = supervisorStacks
        workingDirectory = directory
        (stdinDescriptor, stdoutDescriptor, stderrDescriptor, reportDescriptor) = descriptors
        self.configuration = configuration
        self.cgroup = cgroup
    }

    deinit {
        terminate()
        scratch.deallocate()
    }

    // MARK: - Launching

    /// Starts `executable` with `arguments` in a fresh sandbox.
    ///
    /// - Parameters:
    ///   - executable: Absolute path of the program.
    ///   - arguments: Arguments after the program name.
    ///   - environment: The complete environment (build it from an allow-list).
    ///   - configuration: Limits and isolation; isolation the machine lacks is skipped (see ``IsolationSupport``).
    /// - Throws: ``SandboxError`` when the harness cannot start it.
    public static func launch(
        executable: String,
        arguments: [String],
        environment: [String: String],
        configuration: SandboxConfiguration,
        statusPipe: Bool = false,
        support: IsolationSupport = .current
    ) throws(SandboxError) -> SandboxedProcess {
        var effective = configuration
        effective.isolateNetwork = configuration.isolateNetwork && support.networkNamespace
        effective.isolatePIDs = configuration.isolatePIDs && support.pidNamespace
        effective.privateFilesystem = configuration.privateFilesystem && support.privateFilesystem
        effective.remountProc = configuration.remountProc && support.privateProc
        let cgroup = support.processCgroup ? ProcessCgroup(maxProcesses: configuration.maxProcesses) : nil
        var environment = environment
        let directory = try makeTemporaryDirectory()
        environment["HOME"] = directory
        environment["TMPDIR"] = directory
        return try start(
            executable: executable,
            arguments: arguments,
            environment: environment,
            directory: directory,
            configuration: effective,
            user: support.needsUserNamespace,
            cgroup: cgroup,
            statusPipe: statusPipe
        )
    }

    static func launchForProbe(configuration: SandboxConfiguration, user: Bool) throws(SandboxError) -> SandboxedProcess {
        let directory = configuration.privateFilesystem ? try makeTemporaryDirectory() : nil
        defer { if let directory { rmdir(directory) } }
        return try start(
            executable: "/bin/true",
            arguments: [],
            environment: [:],
            directory: directory,
            configuration: configuration,
            user: user,
            cgroup: nil
        )
    }

    private static func makeTemporaryDirectory() throws(SandboxError) -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/pace-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw SandboxError(.setupFailed, "cannot create a temporary directory in \(base): \(errnoText())")
        }
        return String(cString: template)
    }

    private static func start(
        executable: String,
        arguments: [String],
        environment: [String: String],
        directory: String?,
        configuration: SandboxConfiguration,
        user: Bool,
        cgroup: ProcessCgroup?,
        statusPipe: Bool = false
    ) throws(SandboxError) -> SandboxedProcess {
        _ = ignoreSIGPIPE
        let pipes = try makePipes()
        var status = Pipe(read: -1, write: -1)
        if statusPipe {
            var fds: [Int32] = [-1, -1]
            guard pace_pipe_cloexec(&fds) == 0 else {
                [pipes.stdin, pipes.stdout, pipes.stderr].forEach { close($0.read); close($0.write) }
                throw SandboxError(.setupFailed, "cannot create a pipe: \(errnoText())")
            }
            status = Pipe(read: fds[0], write: fds[1])
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let privateFilesystem = configuration.privateFilesystem && directory != nil
        let plan = privateFilesystem
            ? MountPlan.resolving(hidden: configuration.hiddenPaths, visible: configuration.visiblePaths)
            : MountPlan(hidden: [], visible: [])
        let hidden = plan.hidden.map { UnsafePointer(strdup($0)) } + [nil]
        let visible = plan.visible.map { UnsafePointer(strdup($0)) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
            (hidden + visible).forEach { free(UnsafeMutablePointer(mutating: $0)) }
        }
        let groupKill = !configuration.faults.contains(.noGroupKill)
        var reportDescriptor: Int32 = -1
        var stage: Int32 = 0
        var stacks: UnsafeMutableRawPointer?
        let pid: pid_t = executable.withCString { path in
            (directory ?? "/").withCString { cwd in
                argv.withUnsafeBufferPointer { argvPointer in
                    envp.withUnsafeBufferPointer { envpPointer in
                        hidden.withUnsafeBufferPointer { hiddenPointer in
                            visible.withUnsafeBufferPointer { visiblePointer in
                                var spawn = pace_spawn_config()
                                spawn.path = path
                                spawn.argv = argvPointer.baseAddress
                                spawn.envp = envpPointer.baseAddress
                                spawn.cwd = directory == nil ? nil : cwd
                                spawn.stdin_fd = pipes.stdin.read
                                spawn.stdout_fd = pipes.stdout.write
                                spawn.stderr_fd = pipes.stderr.write
                                spawn.status_fd = status.write
                                spawn.cgroup_procs_fd = cgroup?.procsDescriptor ?? -1
                                spawn.memory_bytes = configuration.memoryBytes
                                spawn.max_processes = Int64(configuration.maxProcesses)
                                spawn.max_file_bytes = configuration.maxFileBytes
                                spawn.cpu_seconds = Int64(configuration.cpuSeconds)
                                spawn.max_open_files = Int64(configuration.maxOpenFiles)
                                spawn.stack_bytes = 0
                                spawn.new_network_namespace = configuration.isolateNetwork ? 1 : 0
                                spawn.new_pid_namespace = configuration.isolatePIDs && groupKill ? 1 : 0
                                spawn.new_user_namespace = user ? 1 : 0
                                spawn.private_filesystem = privateFilesystem ? 1 : 0
                                spawn.drop_capabilities = configuration.dropCapabilities ? 1 : 0
                                spawn.hidden_paths = hiddenPointer.baseAddress
                                spawn.visible_paths = visiblePointer.baseAddress
                                spawn.scratch_bytes = privateFilesystem ? configuration.scratchBytes : 0
                                spawn.remount_proc = privateFilesystem && configuration.isolatePIDs && groupKill
                                    && configuration.remountProc ? 1 : 0
                                spawn.lifeline_fd = groupKill ? SandboxedProcess.lifeline : -1
                                spawn.new_session = groupKill ? 1 : 0
                                spawn.apply_limits = configuration.faults.contains(.noLimits) ? 0 : 1
                                let unprivileged = configuration.unprivilegedUser && privateFilesystem && cgroup != nil
                                    && geteuid() == 0 && !user
                                spawn.run_as_uid = unprivileged ? SandboxedProcess.nobody : -1
                                spawn.run_as_gid = unprivileged ? SandboxedProcess.nobody : -1
                                return pace_spawn(&spawn, &reportDescriptor, &stage, &stacks)
                            }
                        }
                    }
                }
            }
        }
        let spawnErrno = errno
        close(pipes.stdin.read)
        close(pipes.stdout.write)
        close(pipes.stderr.write)
        if status.write >= 0 { close(status.write) }
        guard pid > 0 else {
            [pipes.stdin.write, pipes.stdout.read, pipes.stderr.read].forEach { close($0) }
            if status.read >= 0 { close(status.read) }
            cgroup?.remove()
            if let directory { try? FileManager.default.removeItem(atPath: directory) }
            throw SandboxError(
                .spawnFailed,
                "cannot start \(executable): \(stageName(stage)) failed: \(String(cString: strerror(spawnErrno)))"
            )
        }
        if !SandboxRegistry.shared.add(pid) {
            _ = Glibc.kill(-pid, SIGKILL)
        }
        for descriptor in [pipes.stdin.write, pipes.stdout.read, pipes.stderr.read, status.read] where descriptor >= 0 {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        #if os(Linux)
        _ = fcntl(pipes.stdout.read, 1031 /* F_SETPIPE_SZ */, 1 << 20)
        _ = fcntl(pipes.stdin.write, 1031, 1 << 20)
        #endif
        let process = SandboxedProcess(
            group: pid,
            directory: directory ?? "",
            descriptors: (pipes.stdin.write, pipes.stdout.read, pipes.stderr.read, reportDescriptor),
            supervisorStacks: stacks,
            configuration: configuration,
            cgroup: cgroup
        )
        process.statusDescriptor = status.read
        return process
    }

    private struct Pipe { var read: Int32; var write: Int32 }

    private static func makePipes() throws(SandboxError) -> (stdin: Pipe, stdout: Pipe, stderr: Pipe) {
        var made: [Pipe] = []
        for _ in 0..<3 {
            var fds: [Int32] = [-1, -1]
            guard pace_pipe_cloexec(&fds) == 0 else {
                made.forEach { close($0.read); close($0.write) }
                throw SandboxError(.setupFailed, "cannot create a pipe: \(errnoText())")
            }
            made.append(Pipe(read: fds[0], write: fds[1]))
        }
        return (made[0], made[1], made[2])
    }

    private static func stageName(_ stage: Int32) -> String {
        let names = [
            1: "pipe", 2: "clone", 3: "setsid", 4: "creating namespaces", 5: "clone", 6: "dup2", 7: "chdir",
            8: "setrlimit", 9: "exec", 10: "joining the cgroup", 11: "making the filesystem read-only",
            12: "dropping capabilities", 13: "hiding directories", 14: "mounting /proc",
            15: "switching to the unprivileged user",
        ]
        return names[Int(stage)] ?? "stage \(stage)"
    }
}

// MARK: - Talking

extension SandboxedProcess {
    /// Whether the program has ended (or been killed).
    public var hasEnded: Bool { end != nil }

    /// Whether the program is, as far as can be told without waiting, still running and has written nothing
    /// since it was last read: no output pending, its stdout open, no exit report from the supervisor.
    public var isQuietlyRunning: Bool {
        guard end == nil, stdoutDescriptor >= 0, reportDescriptor >= 0, bufferStart == buffer.count else { return false }
        var fds = [
            pollfd(fd: stdoutDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: reportDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        return poll(&fds, 2, 0) == 0
    }

    /// The first bytes the program wrote to stderr (up to the configured cap).
    public var stderrText: String { String(decoding: stderrKept, as: UTF8.self) }

    /// Total bytes the program wrote to stderr.
    public var stderrByteCount: Int { stderrTotal }

    /// Writes `line` plus a newline. Returns false if the program stopped reading before `deadline`.
    public func send(_ line: String, deadline: UInt64) -> Bool {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                write(stdinDescriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written > 0 {
                offset += written
                continue
            }
            if written < 0 && errno != EAGAIN && errno != EINTR { return false }
            guard pump(writing: true, deadline: deadline) else { return false }
        }
        return true
    }

    /// Waits for the next line on stdout until `deadline` (monotonic nanoseconds).
    public func readLine(deadline: UInt64) -> LineResult {
        while true {
            if let newline = buffer[max(scanPosition, bufferStart)...].firstIndex(of: 0x0A) {
                let line = Array(buffer[bufferStart..<newline])
                bufferStart = newline + 1
                scanPosition = bufferStart
                if bufferStart > 1 << 16 && bufferStart * 2 > buffer.count {
                    buffer.removeFirst(bufferStart)
                    bufferStart = 0
                    scanPosition = 0
                }
                return .line(line)
            }
            scanPosition = buffer.count
            if buffer.count - bufferStart > configuration.maxLineBytes { return .tooLong }
            if stdoutClosed { return .closed }
            if !pump(writing: false, deadline: deadline) {
                return stdoutClosed || statusPending ? .closed : .timedOut
            }
        }
    }

    /// Polls until stdout has data (or stdin is writable when `writing`), draining stderr meanwhile.
    /// Returns false when the deadline passed, the wanted descriptor closed, or (with nothing else to read) the
    /// program wrote to its status pipe (`statusPending`).
    private func pump(writing: Bool, deadline: UInt64) -> Bool {
        while true {
            let now = monotonicNanoseconds()
            guard now < deadline else { return false }
            let timeout = Int32(min((deadline - now) / 1_000_000 + 1, 1_000))
            var fds = [
                pollfd(fd: writing ? stdinDescriptor : (stdoutClosed ? -1 : stdoutDescriptor),
                       events: Int16(writing ? POLLOUT : POLLIN), revents: 0),
                pollfd(fd: stderrDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: statusDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 3, timeout)
            if ready < 0 && errno != EINTR { return false }
            if fds[1].revents != 0 { drainStderr() }
            let revents = Int32(fds[0].revents)
            if revents == 0 {
                if fds[2].revents != 0 {
                    statusPending = true
                    return false
                }
                continue
            }
            if writing {
                return revents & Int32(POLLOUT) != 0
            }
            return readStdout()
        }
    }

    /// Waits until `deadline` for the next line on the status pipe. Nil when none came (the pipe closed or the
    /// deadline passed).
    public func readStatusLine(deadline: UInt64) -> [UInt8]? {
        while statusDescriptor >= 0 {
            if let newline = statusBuffer.firstIndex(of: 0x0A) {
                let line = Array(statusBuffer[..<newline])
                statusBuffer.removeFirst(newline + 1)
                statusPending = false
                drainStderr()  // all of it was written before the report
                return line
            }
            let now = monotonicNanoseconds()
            guard now < deadline else { return nil }
            var fds = [
                pollfd(fd: statusDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stderrDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, Int32(min((deadline - now) / 1_000_000 + 1, 1_000)))
            if ready < 0 && errno != EINTR { return nil }
            if fds[1].revents != 0 { drainStderr() }
            guard fds[0].revents != 0 else { continue }
            let count = read(statusDescriptor, scratch.baseAddress, min(scratch.count, 1 << 16))
            if count > 0 {
                statusBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                if statusBuffer.count > 1 << 16 { return nil }
            } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                return nil
            }
        }
        return nil
    }

    /// Drops everything the program wrote to stdout and stderr so far (what a forked program left behind once it is
    /// gone), and starts counting stderr afresh.
    public func discardOutput() {
        while !stdoutClosed {
            let count = read(stdoutDescriptor, scratch.baseAddress, scratch.count)
            if count > 0 || (count < 0 && errno == EINTR) { continue }
            if count == 0 || errno != EAGAIN { stdoutClosed = true }
            break
        }
        buffer.removeAll(keepingCapacity: true)
        bufferStart = 0
        scanPosition = 0
        drainStderr()
        stderrKept.removeAll()
        stderrTotal = 0
    }

    private func readStdout() -> Bool {
        let count = read(stdoutDescriptor, scratch.baseAddress, scratch.count)
        if count > 0 {
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
            return true
        }
        if count == 0 || (errno != EAGAIN && errno != EINTR) {
            stdoutClosed = true
            return false
        }
        return true
    }

    private func drainStderr() {
        while stderrDescriptor >= 0 {
            let count = read(stderrDescriptor, scratch.baseAddress, scratch.count)
            if count > 0 {
                let room = configuration.stderrCapBytes - stderrKept.count
                if room > 0 { stderrKept.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<min(room, count)])) }
                stderrTotal += count
                continue
            }
            if count == 0 || (errno != EAGAIN && errno != EINTR) {
                close(stderrDescriptor)
                stderrDescriptor = -1
            }
            return
        }
    }
}

// MARK: - Ending

extension SandboxedProcess {
    /// Kills the whole process group (SIGKILL) and reaps it. Safe to call more than once.
    public func kill() {
        guard end == nil else { return }
        _ = Glibc.kill(-processGroup, SIGKILL)
        _ = Glibc.kill(processGroup, SIGKILL)
        reapSupervisor()
        end = .killed
        SandboxRegistry.shared.remove(processGroup)
    }

    /// Waits for the supervisor to end, then releases its stack (only once it is surely gone).
    private func reapSupervisor() {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(processGroup, &status, 0) } while result < 0 && errno == EINTR
        if result == processGroup || (result < 0 && errno == ECHILD) {
            pace_spawn_release(supervisorStacks)
            supervisorStacks = nil
        }
    }

    /// Waits up to `timeout` seconds for the program to end by itself; kills it if it does not.
    @discardableResult
    public func waitForExit(timeout: Double) -> ProcessEnd {
        if let end { return end }
        if stdinDescriptor >= 0 {
            close(stdinDescriptor)
            stdinDescriptor = -1
        }
        let deadline = monotonicNanoseconds() + UInt64(max(timeout, 0) * 1e9)
        var report = pace_exit_report()
        var got = 0
        while got < MemoryLayout<pace_exit_report>.size {
            let now = monotonicNanoseconds()
            guard now < deadline else { break }
            var fds = [pollfd(fd: reportDescriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 1, Int32(min((deadline - now) / 1_000_000 + 1, 1_000)))
            if ready <= 0 { continue }
            let count = withUnsafeMutableBytes(of: &report) { raw in
                read(reportDescriptor, raw.baseAddress! + got, raw.count - got)
            }
            if count <= 0 { break }
            got += count
        }
        guard got == MemoryLayout<pace_exit_report>.size else {
            kill()
            return .killed
        }
        reapSupervisor()
        _ = Glibc.kill(-processGroup, SIGKILL)
        SandboxRegistry.shared.remove(processGroup)
        usage = ResourceUsage(
            userSeconds: Double(report.user_usec) / 1e6,
            systemSeconds: Double(report.system_usec) / 1e6,
            maxRSSBytes: report.max_rss_kib * 1024
        )
        let raw = report.wait_status
        let ended: ProcessEnd =
            pace_wifsignaled(raw) != 0 ? .signaled(pace_wtermsig(raw)) : .exited(pace_wexitstatus(raw))
        end = ended
        return ended
    }

    /// Kills the program if it still runs, closes every descriptor and removes the working directory and cgroup.
    public func terminate() {
        kill()
        for descriptor in [stdinDescriptor, stdoutDescriptor, stderrDescriptor, reportDescriptor, statusDescriptor]
        where descriptor >= 0 {
            close(descriptor)
        }
        statusDescriptor = -1
        stdinDescriptor = -1
        stdoutDescriptor = -1
        stderrDescriptor = -1
        reportDescriptor = -1
        cgroup?.remove()
        cgroup = nil
        if !workingDirectory.isEmpty {
            removeTree(workingDirectory)
        }
    }

    private func removeTree(_ path: String) {
        let manager = FileManager.default
        if (try? manager.removeItem(atPath: path)) != nil { return }
        // A program may have left directories without write permission: open them up, then retry.
        if let walker = manager.enumerator(atPath: path) {
            for case let relative as String in walker {
                chmod(path + "/" + relative, 0o700)
            }
        }
        chmod(path, 0o700)
        try? manager.removeItem(atPath: path)
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
