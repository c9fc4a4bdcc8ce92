// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceSandbox

/// The real Python interpreter that workers run on.
///
/// `python3` is often a wrapper script (pyenv's shim costs ~90 ms a launch); Pace resolves `sys.executable` once
/// and starts that binary directly. It also asks once for the site-packages directories, so that workers can start
/// without the `site` module (see ``sitePackages``).
public struct PythonInterpreter: Sendable, Hashable, Codable {
    /// Absolute path of the interpreter binary.
    public var executable: String
    /// Its version, for example `3.11.7`.
    public var version: String
    /// The interpreter's site-packages directories (`site.getsitepackages()`; user site-packages are off, as under
    /// `-I`). Workers start with `-S` and append these to `sys.path` themselves: importing `site` processes every
    /// `.pth` file, which costs ~40 ms a start on an installation whose `.pth` files import packages, more than the
    /// rest of a worker's start. Installed packages stay importable; what `.pth` files would run does not run.
    public var sitePackages: [String]
    /// The worker script compiled to bytecode for this interpreter (see ``compilingWorker(into:)``); workers start
    /// from the shipped source when nil.
    public var workerBytecode: String?

    /// What `-I` does but `-E`: no user site directory (`-s`) and, from Python 3.11, no script directory on
    /// `sys.path` (`-P`). `-E` would also drop PYTHONHASHSEED=0, which Pace sets so that string hashes, and with
    /// them the iteration order of sets and dicts of strings, are the same in every worker: with random hashing,
    /// input generators that iterate over a set of strings made different tests on every run (ENAMEL's problems 7,
    /// 64 and 80), and code whose output order follows a set's could disagree with its own expected output. The
    /// workers' environment is Pace's allow-list, so `-E` guards nothing there.
    public var isolationFlags: [String] {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        let safePath = parts.count >= 2 && (parts[0], parts[1]) >= (3, 11)
        return safePath ? ["-s", "-P"] : ["-s"]
    }

    public init(executable: String, version: String, sitePackages: [String] = []) {
        self.executable = executable
        self.version = version
        self.sitePackages = sitePackages
    }

    /// Compiles `pace_worker.py` to bytecode once, into its own directory under `directory` (named by the
    /// script's content and the Python version), and returns an interpreter whose workers start from it: compiling
    /// the script cost 6–12 ms of every worker start, a quarter of it. The directory becomes visible inside the
    /// sandbox (read-only), so it holds nothing else. On any failure workers keep starting from the source.
    public func compilingWorker(into directory: String) -> PythonInterpreter {
        guard let source = PythonWorker.scriptPath, let bytes = FileManager.default.contents(atPath: source) else {
            return self
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: names the cache entry, not a security check
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let folder = "\(directory)/pace_worker-\(String(hash, radix: 16))-py\(version)"
        let target = "\(folder)/pace_worker.pyc"
        var compiled = self
        if FileManager.default.fileExists(atPath: target) {
            compiled.workerBytecode = target
            return compiled
        }
        let temporary = "\(folder)/pace_worker.pyc.tmp-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [
                "-I", "-S", "-c",
                "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                source, temporary,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0, rename(temporary, target) == 0 else {
                try? FileManager.default.removeItem(atPath: temporary)
                return self
            }
        } catch {
            return self
        }
        compiled.workerBytecode = target
        return compiled
    }

    /// The directories the interpreter needs besides the system ones: the prefix of its binary (a virtual
    /// environment's root, say) and of the file that binary links to. A sandbox that hides home directories keeps
    /// these visible.
    public var installationDirectories: [String] {
        let binary = URL(fileURLWithPath: executable)
        let prefixes = [binary, binary.resolvingSymlinksInPath()].map { $0.deletingLastPathComponent().deletingLastPathComponent().path }
        return Array(Set(prefixes.filter { $0 != "/" })).sorted()
    }

    /// Finds `command` (a name on PATH or a path) and asks it for its real executable and version.
    ///
    /// - Throws: ``RunnerError`` with code `pythonMissing` when it cannot be found or run.
    public static func locate(_ command: String = "python3") throws(RunnerError) -> PythonInterpreter {
        guard let path = resolve(command) else {
            throw RunnerError(
                .pythonMissing,
                "cannot find '\(command)' on PATH; install Python 3 (3.9 or newer) or pass --python /path/to/python3"
            )
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "-I", "-c",
            "import site, sys; print(sys.executable); print(sys.version.split()[0]); "
                + "print(*[p for p in site.getsitepackages() if p in sys.path], sep='\\n')",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw RunnerError(.pythonMissing, "cannot run '\(path)': \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard process.terminationStatus == 0, lines.count >= 2, lines[1].hasPrefix("3.") else {
            throw RunnerError(.pythonMissing, "'\(path)' is not a working Python 3 interpreter")
        }
        let executable = lines[0].isEmpty ? path : lines[0]
        return PythonInterpreter(executable: executable, version: lines[1], sitePackages: Array(lines.dropFirst(2)))
    }

    private static func resolve(_ command: String) -> String? {
        if command.contains("/") {
            return FileManager.default.isExecutableFile(atPath: command) ? command : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// A failure of a runner (not of the code it runs).
public struct RunnerError: Error, Hashable, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case pythonMissing, workerFailed, resourceMissing }
        private let kind: Kind
        public static let pythonMissing = Code(kind: .pythonMissing)
        public static let workerFailed = Code(kind: .workerFailed)
        public static let resourceMissing = Code(kind: .resourceMissing)
        public var description: String { kind.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension RunnerError: CustomStringConvertible {
    public var description: String { "\(code): \(message)" }
}
