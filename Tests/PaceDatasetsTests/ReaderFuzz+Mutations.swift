// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore

// MARK: - Mutation kinds

/// One way to damage a reader's input. ``FuzzTarget`` lists which kinds apply to which reader.
enum Mutation: String, CaseIterable, Sendable {
    /// Cut the file at a random byte offset, often between the bytes of one UTF-8 character.
    case truncate
    /// XOR one to eight random bytes with random values.
    case flip
    /// Insert up to 16 random bytes at a random place.
    case insert
    /// Remove a random range of up to 64 bytes.
    case delete
    /// Replace the whole file with random binary.
    case garbage
    /// Insert NUL bytes at random places.
    case nul
    /// Turn every `\n` into `\r\n`.
    case crlf
    /// Insert a 256 KiB run without a line break (a fixed case has 20 MiB).
    case longLine
    /// Insert up to 100,000 `[` or `{"a":` at a random place.
    case deepNesting
    /// Insert Latin-1 bytes (é as the single byte 0xE9) at random places.
    case latin1
    /// Re-encode the whole file as UTF-16LE with a byte-order mark.
    case utf16
    /// Insert a stray continuation byte, an overlong form, an encoded surrogate or 0xFF.
    case invalidUTF8
    /// Put a lone surrogate escape (`\ud800`, `\udc00`, a high one before a non-low escape) after a `"`.
    case loneSurrogate
    /// Replace one JSON value by a value of another kind: number, null, array, object, boolean, string.
    case wrongType
    /// CSV: insert a `"` at a random place.
    case quote
    /// CSV: insert or remove a `,`.
    case column
    /// Gzip: cut the compressed stream at a random offset.
    case gzipCut
    /// Gzip: flip a random byte of the compressed stream.
    case gzipFlip
    /// Gzip: flip a byte of the CRC-32 or length trailer.
    case gzipCRC
    /// Gzip: split the text at a random byte into two concatenated members (a valid file).
    case gzipMembers
    /// Gzip: a well-formed member holding garbage, or a valid file followed by garbage.
    case gzipGarbage

    /// Text-level kinds, for any reader.
    static let text: [Mutation] = [
        .truncate, .flip, .insert, .delete, .garbage, .nul, .crlf, .longLine, .deepNesting, .latin1, .utf16,
        .invalidUTF8, .loneSurrogate,
    ]
    /// Kinds that act on the compressed bytes rather than on the text inside.
    static let gzip: [Mutation] = [.gzipCut, .gzipFlip, .gzipCRC, .gzipMembers, .gzipGarbage]
}

// MARK: - Applying a mutation to text

extension Mutation {
    /// `bytes` damaged in this way; the gzip kinds are applied by ``applyToGzip(plain:compressed:using:)``.
    func apply(to bytes: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        var bytes = bytes
        switch self {
        case .truncate: return Array(bytes.prefix(random.cutOffset(in: bytes)))
        case .flip:
            guard !bytes.isEmpty else { return [0xFF] }
            for _ in 0..<random.int(1...8) { bytes[random.index(below: bytes.count)] ^= random.nonZeroByte() }
        case .insert: bytes.insert(contentsOf: random.bytes(random.int(1...16)), at: random.int(0...bytes.count))
        case .delete:
            guard !bytes.isEmpty else { return bytes }
            let start = random.index(below: bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + random.int(1...64)))
        case .garbage: return random.bytes(random.int(1...4096))
        case .nul: for _ in 0..<random.int(1...4) { bytes.insert(0, at: random.int(0...bytes.count)) }
        case .crlf: return bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        case .longLine:
            let run = [UInt8](repeating: UInt8(ascii: "x"), count: 256 << 10)
            bytes.insert(contentsOf: run, at: random.int(0...bytes.count))
        case .deepNesting:
            let depth = random.logUniform(upTo: 100_000)
            let opener = random.int(0...1) == 0 ? "[" : #"{"a":"#
            let nesting = Array(String(repeating: opener, count: depth).utf8)
            bytes.insert(contentsOf: nesting, at: random.int(0...bytes.count))
        case .latin1:
            for _ in 0..<random.int(1...3) {
                bytes.insert(random.byte(in: 0xA0...0xFF), at: random.int(0...bytes.count))
            }
        case .utf16:
            let units = String(decoding: bytes, as: UTF8.self).utf16
            return [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .invalidUTF8:
            // A stray continuation byte, an overlong NUL, an encoded surrogate, 0xFF, past U+10FFFF, a cut sequence.
            let bad: [[UInt8]] = [
                [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
            ]
            bytes.insert(contentsOf: bad[random.index(below: bad.count)], at: random.int(0...bytes.count))
        case .loneSurrogate:
            let escapes = [#"\ud800"#, #"\udc00"#, #"\ud800\u0041"#, #"\udbff\ud800"#, #"\ud83d"#]
            let quotes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\"") }
            let at = quotes.isEmpty ? 0 : quotes[random.index(below: quotes.count)] + 1
            bytes.insert(contentsOf: Array(escapes[random.index(below: escapes.count)].utf8), at: at)
        case .wrongType: return Mutation.retype(bytes, using: &random)
        case .quote: bytes.insert(UInt8(ascii: "\""), at: random.int(0...bytes.count))
        case .column:
            let commas = bytes.indices.filter { bytes[$0] == UInt8(ascii: ",") }
            if random.int(0...1) == 0 || commas.isEmpty {
                bytes.insert(UInt8(ascii: ","), at: random.int(0...bytes.count))
            } else {
                bytes.remove(at: commas[random.index(below: commas.count)])
            }
        case .gzipCut, .gzipFlip, .gzipCRC, .gzipMembers, .gzipGarbage: return Gzip.member(bytes)
        }
        return bytes
    }

