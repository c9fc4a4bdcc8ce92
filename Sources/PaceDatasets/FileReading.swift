// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import CPaceSys
import Crypto
import Foundation
import PaceCore

/// Reading files: whole, gunzipped when they are gzip, hashed, split into JSON lines.
public enum FileReading {
    /// The bytes of `path`, decompressed if they start with the gzip magic number.
    public static func bytes(of path: String) throws(DatasetError) -> [UInt8] {
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

    /// SHA-256 of the file's bytes as stored (hex).
    public static func sha256(of path: String) throws(DatasetError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(.unreadable, path: path, "the file cannot be read")
        }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 (hex) of arbitrary text.
    public static func sha256(text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Parses every non-blank line of `bytes` as a JSON object.
    ///
    /// - Throws: ``DatasetError`` naming the line that is not valid UTF-8, not JSON, or not an object.
    public static func jsonLines(_ bytes: [UInt8], path: String) throws(DatasetError) -> [(line: Int, value: JSONValue)] {
        var records: [(line: Int, value: JSONValue)] = []
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
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
