// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPaceSys
import Foundation
import Synchronization

/// One thing the sandbox should enforce, checked by running a small program in it and looking at what it saw.
public struct SandboxCheck: Sendable, Hashable {
    /// Short name, for example `process-group kill`.
    public var name: String
    /// Whether Pace refuses to evaluate without it (unless `--unsafe`).
    public var essential: Bool
    /// Whether it is enforced on this machine.
    public var passed: Bool
    /// What was enforced, or what was seen instead.
    public var detail: String
}

/// Checks what the sandbox really enforces, by running `/bin/sh` in it: not what should work, what does.
///
/// The essentials are the process-group kill (a killed sample takes every process it started with it), the
/// wall-clock limit and the memory limit. Without them a hostile sample can hang a run or take the machine down,
/// so `pace evaluate` refuses to run unless told `--unsafe`.
public enum SandboxChecks {
    /// Every check, essentials first.
    public static func run(configuration: SandboxConfiguration, support: IsolationSupport = .current) -> [SandboxCheck] {
        var (checks, view) = essentials(configuration, support, everything: true)
        checks.append(contentsOf: isolation(configuration, support, view))
        checks.append(hardwareCounters())
        return checks
    }

    /// The essential checks that failed (empty when it is safe to run samples).
    public static func missingEssentials(configuration: SandboxConfiguration, support: IsolationSupport = .current) -> [SandboxCheck] {
        essentials(configuration, support, everything: false).checks.filter { !$0.passed }
    }

    /// The three essential checks, in order, and the probe's view of the sandbox (`everything`: all of it, for the
    /// isolation checks). The three probes run at once: each is mostly waiting (for a kill to reach its children,
    /// for a deadline, for a shell), and every command that runs samples makes them before it starts.
    private static func essentials(
        _ configuration: SandboxConfiguration,
        _ support: IsolationSupport,
        everything: Bool
    ) -> (checks: [SandboxCheck], view: ProbeView) {
        let results = Mutex<(checks: [SandboxCheck?], view: ProbeView)>((Array(repeating: nil, count: 3), ProbeView()))
        DispatchQueue.concurrentPerform(iterations: 3) { index in
            switch index {
            case 0:
                let check = groupKill(configuration, support)
                results.withLock { $0.checks[0] = check }
            case 1:
                let check = timeLimit(configuration, support)
                results.withLock { $0.checks[1] = check }
            default:
                let view = observe(configuration, support, everything: everything)
                let check = memoryLimit(configuration, view)
                results.withLock { $0.view = view; $0.checks[2] = check }
            }
        }
        return results.withLock { ($0.checks.compactMap { $0 }, $0.view) }
    }

    // MARK: - Essentials

    /// A shell that starts two children and waits; after the kill, its stdout must reach end-of-file within a
    /// second and a half, which happens only when no process holding it (the shell or a child) survived.
    private static func groupKill(_ configuration: SandboxConfiguration, _ support: IsolationSupport) -> SandboxCheck {
        let name = "process-group kill"
        let script = "sleep 5 & sleep 5 & echo ready; wait"
        let process: SandboxedProcess
        do {
            process = try launchShell(script, configuration, support)
        } catch {
            return SandboxCheck(name: name, essential: true, passed: false, detail: "cannot start a probe: \(error.message)")
        }
        defer { process.terminate() }
        guard case .line = process.readLine(deadline: monotonicNanoseconds() + 5_000_000_000) else {
            return SandboxCheck(name: name, essential: true, passed: false, detail: "the probe did not start")
        }
        process.kill()
        let deadline = monotonicNanoseconds() + 1_500_000_000
        while true {
            switch process.readLine(deadline: deadline) {
            case .line: continue
            case .closed:
                let reach = support.pidNamespace && configuration.isolatePIDs && !configuration.faults.contains(.noGroupKill)
                    ? "every process it started, even after setsid() (PID namespace)"
                    : "every process left in its process group"
                return SandboxCheck(name: name, essential: true, passed: true, detail: "killing a sample kills \(reach)")
            case .timedOut, .tooLong:
                return SandboxCheck(
                    name: name, essential: true, passed: false,
                    detail: "children of a killed probe were still running 1.5 s later (no new session or PID namespace)"
                )
            }
        }
    }

