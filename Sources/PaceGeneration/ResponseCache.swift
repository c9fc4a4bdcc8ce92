// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Every response received, on disk before it is used: an append-only JSONL file per endpoint and model.
///
/// A record is written and `fdatasync`ed before ``store(_:for:)`` returns, so a response a run has seen survives a
/// crash or Ctrl-C. Writes from concurrent requests are batched into one write and one sync (group commit) on a
/// private serial queue, keeping the cooperative threads free. Opening the file reads every complete record;
/// lines that do not parse (a write cut short by a crash) are skipped, and the next record starts on a new line.
public final class ResponseCache: Sendable {
    /// The JSONL file.
    public let path: String
    private let descriptor: Int32
    private let entries: Mutex<[String: CompletionResponse]>
    private let pending = Mutex<Pending>(Pending())
    private let queue = DispatchQueue(label: "pace.response-cache")
    /// Lines in the file that could not be read when it was opened.
    public let skippedLines: Int

    private struct Pending {
        var lines: [UInt8] = []
        var waiters: [CheckedContinuation<Void, any Error>] = []
        var flushScheduled = false
    }

    /// Opens (creating if needed) the cache of `endpoint` and `model` in `directory`.
    ///
    /// - Throws: ``GenerationError`` `cacheUnwritable` when the directory or file cannot be created or opened.
    public convenience init(directory: String, endpoint: Endpoint, model: String) throws(GenerationError) {
        let slug = String(model.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }.prefix(60))
        let name = "\(slug)-\(FileReading.sha256(text: "\(endpoint.completionsURL)\n\(model)").prefix(16)).jsonl"
        try self.init(path: directory + "/" + name)
    }

    /// Opens (creating if needed) the cache file at `path`.
    public init(path: String) throws(GenerationError) {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GenerationError(
                .cacheUnwritable,
                "cannot create the response cache directory \(directory)",
                underlyingError: "\(error)"
            )
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw GenerationError(
                .cacheUnwritable,
                "cannot open the response cache \(path): \(String(cString: strerror(errno)))"
            )
        }
        self.descriptor = descriptor
        let (loaded, skipped, endsMidLine) = ResponseCache.load(path)
        entries = Mutex(loaded)
        skippedLines = skipped
        if endsMidLine { _ = "\n".withCString { write(descriptor, $0, 1) } }
    }

    deinit {
        close(descriptor)
    }

    /// Number of responses cached.
    public var count: Int { entries.withLock { $0.count } }

    /// The cached response for `key`, if any.
    public func response(for key: String) -> CompletionResponse? {
        entries.withLock { $0[key] }
    }

    /// Appends `response` under `plan.key` and returns once it is on disk.
    ///
    /// - Throws: ``GenerationError`` `cacheUnwritable` when the write or the sync fails.
    public func store(_ response: CompletionResponse, for plan: RequestPlan) async throws(GenerationError) {
        let record = JSONValue.object(
            [
                ("key", .string(plan.key)),
                ("task_id", .string(plan.task.id)),
                ("sample_index", .number("\(plan.sampleIndex)")),
                ("stored_at", .string(Date().ISO8601Format())),
            ] + response.cacheMembers
        )
        let line = Array((record.jsonText + "\n").utf8)
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let schedule = pending.withLock { state -> Bool in
                    state.lines += line
                    state.waiters.append(continuation)
                    defer { state.flushScheduled = true }
                    return !state.flushScheduled
                }
                if schedule { queue.async { self.flush() } }
            }
        } catch {
            throw (error as? GenerationError) ?? GenerationError(.cacheUnwritable, "\(error)")
        }
        entries.withLock { $0[plan.key] = response }
    }

    /// Writes every pending line with one write and one sync, then wakes their writers.
    private func flush() {
        let (lines, waiters) = pending.withLock { state in
            defer {
                state.lines = []
                state.waiters = []
                state.flushScheduled = false
            }
            return (state.lines, state.waiters)
        }
        var failure: GenerationError?
        var offset = 0
        while offset < lines.count && failure == nil {
            let written = lines.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(descriptor, base + offset, buffer.count - offset)
            }
            if written < 0 && errno != EINTR {
                failure = GenerationError(
                    .cacheUnwritable,
                    "cannot write to \(path): \(String(cString: strerror(errno)))"
                )
            } else if written > 0 {
                offset += written
            }
        }
        if failure == nil && fdatasync(descriptor) != 0 {
            failure = GenerationError(
                .cacheUnwritable,
                "cannot sync \(path) to disk: \(String(cString: strerror(errno)))"
            )
        }
        for waiter in waiters {
            if let failure { waiter.resume(throwing: failure) } else { waiter.resume() }
        }
    }

    /// Reads every complete record of the file; later records win.
    private static func load(_ path: String) -> (entries: [String: CompletionResponse], skipped: Int, endsMidLine: Bool)
    {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return ([:], 0, false) }
        var entries: [String: CompletionResponse] = [:]
        var skipped = 0
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                if end > start {
                    let line = Array(bytes[start..<end])
                    if let record = try? JSONParser.parse(bytes: line), let key = record["key"]?.stringValue,
                        let response = CompletionResponse(cacheRecord: record)
                    {
                        entries[key] = response
                    } else {
                        skipped += 1
                    }
                }
                start = end + 1
            }
        }
        return (entries, skipped, data.last != 0x0A)
    }
}
