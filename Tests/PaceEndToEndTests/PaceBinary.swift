// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore

/// Runs the built `pace` executable, as a user would.
enum PaceBinary {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/data` beside the repository.
    static let sharedData = root.deletingLastPathComponent().appendingPathComponent("shared/data").path

    /// The executable: `$PACE_BINARY`, or `pace` next to the test bundle, or `.build/debug/pace`.
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["PACE_BINARY"] { return explicit }
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pace").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return root.appendingPathComponent(".build/debug/pace").path
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The pid `pace` ran as (its cgroup is named after it).
        var processIdentifier: Int32 = 0

        /// stdout parsed as JSON (the summary printed by `--json`).
        var json: JSONValue? { try? JSONParser.parse(stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Runs `pace arguments…` and waits (at most `timeout` seconds, then kills it).
    static func run(_ arguments: [String], timeout: Double = 600, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = self.environment(environment)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = Locked(Data())
        let errData = Locked(Data())
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                sink.set(data)
                group.leave()
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.interrupt()
            usleep(500_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        group.wait()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: outData.get(), as: UTF8.self),
            stderr: String(decoding: errData.get(), as: UTF8.self),
            processIdentifier: process.processIdentifier
        )
    }

    /// Starts `pace arguments…` and returns at once; stdout and stderr both go to the file `log`.
    static func start(_ arguments: [String], log: String, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = self.environment(environment)
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try handle.close()
        return process
    }

    /// The test's environment with `PACE_CACHE_DIR` set (unless it already is) and `extra` on top.
    private static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PACE_CACHE_DIR"] = environment["PACE_CACHE_DIR"] ?? NSTemporaryDirectory() + "pace-test-cache"
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// A fresh directory for one test.
    static func scratch(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "pace-e2e-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) {
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}

final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ newValue: Value) { lock.lock(); value = newValue; lock.unlock() }
}

extension JSONValue {
    /// `summary["metrics"]["pass@1"]` style access by path.
    func at(_ path: String...) -> JSONValue? {
        var current: JSONValue? = self
        for key in path { current = current?[key] }
        return current
    }
}