    /// A shell that ignores SIGTERM/SIGINT/SIGHUP and spins: Pace's deadline must end it. The deadline is short (the
    /// probe runs before every evaluation, and spinning longer proves nothing more: the kill is SIGKILL to the group).
    private static func timeLimit(_ configuration: SandboxConfiguration, _ support: IsolationSupport) -> SandboxCheck {
        let name = "time limit"
        let process: SandboxedProcess
        do {
            process = try launchShell("trap '' TERM INT HUP; while :; do :; done", configuration, support)
        } catch {
            return SandboxCheck(name: name, essential: true, passed: false, detail: "cannot start a probe: \(error.message)")
        }
        defer { process.terminate() }
        let deadline = monotonicNanoseconds() + 50_000_000
        _ = process.readLine(deadline: deadline)
        process.kill()
        let late = Double(monotonicNanoseconds() - deadline) / 1e9
        let passed = process.hasEnded && late < 1
        return SandboxCheck(
            name: name, essential: true, passed: passed,
            detail: passed
                ? String(format: "a deadline kills a sample that ignores signals (ended %.0f ms after it)", late * 1000)
                : String(format: "a probe ignoring signals was still running %.1f s after its deadline", late)
        )
    }

    private static func memoryLimit(_ configuration: SandboxConfiguration, _ view: ProbeView) -> SandboxCheck {
        let name = "memory limit"
        guard let limit = view.limits["Max address space"] else {
            return SandboxCheck(name: name, essential: true, passed: false, detail: "cannot read the probe's limits: \(view.problem ?? "no output")")
        }
        guard let bytes = Int64(limit), bytes <= configuration.memoryBytes else {
            return SandboxCheck(name: name, essential: true, passed: false, detail: "a sample's address space is \(limit) (wanted \(configuration.memoryBytes) bytes)")
        }
        let others = ["Max file size": "file size", "Max open files": "open files"]
            .sorted { $0.key < $1.key }
            .compactMap { key, label in view.limits[key].map { "\(label) \($0)" } }
        return SandboxCheck(
            name: name, essential: true, passed: true,
            detail: "RLIMIT_AS/RLIMIT_DATA \(formatBytes(bytes)) per process; also \(others.joined(separator: ", "))"
        )
    }

    // MARK: - Isolation

