// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// Why a JSON text could not be parsed, and where.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line within the parsed text.
    public var line: Int
    /// 1-based column (in UTF-8 bytes) within that line.
    public var column: Int
    /// What was wrong, in words.
    public var reason: String

    public var description: String { "line \(line), column \(column): \(reason)" }
}

/// A strict JSON parser that keeps number literals as text and accepts Python's `NaN`, `Infinity`, `-Infinity`.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// Nesting deeper than this is rejected instead of overflowing the stack.
    public static let maximumDepth = 512

    /// Parses one complete JSON value from `text`.
    ///
    /// - Throws: ``JSONParseError`` naming the line and column.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses one complete JSON value from UTF-8 `bytes`.
    public static func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: - Values

    /// An array or object whose elements are still being parsed.
    private struct Container {
        var isObject: Bool
        var items: [JSONValue] = []
        var members: [(String, JSONValue)] = []
        /// In an object, the key whose value comes next.
        var key = ""

        var value: JSONValue { isObject ? .object(members) : .array(items) }
    }

    /// Parses one value. Open arrays and objects wait on a stack in memory rather than on the call stack, so deep
    /// nesting is an error at ``maximumDepth`` and never a stack overflow, whatever the thread's stack size.
    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var open: [Container] = []
        while true {
            guard var value = try parseScalarOrOpen(&open) else { continue }
            // `value` is complete: it goes into the innermost open container, which may be complete in turn.
            while var container = open.popLast() {
                if container.isObject {
                    container.members.append((container.key, value))
                } else {
                    container.items.append(value)
                }
                skipWhitespace()
                if peek(UInt8(ascii: ",")) {
                    index += 1
                    if container.isObject { container.key = try parseKey() }
                    open.append(container)
                    break
                }
                guard peek(container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    let expected = container.isObject ? "',' or '}' in an object" : "',' or ']' in an array"
                    throw error("expected \(expected)")
                }
                index += 1
                depth -= 1
                value = container.value
            }
            if open.isEmpty { return value }
        }
    }

    /// Parses a scalar or an empty container; opens any other container on `open` and returns nil.
    private mutating func parseScalarOrOpen(_ open: inout [Container]) throws(JSONParseError) -> JSONValue? {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = bytes[index] == UInt8(ascii: "{")
            try enter()
            index += 1
            skipWhitespace()
            if peek(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                index += 1
                depth -= 1
                return isObject ? .object([]) : .array([])
            }
            var container = Container(isObject: isObject)
            if isObject { container.key = try parseKey() }
            open.append(container)
            return nil
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "N"): try expectWord("NaN"); return .number("NaN")
        case UInt8(ascii: "I"): try expectWord("Infinity"); return .number("Infinity")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a JSON value, found \(describeByte(bytes[index]))")
        }
    }

    /// Parses an object key and the `:` after it.
    private mutating func parseKey() throws(JSONParseError) -> String {
        skipWhitespace()
        guard peek(UInt8(ascii: "\"")) else { throw error("expected a string key in an object") }
        let key = try parseString()
        skipWhitespace()
        guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after an object key") }
        index += 1
        return key
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw error("nesting deeper than \(JSONParser.maximumDepth) levels") }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        if peek(UInt8(ascii: "-")) {
            index += 1
            if peek(UInt8(ascii: "I")) { try expectWord("Infinity"); return .number("-Infinity") }
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs digits") }
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            throw error("numbers cannot have leading zeros")
        }
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected digits after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected digits in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        var runStart = index
        var text = ""
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                text += try decodeRun(runStart..<index)
                index += 1
                return text
            }
            if byte < 0x20 { throw error("control character \(describeByte(byte)) inside a string") }
            if byte == UInt8(ascii: "\\") {
                text += try decodeRun(runStart..<index)
                index += 1
                let scalar = try parseEscape()
                text.unicodeScalars.append(scalar)
                runStart = index
                continue
            }
            index += 1
        }
    }

    private func decodeRun(_ range: Range<Int>) throws(JSONParseError) -> String {
        if range.isEmpty { return "" }
        guard let s = String(validating: bytes[range], as: UTF8.self) else {
            throw error("invalid UTF-8 inside a string")
        }
        return s
    }

    private mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        guard index < bytes.count else { throw error("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800...0xDBFF).contains(high) {
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    let next = index
                    index += 2
                    let low = try parseHex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                        if let scalar = Unicode.Scalar(value) { return scalar }
                    }
                    index = next  // not a low surrogate: the next escape stands on its own
                }
                return "\u{FFFD}"
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        default: throw error("unknown escape \\\(describeByte(byte))")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    // MARK: - Helpers

    private mutating func expectWord(_ word: String) throws(JSONParseError) {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
            throw error("expected '\(word)'")
        }
        index += utf8.count
    }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16)
    }

    private func error(_ reason: String) -> JSONParseError {
        var line = 1
        var lineStart = 0
        let end = min(index, bytes.count)
        for position in 0..<end where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        return JSONParseError(line: line, column: end - lineStart + 1, reason: reason)
    }
}
