// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceSandbox

/// The real Python interpreter that workers run on.
///
/// `python3` is often a wrapper script (pyenv's shim costs ~90 ms a launch); Pace resolves `sys.executable` once
/// and starts that binary directly.
public struct PythonInterpreter: Sendable, Hashable, Codable {
    /// Absolute path of the interpreter binary.
    public var executable: String
    /// Its version, for example `3.11.7`.
    public var version: String

    public init(executable: String, version: String) {
        self.executable = executable
        self.version = version
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
        process.arguments = ["-c", "import sys; print(sys.executable); print(sys.version.split()[0])"]
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
        return PythonInterpreter(executable: executable, version: lines[1])
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
