// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import Testing

/// A hand-made damaged input for one reader, and what reading it must give.
struct FixedCase: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable {
        /// Reads, finding this many tasks or samples.
        case parses(Int)
        /// Throws a ``DatasetError`` on a line (nil: the line is not checked) with a message containing the text.
        case fails(Int?, String)
    }

    var name: String
    var target: FuzzTarget.Kind
    /// The file written, relative to the target's directory; nil for the target's first seed file.
    var file: String?
    /// The file's content; nil puts a directory in its place.
    var content: (@Sendable () -> [UInt8])?
    var expect: Expectation

    init(
        _ name: String,
        _ target: FuzzTarget.Kind,
        file: String? = nil,
        _ content: (@Sendable () -> [UInt8])?,
        _ expect: Expectation
    ) {
        self.name = name
        self.target = target
        self.file = file
        self.content = content
        self.expect = expect
    }

    var testDescription: String { "\(target.rawValue): \(name)" }

    static let all = jsonl + wrongTypes + gzip + csv + pace + samples
}

// MARK: - Building inputs

/// `text` with the first `marker` replaced by `replacement` bytes.
private func edit(_ text: String, _ marker: String, _ replacement: [UInt8]) -> [UInt8] {
    let bytes = Array(text.utf8)
    guard let range = bytes.firstRange(of: Array(marker.utf8)) else { return bytes }
    return Array(bytes[..<range.lowerBound]) + replacement + Array(bytes[range.upperBound...])
}

private func edit(_ text: String, _ marker: String, _ replacement: String) -> [UInt8] {
    edit(text, marker, Array(replacement.utf8))
}

/// `text` cut one byte into the first `marker` (inside it, when it is a multi-byte character).
private func cut(_ text: String, inside marker: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    return Array(bytes[..<((bytes.firstRange(of: Array(marker.utf8))?.lowerBound ?? 0) + 1)])
}

private func crlf(_ bytes: [UInt8]) -> [UInt8] { Mutation.crlf.apply(to: bytes, using: &unusedRandom) }
private func utf16(_ text: String) -> [UInt8] { Mutation.utf16.apply(to: Array(text.utf8), using: &unusedRandom) }
private nonisolated(unsafe) var unusedRandom = SeededRandom(seed: 0)

