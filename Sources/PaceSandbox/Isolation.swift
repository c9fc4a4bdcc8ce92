// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPaceSys
import Foundation

/// Which isolation mechanisms work on this machine, found by trying them once.
public struct IsolationSupport: Sendable, Hashable, Codable {
    /// A new network namespace can be created (no network for the program).
    public var networkNamespace: Bool
    /// A new PID namespace can be created (everything the program starts dies with it).
    public var pidNamespace: Bool
    /// A new mount namespace with a read-only filesystem (only the sample's directory writable) works.
    public var privateFilesystem: Bool = false
    /// Home, temporary, dataset and output directories can be hidden and /proc shows only the program's own
    /// processes (mount and PID namespaces together).
    public var privateProc: Bool = false
    /// Namespaces need a user namespace because Pace is not root.
    public var needsUserNamespace: Bool
    /// A per-program cgroup with a process limit can be created (root with a writable pids controller).
    public var processCgroup: Bool
    /// Why a mechanism is missing, keyed by mechanism name.
    public var reasons: [String: String]

    /// The support on this machine, probed on first use.
    public static let current: IsolationSupport = probe()

    static func probe() -> IsolationSupport {
        var reasons: [String: String] = [:]
        let root = geteuid() == 0
        var support = IsolationSupport(
            networkNamespace: false,
            pidNamespace: false,
            needsUserNamespace: !root,
            processCgroup: false,
            reasons: [:]
        )
        #if os(Linux)
        let network = tryNamespaces(network: true, pids: false, user: !root)
        support.networkNamespace = network == nil
        if let network { reasons["network namespace"] = network }
        let pids = tryNamespaces(network: false, pids: true, user: !root)
        support.pidNamespace = pids == nil
        if let pids { reasons["pid namespace"] = pids }
        let files = tryNamespaces(network: false, pids: false, user: !root, filesystem: true)
        support.privateFilesystem = files == nil
        if let files { reasons["read-only filesystem"] = files }
        if files == nil && pids == nil {
            let proc = tryNamespaces(network: false, pids: true, user: !root, filesystem: true)
            support.privateProc = proc == nil
            if let proc { reasons["private /proc"] = proc }
        } else {
            reasons["private /proc"] = "needs both the PID namespace and the read-only filesystem"
        }
        if let cgroupProblem = ProcessCgroup.availabilityProblem() {
            reasons["process cgroup"] = cgroupProblem
        } else {
            support.processCgroup = true
        }
        #else
        reasons["network namespace"] = "namespaces exist only on Linux"
        reasons["pid namespace"] = "namespaces exist only on Linux"
        reasons["read-only filesystem"] = "mount namespaces exist only on Linux"
        reasons["process cgroup"] = "cgroups exist only on Linux"
        reasons["private /proc"] = "namespaces exist only on Linux"
        #endif
        support.reasons = reasons
        return support
    }

    private static func tryNamespaces(network: Bool, pids: Bool, user: Bool, filesystem: Bool = false) -> String? {
        var configuration = SandboxConfiguration()
        configuration.isolateNetwork = network
        configuration.isolatePIDs = pids
        configuration.privateFilesystem = filesystem
        configuration.remountProc = filesystem && pids
        do {
            let process = try SandboxedProcess.launchForProbe(configuration: configuration, user: user)
            let end = process.waitForExit(timeout: 5)
            if case .exited(0) = end { return nil }
            return "a probe program ended with \(end)"
        } catch {
            return "\(error.message)"
        }
    }
}

/// A cgroup (v1 or v2 `pids` controller) holding one program and everything it starts.
final class ProcessCgroup {
    let path: String
    let procsDescriptor: Int32

    private static let root: String? = {
        let candidates = ["/sys/fs/cgroup/pids", "/sys/fs/cgroup"]
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/cgroup.procs") {
            if candidate == "/sys/fs/cgroup" {
                let controllers = (try? String(contentsOfFile: candidate + "/cgroup.subtree_control", encoding: .utf8)) ?? ""
                guard controllers.contains("pids") else { continue }
            }
            return candidate
        }
        return nil
    }()

    private static let ownDirectory: String? = {
        guard geteuid() == 0, let root else { return nil }
        sweepStale(in: root)
        let path = "\(root)/pace-\(getpid())"
        if mkdir(path, 0o755) != 0 && errno != EEXIST { return nil }
        atexit {
            if let path = ProcessCgroup.ownDirectory { rmdir(path) }
        }
        return path
    }()

    /// Removes the empty cgroups of Pace processes that are gone (killed before their exit handler ran). Cgroups
    /// that still hold processes are left alone: their Pace may live in another PID namespace, where its pid
    /// means nothing here.
    private static func sweepStale(in root: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for entry in entries where entry.hasPrefix("pace-") {
            guard let pid = pid_t(entry.dropFirst(5)), pid != getpid(), Glibc.kill(pid, 0) != 0, errno == ESRCH else {
                continue
            }
            let directory = "\(root)/\(entry)"
            let workers = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for worker in workers where worker.hasPrefix("w") { rmdir("\(directory)/\(worker)") }
            rmdir(directory)
        }
    }

    static func availabilityProblem() -> String? {
        guard geteuid() == 0 else { return "Pace is not root (the process limit falls back to RLIMIT_NPROC)" }
        guard root != nil else { return "no writable cgroup 'pids' controller found" }
        guard let own = ownDirectory else { return "could not create a cgroup under \(root ?? "?")" }
        guard access(own + "/cgroup.procs", W_OK) == 0 else { return "cgroup \(own) is not writable" }
        return nil
    }

    private static let counter = Counter()

    init?(maxProcesses: Int) {
        guard let own = ProcessCgroup.ownDirectory else { return nil }
        let path = "\(own)/w\(ProcessCgroup.counter.next())"
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { return nil }
        let written = ProcessCgroup.writeFile(path + "/pids.max", "\(maxProcesses)")
        let descriptor = open(path + "/cgroup.procs", O_WRONLY | O_CLOEXEC)
        guard written, descriptor >= 0 else {
            if descriptor >= 0 { close(descriptor) }
            rmdir(path)
            return nil
        }
        self.path = path
        self.procsDescriptor = descriptor
    }

    private static func writeFile(_ path: String, _ text: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return text.withCString { write(descriptor, $0, strlen($0)) } >= 0
    }

    /// Removes the cgroup once its processes are gone (waits up to about a second), killing whatever is still in
    /// it: a process cannot leave its cgroup, so this ends even what escaped the process group and had no PID
    /// namespace to die with.
    func remove() {
        close(procsDescriptor)
        for attempt in 0..<200 {
            if rmdir(path) == 0 || errno == ENOENT { return }
            if attempt % 4 == 0 { killMembers() }
            usleep(5_000)
        }
    }

    private func killMembers() {
        let kill = open(path + "/cgroup.kill", O_WRONLY | O_CLOEXEC)  // cgroup v2 (Linux 5.14+): the kernel does it
        if kill >= 0 {
            defer { close(kill) }
            if write(kill, "1", 1) == 1 { return }
        }
        guard let handle = FileHandle(forReadingAtPath: path + "/cgroup.procs") else { return }
        defer { try? handle.close() }
        let listed = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        for line in listed.split(separator: "\n") {
            if let pid = pid_t(line), pid > 1 { _ = Glibc.kill(pid, SIGKILL) }
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
