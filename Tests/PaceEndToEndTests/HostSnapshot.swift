// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What the hostile corpus could leave behind on the host: processes, marker files, listening sockets.
///
/// Other sessions may share the machine, so processes and listeners count only when they are attributable to this
/// run: a marker in the command line, or a worker started from this build's resources.
struct HostSnapshot: Equatable {
    /// `pid: command line` of processes with a marker or this build's worker in their command line.
    var processes: Set<String>
    /// Paths of files or directories named with the marker.
    var markerFiles: Set<String>
    /// `address:port inode` of TCP sockets in LISTEN state (tcp and tcp6).
    var listeners: Set<String>

    static func take(scanning places: [(path: String, depth: Int)], workerPath: String) -> HostSnapshot {
        HostSnapshot(
            processes: suspectProcesses(workerPath: workerPath),
            markerFiles: Set(places.flatMap { markerFiles(in: $0.path, depth: $0.depth) }),
            listeners: listeningSockets()
        )
    }

    // MARK: - Processes

    /// Every `/proc/<pid>/cmdline` (arguments joined by spaces), keyed by pid.
    static func commandLines() -> [String: String] {
        var lines: [String: String] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int(entry) != nil {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty else { continue }
            lines[entry] = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        }
        return lines
    }

    static func suspectProcesses(workerPath: String) -> Set<String> {
        Set(commandLines().filter { $0.value.contains(HostileCorpus.marker) || $0.value.contains(workerPath) }.map { "\($0.key): \($0.value)" })
    }

    // MARK: - Files

    static func markerFiles(in directory: String, depth: Int) -> [String] {
        guard depth > 0, let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var found: [String] = []
        for entry in entries {
            let path = directory + "/" + entry
            if entry.contains(HostileCorpus.marker) { found.append(path) }
            var info = stat()
            // Never follow links: descend into real directories only.
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                found += markerFiles(in: path, depth: depth - 1)
            }
        }
        return found
    }

    // MARK: - Sockets

    static func listeningSockets() -> Set<String> {
        var sockets: Set<String> = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count > 9, fields[3] == "0A" else { continue }
                sockets.insert("\(fields[1]) \(fields[9])")
            }
        }
        return sockets
    }

    /// The command line of the process holding socket `inode`, or nil when none is found.
    static func owner(ofSocket inode: String) -> String? {
        let lines = commandLines()
        for pid in lines.keys {
            for fd in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? [] {
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) == "socket:[\(inode)]" {
                    return "\(pid): \(lines[pid] ?? "?")"
                }
            }
        }
        return nil
    }
}

/// A TCP listener on the host's 127.0.0.1 that hostile samples try to reach; it must never see a connection.
final class LoopbackListener {
    let descriptor: Int32
    let port: Int

    init?() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            return nil
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether anything connected (a pending connection can be accepted).
    var wasReached: Bool {
        let accepted = accept(descriptor, nil, nil)
        if accepted >= 0 { close(accepted) }
        return accepted >= 0
    }

    deinit { close(descriptor) }
}
