// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import CPaceSys
import Crypto
import Foundation
import PaceCore

/// Reading files: whole, gunzipped when they are gzip, hashed, split into JSON lines.
public enum FileReading {
    /// The bytes of `path`, decompressed if they start with the gzip magic number.
    public static func bytes(of path: String) throws(DatasetError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DatasetError(.unreadable, path: path, "the path is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "does not exist"
            throw DatasetError(.unreadable, path: path, "the file \(reason)")
        }
        let raw = [UInt8](data)
        guard raw.count >= 2, raw[0] == 0x1F, raw[1] == 0x8B else { return raw }
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = raw.withUnsafeBufferPointer { pace_gunzip($0.baseAddress, $0.count, &output, &length) }
        guard status == 0, let output else {
            throw DatasetError(.malformed, path: path, "the gzip data is corrupt or truncated")
        }
        defer { free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }

    /// The bytes of `path` as UTF-8 text, without a UTF-8 byte-order mark.
    ///
    /// - Throws: ``DatasetError`` when the file is empty or blank, or is UTF-16 or UTF-32 (it starts with their
    ///   byte-order mark).
    static func textBytes(of path: String) throws(DatasetError) -> [UInt8] {
        var bytes = try bytes(of: path)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if [[0xFF, 0xFE], [0xFE, 0xFF], [0, 0, 0xFE, 0xFF]].contains(where: bytes.starts(with:)) {
            throw DatasetError(
                .malformed,
                path: path,
                "the file is UTF-16 or UTF-32 text (it starts with a byte-order mark); save it as UTF-8"
            )
        }
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw DatasetError(.malformed, path: path, "the file is empty")
        }
        return bytes
    }

    /// `bytes` as a string, or an error naming the line of the first byte that is not UTF-8 or is NUL.
    static func text(_ bytes: [UInt8], path: String) throws(DatasetError) -> String {
        if let nul = bytes.firstIndex(of: 0) {
            throw DatasetError(.malformed, path: path, line: line(of: nul, in: bytes), "a NUL byte (a binary file?)")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) { offset += scalar.count }
        throw DatasetError(.malformed, path: path, line: line(of: offset, in: bytes), "not valid UTF-8 at byte \(offset + 1)")
    }

    /// The 1-based line of byte `offset`.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<min(offset, bytes.count)].count(where: { $0 == 0x0A }) + 1
    }

    /// SHA-256 of the file's bytes as stored (hex).
    public static func sha256(of path: String) throws(DatasetError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(.unreadable, path: path, "the file cannot be read")
        }
        return hex(SHA256.hash(data: data))
    }

    /// SHA-256 (hex) of arbitrary text.
    public static func sha256(text: String) -> String {
        var text = text
        return text.withUTF8 { hex(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
    }

    /// Lower-case hex of a digest. (`String(format: "%02x")` per byte cost ~20 µs a digest, which added up to
    /// seconds over the 124,000 expected outputs of HumanEval+.)
    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: SHA256.byteCount * 2) { buffer in
            var position = 0
            for byte in digest {
                buffer[position] = digits[Int(byte >> 4)]
                buffer[position + 1] = digits[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    /// Parses every non-blank line of `bytes` as a JSON object.
    ///
    /// - Throws: ``DatasetError`` naming the line that is not valid UTF-8, not JSON, or not an object.
    public static func jsonLines(_ bytes: [UInt8], path: String) throws(DatasetError) -> [(line: Int, value: JSONValue)] {
        var records: [(line: Int, value: JSONValue)] = []
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            let end = lineEnd(in: bytes, from: start)
            lineNumber += 1
            var slice = bytes[start..<end]
            if slice.last == 0x0D { slice = slice.dropLast() }
            if !slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                let value: JSONValue
                do {
                    value = try JSONParser.parse(bytes: Array(slice))
                } catch {
                    throw DatasetError(.malformed, path: path, line: lineNumber, "not valid JSON: \(error.reason) (column \(error.column))")
                }
                guard value.objectValue != nil else {
                    throw DatasetError(.malformed, path: path, line: lineNumber, "expected a JSON object, found \(value.kindName)")
                }
                records.append((lineNumber, value))
            }
            start = end + 1
        }
        return records
    }

    /// The index of the first line feed at or after `start`, or the end of `bytes`. With memchr, because the
    /// generic search takes seconds for a 20 MiB line in a debug build.
    static func lineEnd(in bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, start < buffer.count,
                let found = memchr(base + start, 0x0A, buffer.count - start)
            else { return buffer.count }
            return UnsafeRawPointer(base).distance(to: found)
        }
    }

    /// The string field `name` of a record, or a clear error.
    static func string(_ record: JSONValue, _ name: String, path: String, line: Int?) throws(DatasetError) -> String {
        guard let field = record[name] else {
            throw DatasetError(.malformed, path: path, line: line, "missing field '\(name)'")
        }
        guard let text = field.stringValue else {
            throw DatasetError(.malformed, path: path, line: line, "field '\(name)' should be a string, found \(field.kindName)")
        }
        return text
    }
}
