// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PaceCore
import PaceSandbox

/// `results.jsonl`: one line per finished sample, appended and flushed as each finishes.
///
/// Opening an existing file reads the results already there (for resume); a last line cut short by a crash is
/// dropped and the file truncated to the last complete line.
public final class ResultsStore: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32
    private let lock = NSLock()
    private var lastSync = monotonicSeconds()
    /// Results found in the file when it was opened, by sample key.
    public private(set) var existing: [String: SampleResult] = [:]
    /// Whether a partial last line was dropped on open.
    public private(set) var droppedPartialLine = false

    public init(path: String) throws(EvaluationError) {
        self.path = path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw EvaluationError(.outputUnwritable, "cannot open \(path) for writing: \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        try load()
    }

    deinit {
        fsync(descriptor)
        close(descriptor)
    }

    private func load() throws(EvaluationError) {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return }
        let bytes = [UInt8](data)
        var goodEnd = 0
        var start = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { break }
            let line = Array(bytes[start..<newline])
            if let value = try? JSONParser.parse(bytes: line), let result = SampleResult(json: value) {
                existing[result.key] = result
                goodEnd = newline + 1
            } else if !line.allSatisfy({ $0 == 0x20 }) {
                // A corrupt line in the middle: keep everything before it, re-run the rest.
                break
            }
            start = newline + 1
        }
        if goodEnd < bytes.count {
            droppedPartialLine = true
            guard ftruncate(descriptor, off_t(goodEnd)) == 0 else {
                throw EvaluationError(.outputUnwritable, "cannot truncate \(path) to drop a partial line")
            }
        }
        lseek(descriptor, 0, SEEK_END)
    }

    /// Appends one result line and flushes it to the kernel; syncs to disk at most once a second.
    public func append(_ result: SampleResult) throws(EvaluationError) {
        let bytes = Array((result.json.jsonText + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw EvaluationError(.outputUnwritable, "cannot write to \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        let now = monotonicSeconds()
        if now - lastSync > 1 {
            fdatasync(descriptor)
            lastSync = now
        }
    }

    /// Forces everything written so far to disk.
    public func sync() {
        lock.lock()
        fsync(descriptor)
        lock.unlock()
    }
}

func monotonicSeconds() -> Double { Double(monotonicNanoseconds()) / 1e9 }
