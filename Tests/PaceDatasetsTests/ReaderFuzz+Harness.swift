// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets

// MARK: - Settings

/// How long and from where to fuzz. `PACE_FUZZ_SECONDS` is the budget per reader (default 2),
/// `PACE_FUZZ_SEED` the base seed (hex), `PACE_FUZZ_CASE` runs one case number only, to reproduce a failure, and
/// `PACE_FUZZ_READER` (for example `samples`) fuzzes one reader only.
enum FuzzSettings {
    private static let environment = ProcessInfo.processInfo.environment
    static let seconds = Double(environment["PACE_FUZZ_SECONDS"] ?? "") ?? 2
    static let seed = UInt64((environment["PACE_FUZZ_SEED"] ?? "").replacingOccurrences(of: "0x", with: ""), radix: 16)
        ?? 0x9ACE_F022
    static let onlyCase = Int(environment["PACE_FUZZ_CASE"] ?? "")
    static let onlyReader = environment["PACE_FUZZ_READER"]
    /// A case that runs longer than this is reported as a hang. Generous: debug builds on a busy 2-core machine.
    static let caseLimit: Double = 20
    static let root = NSTemporaryDirectory() + "pace-fuzz-\(ProcessInfo.processInfo.processIdentifier)"

    /// The seed of case `number`: independent streams for neighbouring numbers.
    static func caseSeed(_ number: Int, target: FuzzTarget.Kind) -> UInt64 {
        var mixer = SeededRandom(seed: seed ^ UInt64(number) &* 0xD1B5_4A32_D192_ED03 ^ UInt64(target.hashSalt) << 56)
        return mixer.next()
    }
}

// MARK: - Targets

/// A reader under fuzzing: good inputs to start from, the damage that applies, and how it is called.
struct FuzzTarget: Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case humanEval, humanEvalPlusGzip, enamelCSV, paceDirectory, samples

        /// A stable number per kind (String.hashValue changes from run to run).
        var hashSalt: Int { Kind.allCases.firstIndex(of: self) ?? 0 }
    }

    /// A good file, relative to the target's directory.
    struct Seed: Sendable {
        var file: String
        var bytes: [UInt8]
    }

    var kind: Kind
    var seeds: [Seed]
    var mutations: [Mutation]
    /// The real deflated file, for the gzip kinds; nil when the target reads plain text.
    var compressed: [UInt8]? = nil
    /// Whether a fault on a line must be reported with its line number (JSONL, CSV).
    var lineBased = true
    /// A directory copied into the target's directory before the first case (the rest of a task directory).
    var template: String? = nil
    /// Reads `input` (a file, or the target's directory) and returns how many tasks or samples it found.
    var read: @Sendable (_ input: String) throws -> Int
    /// Whether `read` takes the target's directory rather than the damaged file.
    var readsDirectory = false

    var directory: String { FuzzSettings.root + "/" + kind.rawValue }
}

extension FuzzTarget {
    /// Case `number`: which kind of damage, which file and its bytes. Depends only on the seed and the number.
    func makeCase(_ number: Int) -> (mutation: Mutation, file: String, bytes: [UInt8]) {
        var random = SeededRandom(seed: FuzzSettings.caseSeed(number, target: kind))
        let mutation = mutations[number % mutations.count]
        let seed = seeds[random.index(below: seeds.count)]
        guard let compressed else { return (mutation, seed.file, mutation.apply(to: seed.bytes, using: &random)) }
        return (mutation, seed.file, mutation.applyToGzip(plain: seed.bytes, compressed: compressed, using: &random))
    }

    /// Writes the good seeds, then `content` at `file` (nil: a directory in its place), and reads.
    ///
    /// - Returns: The damaged file's full path and the outcome, nil if the reader did not finish in time.
    func run(file: String, content: [UInt8]?) -> (path: String, outcome: Result<Int, any Error>?) {
        let manager = FileManager.default
        try? manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let template, !manager.fileExists(atPath: directory + "/t") {
            try? manager.copyItem(atPath: template, toPath: directory + "/t")
        }
        for seed in seeds {
            try? manager.removeItem(atPath: directory + "/" + seed.file)
            _ = manager.createFile(atPath: directory + "/" + seed.file, contents: Data(seed.bytes))
        }
        let path = directory + "/" + file
        try? manager.removeItem(atPath: path)
        defer { if !seeds.contains(where: { $0.file == file }) { try? manager.removeItem(atPath: path) } }
        if let content {
            _ = manager.createFile(atPath: path, contents: Data(content))
        } else {
            try? manager.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        let input = readsDirectory ? directory : path
        let read = self.read
        return (path, runBounded { try read(input) })
    }
}

// MARK: - Running and judging one case

/// Runs `body` on a thread with a 512 KiB stack (the default for secondary threads on Darwin, where readers may
/// run) and waits at most ``FuzzSettings/caseLimit``. Returns nil when it did not finish; the thread is left running.
func runBounded(_ body: @escaping @Sendable () throws -> Int) -> Result<Int, any Error>? {
    final class Box: @unchecked Sendable { var outcome: Result<Int, any Error>? }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.outcome = Result { try body() }
        done.signal()
    }
    thread.stackSize = 512 << 10
    thread.start()
    guard done.wait(timeout: .now() + FuzzSettings.caseLimit) == .success else { return nil }
    return box.outcome
}

/// Messages about the whole file rather than one line; only these may come without a line number.
let wholeFileMessages = [
    "the gzip data", "has no records", "has no samples", "has no rows", "the file is empty", "UTF-16 or UTF-32",
    "is a directory", "no task directories", "ENAMEL sample keys", "ENAMEL's JSON", "problem ",
]

/// What is wrong with a case's outcome, or nil when it is a parse or a clear ``DatasetError``: one that names
/// `path`, says something readable and, for a line-based format, gives a line within the file.
func problem(with outcome: Result<Int, any Error>?, path: String, lineBased: Bool) -> String? {
    guard let outcome else { return "no outcome within \(Int(FuzzSettings.caseLimit)) s: a hang" }
    guard case .failure(let thrown) = outcome else { return nil }
    guard let error = thrown as? DatasetError else { return "threw \(type(of: thrown)), not DatasetError: \(thrown)" }
    guard error.path == path, error.description.hasPrefix(path) else {
        return "the error names the wrong file: \(error)"
    }
    let vague = ["Optional(", "Error(", "CSVError", "Foundation."]
    if error.message.count < 10 || vague.contains(where: error.message.contains) { return "a vague message: \(error)" }
    let lineLess = error.code == .malformed || error.code == .unknownFormat
    if lineBased, lineLess, error.line == nil, !wholeFileMessages.contains(where: error.message.contains) {
        return "no line number: \(error)"
    }
    if let line = error.line, line < 1 || line > lineCount(path) { return "line \(line) is outside the file: \(error)" }
    return nil
}

/// Lines in the file's text (gunzipped), counting a last line without a newline.
private func lineCount(_ path: String) -> Int {
    guard let bytes = try? FileReading.bytes(of: path) else { return Int.max }
    // With memchr: a generic count takes seconds for 20 MiB in a debug build.
    return bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return 1 }
        var lines = 1
        var offset = 0
        while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
            lines += 1
            offset = base.distance(to: found) + 1
        }
        return lines
    }
}