    private static func isolation(_ configuration: SandboxConfiguration, _ support: IsolationSupport, _ view: ProbeView) -> [SandboxCheck] {
        var checks: [SandboxCheck] = []
        let interfaces = view.section("net").dropFirst(2).compactMap { $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces) }
        let noNetwork = !interfaces.isEmpty && interfaces.allSatisfy { $0 == "lo" }
        checks.append(SandboxCheck(
            name: "network namespace", essential: false, passed: noNetwork,
            detail: noNetwork ? "a sample sees only its own loopback: no network"
                : configuration.isolateNetwork ? (support.reasons["network namespace"] ?? "a sample sees interfaces \(interfaces)")
                : "network allowed (--allow-network)"
        ))
        let ownIPC = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/ipc")) ?? "?"
        let sampleIPC = view.section("ipc").first ?? ""
        let privateIPC = sampleIPC.hasPrefix("ipc:") && sampleIPC != ownIPC
        checks.append(SandboxCheck(
            name: "IPC namespace", essential: false, passed: privateIPC,
            detail: privateIPC ? "a sample has System V shared memory, semaphores and queues of its own"
                : "a sample shares System V IPC with the host and other samples"
        ))
        let processes = view.section("proc").filter { Int($0) != nil }
        let privateProc = !processes.isEmpty && processes.count <= 8
        checks.append(SandboxCheck(
            name: "private /proc", essential: false, passed: privateProc,
            detail: privateProc ? "a sample sees only its own processes (PID namespace, own /proc)"
                : support.reasons["private /proc"] ?? "a sample sees \(processes.count) processes"
        ))
        let readOnly = view.section("write").first == "read-only"
        checks.append(SandboxCheck(
            name: "read-only filesystem", essential: false, passed: readOnly,
            detail: readOnly ? "everything but the sample's own scratch directory is read-only"
                : support.reasons["read-only filesystem"] ?? "a probe could write to /var/tmp"
        ))
        let tmpEntries = view.section("tmp")
        let privateTmp = view.problem == nil && !tmpEntries.contains(view.marker)
        checks.append(SandboxCheck(
            name: "private /tmp", essential: false, passed: privateTmp,
            detail: privateTmp ? "/tmp, home directories, /run and the run's own files are hidden (empty)"
                : "a sample can read the host's /tmp"
        ))
        let capabilities = view.section("status").filter { $0.hasPrefix("CapEff:") || $0.hasPrefix("CapBnd:") }
        let dropped = capabilities.count == 2 && capabilities.allSatisfy { $0.hasSuffix("0000000000000000") }
        checks.append(SandboxCheck(
            name: "capabilities", essential: false, passed: dropped,
            detail: dropped ? "all dropped (bounding set too) with no-new-privs" : "a sample keeps \(capabilities.joined(separator: ", "))"
        ))
        let uid = view.section("uid").first ?? "?"
        let unprivileged = uid != "0" || geteuid() != 0
        checks.append(SandboxCheck(
            name: "unprivileged user", essential: false, passed: unprivileged,
            detail: unprivileged ? (geteuid() == 0 ? "samples run as uid \(uid) (nobody), not root" : "Pace is not root; samples run as its user, mapped")
                : "samples run as root (needs a process cgroup and the private filesystem to switch to nobody)"
        ))
        checks.append(SandboxCheck(
            name: "process cgroup", essential: false, passed: support.processCgroup,
            detail: support.processCgroup ? "each sample's cgroup caps its processes and threads at \(configuration.maxProcesses)"
                : "\(support.reasons["process cgroup"] ?? "unavailable"); RLIMIT_NPROC instead"
        ))
        return checks
    }

    private static func hardwareCounters() -> SandboxCheck {
        let error = pace_probe_hardware_counter()
        let paranoid = (try? String(contentsOfFile: "/proc/sys/kernel/perf_event_paranoid", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        if error == 0 {
            return SandboxCheck(name: "hardware counters", essential: false, passed: true, detail: "instructions can be counted (perf_event_paranoid \(paranoid))")
        }
        let pmu = FileManager.default.fileExists(atPath: "/sys/bus/event_source/devices/cpu")
        let why = pmu ? String(cString: strerror(error)) : "no hardware PMU exposed (a virtual machine?)"
        return SandboxCheck(
            name: "hardware counters", essential: false, passed: false,
            detail: "unavailable: \(why); perf_event_paranoid \(paranoid). Timing uses clocks, not instruction counts"
        )
    }

    // MARK: - Probing

    /// What a shell inside the sandbox saw, in sections.
    private struct ProbeView {
        var sections: [String: [String]] = [:]
        var problem: String?
        var marker = ""

        func section(_ name: String) -> [String] { sections[name] ?? [] }

        /// `/proc/self/limits` as name → soft limit.
        var limits: [String: String] {
            var values: [String: String] = [:]
            for line in section("limits").dropFirst() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard let unitsStart = fields.firstIndex(where: { Int($0) != nil || $0 == "unlimited" }) else { continue }
                values[fields[..<unitsStart].joined(separator: " ")] = String(fields[unitsStart])
            }
            return values
        }
    }

    /// Runs a shell in the sandbox that prints what it sees: only its limits (what the essentials need, checked
    /// before every evaluation), or `everything` for `pace doctor`.
    private static func observe(_ configuration: SandboxConfiguration, _ support: IsolationSupport, everything: Bool) -> ProbeView {
        var view = ProbeView()
        var script = "echo @limits; cat /proc/self/limits; "
        // With everything: a file in the host's temporary directory that a private /tmp must not show.
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        view.marker = "pace-doctor-marker-\(getpid())"
        if everything {
            FileManager.default.createFile(atPath: "\(base)/\(view.marker)", contents: Data())
            script += """
                echo @status; cat /proc/self/status; echo @tmp; ls -A \(base); echo @proc; ls /proc; \
                echo @net; cat /proc/net/dev; echo @ipc; readlink /proc/self/ns/ipc; echo @uid; id -u; echo @write; \
                (echo x > /var/tmp/pace-doctor-write && echo writable) 2>/dev/null || echo read-only;
                """
        }
        script += "echo @end"
        defer {
            if everything {
                unlink("\(base)/\(view.marker)")
                unlink("/var/tmp/pace-doctor-write")  // written only where the filesystem is not read-only
            }
        }
        let process: SandboxedProcess
        do {
            process = try launchShell(script, configuration, support)
        } catch {
            view.problem = error.message
            return view
        }
        defer { process.terminate() }
        var current = ""
        let deadline = monotonicNanoseconds() + 5_000_000_000
        while case .line(let bytes) = process.readLine(deadline: deadline) {
            let line = String(decoding: bytes, as: UTF8.self)
            if line.hasPrefix("@") {
                current = String(line.dropFirst())
                if current == "end" { return view }
                continue
            }
            view.sections[current, default: []].append(line)
        }
        view.problem = "the probe ended early: \(process.stderrText.prefix(200))"
        return view
    }

    private static func launchShell(_ script: String, _ configuration: SandboxConfiguration, _ support: IsolationSupport) throws(SandboxError) -> SandboxedProcess {
        try SandboxedProcess.launch(
            executable: "/bin/sh",
            arguments: ["-c", script],
            environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C"],
            configuration: configuration,
            support: support
        )
    }

    private static func formatBytes(_ bytes: Int64) -> String {
        bytes % (1 << 30) == 0 ? "\(bytes >> 30) GiB" : bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