/// A HumanEval record for task `T/9` with `field` set to the JSON text `value`, or left out when `value` is nil.
private func humanEvalRecord(setting field: String, to value: String?) -> String {
    let fields = [
        ("task_id", #""T/9""#), ("prompt", #""def g(s):\n""#), ("canonical_solution", #""    return s\n""#),
        ("test", #""def check(c): pass\n""#), ("entry_point", #""g""#),
    ]
    let members = fields.compactMap { name, json in
        name == field ? value.map { "\"\(name)\": \($0)" } : "\"\(name)\": \(json)"
    }
    return "{" + members.joined(separator: ", ") + "}"
}

/// The first HumanEval+ record of the Mini file with `field` set to the JSON text `value`.
private func miniRecord(setting field: String, to value: String) -> [UInt8] {
    guard case .object(var members)? = try? JSONParser.parse(bytes: FuzzSeeds.miniLines(1)),
        let replacement = try? JSONParser.parse(value)
    else { return [] }
    members.removeAll { $0.0 == field }
    members.append((field, replacement))
    return Array(JSONValue.object(members).jsonText.utf8)
}

/// `opener` 100,000 times: nesting far past the parser's limit.
private func deep(_ opener: String) -> String { String(repeating: opener, count: 100_000) }

/// A HumanEval record on one line of `count` bytes or a little more, most of them in its prompt.
private func hugeRecord(_ count: Int) -> [UInt8] {
    Array(#"{"task_id": "big", "prompt": ""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: count)
        + Array(#"", "canonical_solution": "", "test": "", "entry_point": "f"}"#.utf8)
}

// MARK: - JSONL (Dataset.load: format detection, then the HumanEval reader)

extension FixedCase {
    private static let he = FuzzSeeds.humanEval
    private static let lines = he.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

    static let jsonl: [FixedCase] = [
        FixedCase("truncated inside a UTF-8 character", .humanEval, { cut(he, inside: "é") },
            .fails(4, "unterminated string")),
        FixedCase("a flipped byte", .humanEval, { edit(he, #""T/1", "prompt":"#, #""T/1", "prompt";"#) },
            .fails(2, "not valid JSON")),
        FixedCase("binary garbage", .humanEval, { (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 0x80) } },
            .fails(1, "cannot tell the format")),
        FixedCase("a NUL inside a string", .humanEval, { edit(he, "def g(s)", "def g\0(s)") },
            .fails(2, "control character byte 0x0")),
        FixedCase("a NUL between records", .humanEval, { edit(he, "\n\n", "\n\0\n") }, .fails(3, "found byte 0x0")),
        FixedCase("a 20 MiB line, then a bad line", .humanEval,
            { Array((lines[0] + "\n").utf8) + hugeRecord(20 << 20) + Array("\n{oops}\n".utf8) },
            .fails(3, "not valid JSON")),
        FixedCase("100,000 '[' as a line", .humanEval,
            { edit(he, "\n\n", "\n" + deep("[") + "\n") },
            .fails(3, "nesting deeper than 512")),
        FixedCase("100,000-deep objects in a field", .humanEval,
            { edit(he, #""test": "def check(c):\n    assert c('ab')"#, #""test": "# + deep(#"{"a":"#)) },
            .fails(2, "nesting deeper than 512")),
        FixedCase("Latin-1 é in a string", .humanEval, { edit(he, "def g(s)", [0x64, 0x65, 0x66, 0xE9]) },
            .fails(2, "invalid UTF-8 inside a string")),
        FixedCase("invalid UTF-8 between records", .humanEval, { edit(he, "\n\n", [0x0A, 0xC0, 0x80, 0x0A]) },
            .fails(3, "found byte 0xc0")),
        FixedCase("UTF-16 with a byte-order mark", .humanEval, { utf16(he) }, .fails(nil, "UTF-16")),
        FixedCase("a UTF-8 byte-order mark is skipped", .humanEval, { [0xEF, 0xBB, 0xBF] + Array(he.utf8) },
            .parses(3)),
        FixedCase("lone surrogate escapes", .humanEval, { edit(he, "Gibt", #"\ud800 \udc00 \ud800\u0041 \udbff"#) },
            .parses(3)),
        FixedCase("CRLF line ends", .humanEval, { crlf(Array(he.utf8)) }, .parses(3)),
        FixedCase("CRLF with a broken line 4", .humanEval,
            { crlf(edit(he, #""task_id": "T/2""#, #""task_id" "T/2""#)) },
            .fails(4, "not valid JSON")),
        FixedCase("a first line that is not JSON says why", .humanEval,
            { edit(he, #""task_id": "T/0""#, #""task_id": T/0"#) },
            .fails(1, "not valid JSON")),
        FixedCase("an empty file", .humanEval, { [] }, .fails(nil, "is empty")),
        FixedCase("only blank lines", .humanEval, { Array("\n \n\t\r\n".utf8) }, .fails(nil, "is empty")),
        FixedCase("a directory without tasks", .humanEval, nil, .fails(nil, "no task directories")),
    ]

    private static let fields = ["task_id", "prompt", "canonical_solution", "test", "entry_point"]

    /// Every HumanEval field as a number, null, array, object and boolean, and missing, on line 2.
    static let wrongTypes: [FixedCase] = fields.flatMap { field in
        let kinds = [
            ("12", "a number"), ("null", "null"), (#"["x"]"#, "an array"), ("{}", "an object"), ("true", "a boolean"),
        ]
        let typed = kinds.map { json, kind in
            FixedCase("'\(field)' is \(kind)", .humanEval,
                { Array((lines[0] + "\n" + humanEvalRecord(setting: field, to: json)).utf8) },
                .fails(2, "field '\(field)' should be a string, found \(kind)"))
        }
        return typed + [
            FixedCase("'\(field)' is missing", .humanEval,
                { Array((lines[0] + "\n" + humanEvalRecord(setting: field, to: nil)).utf8) },
                .fails(2, "missing field '\(field)'")),
        ]
    }
}

// MARK: - Gzip (HumanEval+ from .jsonl.gz)

extension FixedCase {
    private static func mini() -> [UInt8] { FuzzSeeds.file(FuzzSeeds.miniPath) }
    private static func flipped(_ bytes: [UInt8], at offset: Int) -> [UInt8] {
        var bytes = bytes
        bytes[offset] ^= 0x5A
        return bytes
    }

    static let gzip: [FixedCase] = [
        FixedCase("cut inside the deflate stream", .humanEvalPlusGzip, { Array(mini().prefix(mini().count / 2)) },
            .fails(nil, "gzip data is corrupt")),
        FixedCase("cut inside the header", .humanEvalPlusGzip, { Array(mini().prefix(5)) },
            .fails(nil, "gzip data is corrupt")),
        FixedCase("cut inside the trailer", .humanEvalPlusGzip, { Array(mini().dropLast(1)) },
            .fails(nil, "gzip data is corrupt")),
        FixedCase("only the magic number", .humanEvalPlusGzip, { [0x1F, 0x8B] }, .fails(nil, "gzip data is corrupt")),
        FixedCase("a corrupted CRC", .humanEvalPlusGzip, { flipped(mini(), at: mini().count - 6) },
            .fails(nil, "gzip data is corrupt")),
        FixedCase("a corrupted length", .humanEvalPlusGzip, { flipped(mini(), at: mini().count - 1) },
            .fails(nil, "gzip data is corrupt")),
        FixedCase("a flipped byte in the deflate stream", .humanEvalPlusGzip, { flipped(mini(), at: 1000) },
            .fails(nil, "gzip data is corrupt")),
        FixedCase("two members split between lines", .humanEvalPlusGzip, {
            let lines = FuzzSeeds.miniLines(3).split(separator: 0x0A, omittingEmptySubsequences: false)
            return Gzip.member(Array(lines[0]) + [0x0A]) + Gzip.member(Array(lines[1...].joined(separator: [0x0A])))
        }, .parses(3)),
        FixedCase("two members split mid-record", .humanEvalPlusGzip, {
            let text = FuzzSeeds.miniLines(3)
            return Gzip.member(Array(text[..<1001])) + Gzip.member(Array(text[1001...]))
        }, .parses(3)),
        FixedCase("the whole file twice: lines count on across members", .humanEvalPlusGzip, { mini() + mini() },
            .fails(165, "already appeared on line 1")),
        FixedCase("a member holding garbage", .humanEvalPlusGzip,
            { Gzip.member((0..<2048).map { UInt8(truncatingIfNeeded: 0x80 + $0 % 0x80) }) },
            .fails(1, "not valid JSON")),
        FixedCase("garbage after a valid member", .humanEvalPlusGzip, { mini() + [0x00, 0x01, 0x02, 0x03, 0xFF] },
            .fails(nil, "gzip data is corrupt")),
        FixedCase("a broken line inside the gzip", .humanEvalPlusGzip,
            { Gzip.member(FuzzSeeds.miniLines(1) + Array("{\"task_id\": }\n".utf8)) },
            .fails(2, "not valid JSON")),
        FixedCase("base_input is an object", .humanEvalPlusGzip,
            { Gzip.member(miniRecord(setting: "base_input", to: "{}")) },
            .fails(1, "'base_input' should be a list of argument lists, found an object")),
        FixedCase("plus_input holds a number", .humanEvalPlusGzip,
            { Gzip.member(miniRecord(setting: "plus_input", to: "[[1], 2]")) },
            .fails(1, "plus_input[1] should be a list of arguments, found a number")),
        FixedCase("base_input is a string that is not JSON", .humanEvalPlusGzip,
            { Gzip.member(miniRecord(setting: "base_input", to: #""[[1]""#)) },
            .fails(1, "is a string that is not JSON")),
        FixedCase("atol is a list", .humanEvalPlusGzip, { Gzip.member(miniRecord(setting: "atol", to: "[0]")) },
            .fails(1, "'atol' should be a number, found an array")),
        FixedCase("atol as text is read", .humanEvalPlusGzip,
            { Gzip.member(miniRecord(setting: "atol", to: #""1e-6""#)) },
            .parses(1)),
    ]
}

// MARK: - ENAMEL CSV

extension FixedCase {
    private static let csv0 = FuzzSeeds.enamel

    static let csv: [FixedCase] = [
        FixedCase("a stray quote splits a row", .enamelCSV, { edit(csv0, "T/1,def g(s):,", "T/1,\"def g(s):,") },
            .fails(5, "expected 7 fields, found 6")),
        FixedCase("a quote never closed in the last field", .enamelCSV, { edit(csv0, ",g\n", ",\"g\n") },
            .fails(7, "never closed")),
        FixedCase("an opening quote missing in the first row", .enamelCSV,
            { edit(csv0, "T/0,\"def f(x):", "T/0,def f(x):") },
            .fails(2, "expected 7 fields, found 2")),
        FixedCase("an extra column", .enamelCSV, { edit(csv0, "T/1,def g(s):,", "T/1,def g(s),:,") },
            .fails(5, "expected 7 fields, found 8")),
        FixedCase("a missing column", .enamelCSV, { edit(csv0, "1 2,", "1 2") },
            .fails(5, "expected 7 fields, found 6")),
        FixedCase("a NUL in a field", .enamelCSV, { edit(csv0, "def g(s)", "def g\0(s)") }, .fails(5, "NUL")),
        FixedCase("invalid UTF-8 in a row", .enamelCSV, { edit(csv0, "def g(s)", [0x64, 0xFF]) },
            .fails(5, "not valid UTF-8")),
        FixedCase("Latin-1 é inside a quoted field", .enamelCSV, { edit(csv0, "é", [0xE9]) },
            .fails(3, "not valid UTF-8")),
        FixedCase("UTF-16 with a byte-order mark", .enamelCSV, { utf16(csv0) }, .fails(nil, "UTF-16")),
        FixedCase("a UTF-8 byte-order mark is skipped", .enamelCSV, { [0xEF, 0xBB, 0xBF] + Array(csv0.utf8) },
            .parses(2)),
        FixedCase("CRLF line ends", .enamelCSV, { crlf(Array(csv0.utf8)) }, .parses(2)),
        FixedCase("CRLF with bad input_levels on the second row", .enamelCSV,
            { crlf(edit(csv0, ",1 2,", ",one two,")) },
            .fails(5, "input_levels")),
        FixedCase("an empty entry_point", .enamelCSV, { edit(csv0, "a == b\",g", "a == b\",") },
            .fails(5, "'entry_point' is empty")),
        FixedCase("a column named twice", .enamelCSV, { edit(csv0, ",entry_point", ",entry_point,prompt") },
            .fails(1, "'prompt' twice")),
        FixedCase("a missing column in the header", .enamelCSV, { edit(csv0, "checker,", "") }, .fails(1, "checker")),
        FixedCase("an empty file", .enamelCSV, { [] }, .fails(nil, "is empty")),
        FixedCase("only the header", .enamelCSV, { Array(csv0.split(separator: "\n")[0].utf8) + [0x0A] },
            .fails(nil, "has no rows")),
        FixedCase("a 1 MiB line", .enamelCSV,
            { edit(csv0, "def g(s):", "def g(s): #" + String(repeating: "y", count: 1 << 20)) },
            .parses(2)),
        FixedCase("binary garbage", .enamelCSV, { (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131) } },
            .fails(1, "a NUL byte")),
        FixedCase("a directory", .enamelCSV, nil, .fails(nil, "is a directory")),
    ]
}

// MARK: - Pace task directories

extension FixedCase {
    private static let task = String(decoding: FuzzSeeds.file(FuzzSeeds.pacePath + "/task.json"), as: UTF8.self)
    private static let tests = String(decoding: FuzzSeeds.file(FuzzSeeds.pacePath + "/tests.json"), as: UTF8.self)
    /// The task plus its three example solutions.
    private static let good = 4

    static let pace: [FixedCase] = [
        FixedCase("the seed reads", .paceDirectory, { Array(task.utf8) }, .parses(good)),
        FixedCase("task.json truncated", .paceDirectory, { Array(task.utf8.prefix(40)) }, .fails(1, "not valid JSON")),
        FixedCase("task.json is a directory", .paceDirectory, nil, .fails(nil, "is a directory")),
        FixedCase("task.json is empty", .paceDirectory, { [] }, .fails(nil, "is empty")),
        FixedCase("task.json in UTF-16", .paceDirectory, { utf16(task) }, .fails(nil, "UTF-16")),
        FixedCase("task.json with CRLF", .paceDirectory, { crlf(Array(task.utf8)) }, .parses(good)),
        FixedCase("task_id is a number", .paceDirectory, { edit(task, #""pace/count_primes""#, "7") },
            .fails(nil, "'task_id' should be a string, found a number")),
        FixedCase("input_levels is a string", .paceDirectory, { edit(task, "[30, 30000, 100000, 300000]", #""30""#) },
            .fails(nil, "'input_levels' should be a list of integers")),
        FixedCase("input_levels holds a string", .paceDirectory, { edit(task, "[30, 30000", #"[30, "30000""#) },
            .fails(nil, "'input_levels' should be a list of integers")),
        FixedCase("atol is a string", .paceDirectory,
            { edit(task, #""input_levels""#, #""atol": "small", "input_levels""#) },
            .fails(nil, "'atol' should be a number")),
        FixedCase("n_tests holds null", .paceDirectory,
            { edit(task, #""input_levels""#, #""n_tests": [1, null], "input_levels""#) },
            .fails(nil, "'n_tests' should be a list of integers")),
        FixedCase("hardness is an object", .paceDirectory,
            { edit(task, #""input_levels""#, #""hardness": {}, "input_levels""#) },
            .fails(nil, "'hardness' should be a list of numbers")),
        FixedCase("tests.json 100,000 deep", .paceDirectory, file: "t/tests.json",
            { Array(deep("[").utf8) },
            .fails(1, "nesting deeper than 512")),
        FixedCase("tests.json is an object", .paceDirectory, file: "t/tests.json", { Array(#"{"input": [1]}"#.utf8) },
            .fails(nil, "expected a list")),
        FixedCase("a test without an input list", .paceDirectory, file: "t/tests.json",
            { edit(tests, #"{"input": [1]"#, #"{"input": 1"#) },
            .fails(nil, "test 1 needs an 'input' list")),
        FixedCase("Latin-1 in tests.json", .paceDirectory, file: "t/tests.json",
            { edit(tests, #""output": 4"#, [0x22, 0xE9, 0x22, 0x3A, 0x34]) },
            .fails(6, "not valid JSON")),
        FixedCase("checker.py is not UTF-8", .paceDirectory, file: "t/checker.py",
            { [0x64, 0x65, 0x66, 0x0A, 0xE9, 0x0A] },
            .fails(2, "not valid UTF-8")),
        FixedCase("slow.py holds a NUL", .paceDirectory, file: "t/slow.py",
            { Array("def count_primes(n):\n    return\0 0\n".utf8) },
            .fails(2, "NUL")),
    ]
}

// MARK: - Samples (JSONL and ENAMEL's JSON)

extension FixedCase {
    private static let s0 = FuzzSeeds.samples

    static let samples: [FixedCase] = [
        FixedCase("the seeds read", .samples, { Array(s0.utf8) }, .parses(3)),
        FixedCase("solution is a number", .samples,
            { edit(s0, #""solution": "def f"#, #""solution": 12, "x": "def f"#) },
            .fails(2, "'solution' should be a string, found a number")),
        FixedCase("solution is an array", .samples,
            { edit(s0, #""solution": "def f"#, #""solution": [], "x": "def f"#) },
            .fails(2, "found an array")),
        FixedCase("completion is a boolean", .samples,
            { edit(s0, #""completion": "    return"#, #""completion": true, "x": "    return"#) },
            .fails(1, "'completion' should be a string, found a boolean")),
        FixedCase("task_id is null", .samples, { edit(s0, #""task_id": "HumanEval/1""#, #""task_id": null"#) },
            .fails(4, "'task_id' should be a string, found null")),
        FixedCase("neither solution nor completion", .samples,
            { edit(s0, #""completion": "    return x\n""#, #""code": 1"#) },
            .fails(1, "needs a 'solution' or a 'completion'")),
        FixedCase("truncated inside a UTF-8 character", .samples, { cut(s0, inside: "→") },
            .fails(2, "unterminated string")),
        FixedCase("a NUL between records", .samples, { edit(s0, "\n\n", "\n\0\n") }, .fails(3, "found byte 0x0")),
        FixedCase("a lone record without task_id", .samples, { Array(#"{"solution": "def f(x): return x"}"#.utf8) },
            .fails(1, "missing field 'task_id'")),
        FixedCase("ENAMEL: a program that is a number", .samples, { Array(#"[["def f(x): pass"], [1]]"#.utf8) },
            .fails(nil, "problem 1, sample 0: expected a string, found a number")),
        FixedCase("ENAMEL: a problem that is not a list", .samples, { Array(#"["def f(x): pass"]"#.utf8) },
            .fails(nil, "problem 0: expected a list of programs")),
        FixedCase("ENAMEL: a key that is not an index", .samples, { Array(#"{"0": ["a"], "x": ["b"]}"#.utf8) },
            .fails(nil, "ENAMEL sample keys are problem indexes; found 'x'")),
        FixedCase("ENAMEL: a list broken on line 3", .samples,
            { Array("[\n[\"a\"],\n[\"b\" oops],\n[\"c\"]\n]\n".utf8) },
            .fails(3, "not valid JSON")),
        FixedCase("ENAMEL: lone surrogates", .samples, { Array(#"[["\ud800"], ["\udc00\ud800\u0041"]]"#.utf8) },
            .parses(2)),
        FixedCase("ENAMEL: 100,000 deep", .samples, { Array(deep("[").utf8) },
            .fails(1, "nesting deeper than 512")),
        FixedCase("ENAMEL: CRLF and a byte-order mark", .samples,
            { [0xEF, 0xBB, 0xBF] + crlf(FuzzSeeds.enamelJSON()[0]) },
            .parses(3)),
        FixedCase("UTF-16 with a byte-order mark", .samples, { utf16(s0) }, .fails(nil, "UTF-16")),
        FixedCase("an empty file", .samples, { [] }, .fails(nil, "is empty")),
        FixedCase("a directory", .samples, nil, .fails(nil, "is a directory")),
    ]
}
