// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test("numbers keep their exact text, including big integers and Python's NaN/Infinity")
    func exactNumbers() throws {
        let text = #"[123456789012345678901234567890, -0.1, 1e-9, NaN, Infinity, -Infinity, 0]"#
        let value = try JSONParser.parse(text)
        #expect(value.jsonText == "[123456789012345678901234567890,-0.1,1e-9,NaN,Infinity,-Infinity,0]")
        #expect(value.arrayValue?[3].doubleValue?.isNaN == true)
    }

    @Test("strings with escapes and surrogate pairs round-trip")
    func strings() throws {
        let value = try JSONParser.parse(#"{"a":"line\nnext \"q\" \u00e9 \ud83d\ude00 tab\t"}"#)
        #expect(value["a"]?.stringValue == "line\nnext \"q\" é 😀 tab\t")
        #expect(try JSONParser.parse(value.jsonText) == value)
    }

    @Test("object member order is kept")
    func order() throws {
        #expect(try JSONParser.parse(#"{"b":1,"a":2}"#).jsonText == #"{"b":1,"a":2}"#)
    }

    static let bad: [(String, Int, Int)] = [
        ("{\"a\": }", 1, 7),
        ("[1,\n 2,\n 3", 3, 3),
        ("{\"a\" 1}", 1, 6),
        ("[01]", 1, 2),
        ("\"abc", 1, 5),
        ("tru", 1, 1),
        ("[1] x", 1, 5),
    ]

    @Test("errors name the line and column", arguments: bad)
    func errors(_ testCase: (String, Int, Int)) {
        let (text, line, column) = testCase
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column
        }
    }

    @Test("deep nesting is an error, not a crash")
    func depth() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test("invalid UTF-8 inside a string is an error")
    func invalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes: [0x22, 0xFF, 0xFE, 0x22]) }
    }
}