    /// A gzip file damaged in this way: `compressed` is a real (deflated) file, `plain` the text to wrap.
    func applyToGzip(plain: [UInt8], compressed: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        var bytes = compressed
        switch self {
        case .gzipCut: return Array(compressed.prefix(random.index(below: compressed.count)))
        case .gzipFlip: bytes[random.index(below: bytes.count)] ^= random.nonZeroByte()
        case .gzipCRC: bytes[bytes.count - 1 - random.index(below: 8)] ^= random.nonZeroByte()
        case .gzipMembers:
            let cut = random.int(0...plain.count)
            return Gzip.member(Array(plain[..<cut])) + Gzip.member(Array(plain[cut...]))
        case .gzipGarbage:
            let garbage = random.bytes(random.int(1...2048))
            return random.int(0...1) == 0 ? Gzip.member(garbage) : compressed + garbage
        default: return Gzip.member(apply(to: plain, using: &random))
        }
        return bytes
    }

    /// One value in a JSON document, or in one line of a JSONL file, replaced by a value of another kind.
    private static func retype(_ bytes: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        if let whole = try? JSONParser.parse(bytes: bytes) { return Array(whole.retyped(using: &random).jsonText.utf8) }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let candidates = lines.indices.filter { (try? JSONParser.parse(bytes: lines[$0])) != nil }
        guard !candidates.isEmpty else { return bytes }
        let chosen = candidates[random.index(below: candidates.count)]
        if let value = try? JSONParser.parse(bytes: lines[chosen]) {
            lines[chosen] = Array(value.retyped(using: &random).jsonText.utf8)
        }
        return Array(lines.joined(separator: [0x0A]))
    }
}

extension JSONValue {
    /// Values of every kind, for ``Mutation/wrongType``.
    static let strangers: [JSONValue] = [
        .number("12"), .number("-1e999"), .number("NaN"), .null, .bool(true), .string(""), .string("x"),
        .array([]), .array([.null]), .object([]), .object([("task_id", .number("0"))]),
    ]

    /// This value with one node, chosen at random (usually a nested one), replaced by a stranger.
    func retyped(using random: inout SeededRandom) -> JSONValue {
        switch self {
        case .array(var items) where !items.isEmpty && random.index(below: 5) != 0:
            let chosen = random.index(below: items.count)
            items[chosen] = items[chosen].retyped(using: &random)
            return .array(items)
        case .object(var members) where !members.isEmpty && random.index(below: 5) != 0:
            let chosen = random.index(below: members.count)
            members[chosen].1 = members[chosen].1.retyped(using: &random)
            return .object(members)
        default:
            return JSONValue.strangers[random.index(below: JSONValue.strangers.count)]
        }
    }
}

// MARK: - Gzip writing

/// Writes gzip members with stored (uncompressed) deflate blocks, so tests can build any gzip file.
enum Gzip {
    /// One complete gzip member holding `data`.
    static func member(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let last: UInt8 = offset + count == data.count ? 1 : 0
            out += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        return out + littleEndian(crc32(data)) + littleEndian(UInt32(truncatingIfNeeded: data.count))
    }

    /// The CRC-32 (IEEE) of `data`, as gzip's trailer stores it.
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 0 ? 0 : 0xEDB8_8320) }
        }
        return ~crc
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}

// MARK: - Random helpers

extension SeededRandom {
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func byte(in range: ClosedRange<UInt8>) -> UInt8 { UInt8.random(in: range, using: &self) }

    mutating func nonZeroByte() -> UInt8 { byte(in: 1...255) }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }

    /// 1 to `limit`, each power of ten about as likely as the next.
    mutating func logUniform(upTo limit: Int) -> Int {
        max(1, min(limit, Int(pow(10, Double.random(in: 0...log10(Double(limit)), using: &self)))))
    }

    /// A cut point in `bytes`: half the time between the bytes of a multi-byte UTF-8 character, if there is one.
    mutating func cutOffset(in bytes: [UInt8]) -> Int {
        let inside = bytes.indices.filter { bytes[$0] & 0xC0 == 0x80 }
        if !inside.isEmpty && int(0...1) == 0 { return inside[index(below: inside.count)] }
        return int(0...bytes.count)
    }
}
