// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import Testing

/// Fuzzing the dataset and sample readers: every damaged input must end in a parse or in a ``DatasetError`` that
/// names the file and, for JSONL and CSV, the line. Never a crash, a hang or a vague message.
///
/// The random part runs each reader for `PACE_FUZZ_SECONDS` (default 2) from a fixed seed; the fixed part covers
/// each kind of damage once by hand and keeps the inputs that broke a reader as regressions.
@Suite("Reader fuzzing", .serialized)
struct ReaderFuzzTests {
    @Test("random damage ends in a parse or a clear error", arguments: FuzzTarget.Kind.allCases)
    func fuzz(_ kind: FuzzTarget.Kind) throws {
        if let only = FuzzSettings.onlyReader, only != kind.rawValue { return }
        let target = try #require(FuzzTarget.all[kind])
        try #require(target.seeds.allSatisfy { !$0.bytes.isEmpty }, "a seed file is missing (../shared/data?)")
        var tally = FuzzTally()
        let numbers = FuzzSettings.onlyCase.map { $0...$0 } ?? 0...Int.max
        for number in numbers {
            if FuzzSettings.onlyCase == nil && tally.elapsed >= FuzzSettings.seconds { break }
            let (mutation, file, bytes) = target.makeCase(number)
            let started = ContinuousClock.now
            let (path, outcome) = target.run(file: file, content: bytes)
            tally.add(outcome, took: ContinuousClock.now - started, case: "\(number) (\(mutation.rawValue))")
            guard let problem = problem(with: outcome, path: path, lineBased: target.lineBased) else { continue }
            let kept = path + ".case\(number)"
            try? FileManager.default.copyItem(atPath: path, toPath: kept)
            Issue.record("""
                \(kind.rawValue) case \(number) (\(mutation.rawValue)): \(problem)
                reproduce: PACE_FUZZ_SEED=\(String(FuzzSettings.seed, radix: 16)) PACE_FUZZ_CASE=\(number)
                input kept at \(kept)
                """)
            tally.failures += 1
            if tally.failures >= 5 || outcome == nil { break }
        }
        print("reader fuzz \(kind.rawValue): \(tally) (seed \(String(FuzzSettings.seed, radix: 16)))")
        if FuzzSettings.onlyCase == nil {
            #expect(tally.cases >= target.mutations.count, "not every kind of damage ran once")
            #expect(tally.parsed > 0 && tally.rejected > 0, "the damage should sometimes be harmless, usually not")
        }
    }

    @Test("fixed damage ends in the expected parse or error", arguments: FixedCase.all)
    func fixed(_ fixed: FixedCase) throws {
        let target = try #require(FuzzTarget.all[fixed.target])
        let (path, outcome) = target.run(file: fixed.file ?? target.seeds[0].file, content: fixed.content?())
        if let problem = problem(with: outcome, path: path, lineBased: target.lineBased) {
            Issue.record(Comment(rawValue: problem))
        }
        switch (fixed.expect, outcome) {
        case (.parses(let expected), .success(let found)?):
            #expect(found == expected)
        case (.fails(let line, let saying), .failure(let error as DatasetError)?):
            #expect(error.message.contains(saying), "\(error)")
            if let line { #expect(error.line == line, "\(error)") }
        default:
            Issue.record("expected \(fixed.expect), got \(outcome.map { "\($0)" } ?? "a hang")")
        }
    }

    @Test("the gzip writer the fuzzer uses round-trips through the reader")
    func gzipWriter() throws {
        let text = FuzzSeeds.miniLines(3)
        let spaces = [UInt8](repeating: 0x20, count: 70_000)  // more than one stored block holds
        let path = temporaryFile("roundtrip.jsonl.gz", Gzip.member(text) + Gzip.member([]) + Gzip.member(spaces))
        #expect(try FileReading.bytes(of: path) == text + spaces)
    }

    @Test("JSON: a high surrogate before a non-low escape keeps the escape; nesting stops at the limit")
    func jsonParserEdges() throws {
        #expect(try JSONParser.parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONParser.parse(#""\ud83d\ude00\udc00""#) == .string("😀\u{FFFD}"))
        let limit = JSONParser.maximumDepth
        let deep: @Sendable (Int) -> String = { String(repeating: "[", count: $0) + String(repeating: "]", count: $0) }
        let atLimit = runBounded { (try JSONParser.parse(deep(limit))).jsonText.count }
        #expect(try atLimit?.get() == 2 * limit)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep(limit + 1)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
    }
}

// MARK: - Tally

/// What a fuzz run saw.
struct FuzzTally: CustomStringConvertible {
    var cases = 0
    var parsed = 0
    var rejected = 0
    var failures = 0
    var slowest = Duration.zero
    var slowestCase = ""
    private let start = ContinuousClock.now

    var elapsed: Double { (ContinuousClock.now - start) / .seconds(1) }

    mutating func add(_ outcome: Result<Int, any Error>?, took duration: Duration, case name: String) {
        cases += 1
        if duration > slowest { (slowest, slowestCase) = (duration, name) }
        switch outcome {
        case .success?: parsed += 1
        case .failure?: rejected += 1
        case nil: break
        }
    }

    var description: String {
        let slow = String(format: "%.0f ms", slowest / .milliseconds(1))
        let counts = "\(cases) cases (\(parsed) parsed, \(rejected) rejected)"
        return counts + " in \(String(format: "%.1f", elapsed)) s; slowest: case \(slowestCase), \(slow)"
    }
}
