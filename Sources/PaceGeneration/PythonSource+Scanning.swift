// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

// Byte-level scanning: Python's syntax is ASCII, so these work on UTF-8 bytes and never split a character that
// matters. Extraction runs once per sample, 10 000 times for a large run, so it must not walk `Character`s.

/// Whether `byte` can be part of an identifier (ASCII letters, digits, `_`, or any byte of a non-ASCII character).
@inline(__always)
func isIdentifierByte(_ byte: UInt8) -> Bool {
    byte >= 0x80 || byte == 0x5F || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
}

extension PythonSource {
    /// Whether `word` occurs in `text` as a whole identifier, not as an attribute (`x.word`), optionally followed
    /// (after spaces) by `suffix`.
    static func mentions(_ word: String, in text: String, followedBy suffix: Character? = nil) -> Bool {
        let needle = Array(word.utf8)
        let follower = suffix.flatMap(\.asciiValue)
        guard let first = needle.first else { return false }
        let bytes = Array(text.utf8)
        var index = 0
        while index + needle.count <= bytes.count {
            defer { index += 1 }
            guard bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) else { continue }
            if index > 0, isIdentifierByte(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: ".") { continue }
            var end = index + needle.count
            if end < bytes.count, isIdentifierByte(bytes[end]) { continue }
            guard let follower else { return true }
            while end < bytes.count && bytes[end] == UInt8(ascii: " ") { end += 1 }
            if end < bytes.count && bytes[end] == follower { return true }
        }
        return false
    }
}

/// The identifiers of a program and how each is used, from one pass over its bytes.
struct IdentifierIndex {
    /// Identifiers not preceded by `.` (so not attributes).
    private(set) var names: Set<String> = []
    /// Names followed by `.`: modules and objects whose attributes are used.
    private(set) var qualified: Set<String> = []
    /// Names followed (after spaces) by `(`, or used as decorators (`@name`).
    private(set) var called: Set<String> = []
    /// Names followed by `[`, or written after `:` or `->` (annotations).
    private(set) var typeLike: Set<String> = []

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard isIdentifierByte(bytes[index]), index == 0 || !isIdentifierByte(bytes[index - 1]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count && isIdentifierByte(bytes[index]) { index += 1 }
            if bytes[start] >= 0x30 && bytes[start] <= 0x39 { continue }
            if start > 0 && bytes[start - 1] == UInt8(ascii: ".") { continue }
            record(String(decoding: bytes[start..<index], as: UTF8.self), bytes: bytes, start: start, end: index)
        }
    }

    private mutating func record(_ name: String, bytes: [UInt8], start: Int, end: Int) {
        names.insert(name)
        var next = end
        while next < bytes.count && bytes[next] == UInt8(ascii: " ") { next += 1 }
        if end < bytes.count && bytes[end] == UInt8(ascii: ".") { qualified.insert(name) }
        if next < bytes.count && bytes[next] == UInt8(ascii: "(") || start > 0 && bytes[start - 1] == UInt8(ascii: "@")
        {
            called.insert(name)
        }
        if end < bytes.count && bytes[end] == UInt8(ascii: "[") { typeLike.insert(name) }
        var previous = start - 1
        while previous >= 0 && bytes[previous] == UInt8(ascii: " ") { previous -= 1 }
        if previous >= 0 && (bytes[previous] == UInt8(ascii: ":") || bytes[previous] == UInt8(ascii: ">")) {
            typeLike.insert(name)
        }
    }
}

/// Tracks, line by line, whether the next line begins a new statement: not inside brackets, a triple-quoted string
/// or a backslash continuation.
struct LineScanner {
    private var depth = 0
    /// The quote byte of the triple-quoted string the scan is inside, if any.
    private var triple: UInt8?
    private var backslash = false

    var atStatementStart: Bool { depth == 0 && triple == nil && !backslash }

    mutating func scan(_ line: Substring) {
        backslash = false
        let bytes = Array(line.utf8)
        var index = 0
        var quote: UInt8?
        func tripled(_ byte: UInt8, at position: Int) -> Bool {
            position + 2 < bytes.count && bytes[position] == byte && bytes[position + 1] == byte
                && bytes[position + 2] == byte
        }
        while index < bytes.count {
            let byte = bytes[index]
            if let open = triple {
                if tripled(open, at: index) {
                    triple = nil
                    index += 3
                    continue
                }
                if byte == UInt8(ascii: "\\") { index += 1 }
            } else if let current = quote {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == current {
                    quote = nil
                }
            } else if byte == UInt8(ascii: "#") {
                return
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                if tripled(byte, at: index) {
                    triple = byte
                    index += 3
                    continue
                }
                quote = byte
            } else if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                depth = max(depth - 1, 0)
            } else if byte == UInt8(ascii: "\\") && index == bytes.count - 1 {
                backslash = true
            }
            index += 1
        }
    }
}
