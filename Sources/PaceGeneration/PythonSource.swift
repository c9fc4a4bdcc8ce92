// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// A top-level statement of a Python program with everything that belongs to it: its indented body, continuation
/// lines inside brackets or triple-quoted strings, decorators before a `def`, and blank lines after it.
struct TopLevelUnit: Hashable {
    var lines: [Substring]
    /// Whether the unit's first line is prose rather than Python.
    var isProse = false

    var firstLine: Substring { lines.first ?? "" }
    var text: String { lines.joined(separator: "\n") }

    /// The name a `def` or `class` unit defines (after its decorators), if any.
    var definedName: String? {
        for line in lines where !line.hasPrefix("@") {
            return PythonSource.definedName(line)
        }
        return nil
    }
}

/// Just enough Python lexing to split a program into top-level statements and to tell prose from code.
enum PythonSource {
    static let keywords: Set<Substring> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "print",
    ]
    /// Words that may follow a name in an expression statement (`x if y else z`), so do not make a line prose.
    private static let expressionWords: Set<Substring> = ["if", "and", "or", "else", "for", "not"]
    private static let stringPrefixes: Set<Substring> = [
        "f", "r", "b", "u", "rb", "br", "fr", "rf", "F", "R", "B", "U", "Rb", "rB", "BR", "Br",
    ]

    /// Splits `source` into top-level units, in order; nothing is lost (joining them gives the source back).
    static func units(_ source: String) -> [TopLevelUnit] {
        var units: [TopLevelUnit] = []
        var scanner = LineScanner()
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let startsUnit =
                scanner.atStatementStart && line.first.map { !$0.isWhitespace } == true
                && !continuesCompound(line) && !(units.last.map(isDecoratorOnly) ?? false)
            if startsUnit || units.isEmpty {
                if startsUnit && isProse(line) {
                    units.append(TopLevelUnit(lines: [line], isProse: true))
                    continue
                }
                units.append(TopLevelUnit(lines: [line]))
            } else {
                units[units.count - 1].lines.append(line)
            }
            scanner.scan(line)
        }
        return units
    }

    /// `else:`, `elif …`, `except …`, `finally:` at column 0 continue the statement before them.
    private static func continuesCompound(_ line: Substring) -> Bool {
        let word = leadingWord(line)
        return ["else", "elif", "except", "finally"].contains(word)
    }

    private static func isDecoratorOnly(_ unit: TopLevelUnit) -> Bool {
        unit.firstLine.hasPrefix("@") && unit.definedName == nil
    }

    /// The identifier a line starts with (empty when it starts otherwise).
    static func leadingWord(_ line: Substring) -> Substring {
        line.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// The function or class a line defines (`def name(`, `async def name(`, `class Name`), if any.
    static func definedName(_ line: Substring) -> String? {
        var rest = line
        if rest.hasPrefix("async ") { rest = rest.dropFirst(6).drop { $0 == " " } }
        for keyword in ["def ", "class "] where rest.hasPrefix(keyword) {
            let name = leadingWord(rest.dropFirst(keyword.count).drop { $0 == " " })
            return name.isEmpty ? nil : String(name)
        }
        return nil
    }

    /// Whether a line at column 0 reads as English (or Markdown) rather than Python.
    static func isProse(_ line: Substring) -> Bool {
        let text = line.trimmingTrailingWhitespace
        guard let first = text.first, first != "#" else { return false }
        for marker in ["- ", "* ", "> ", "**", "|", "`"] where text.hasPrefix(marker) { return true }
        if first.isNumber, let dot = text.firstIndex(where: { !$0.isNumber }), [".", ")"].contains(text[dot]),
            text[text.index(after: dot)...].first == " "
        {
            return true
        }
        guard first.isASCII, first.isLetter || first == "_" else {
            return !(first.isASCII && (first.isNumber || "([{'\"@~+-.".contains(first)))
        }
        let word = leadingWord(text)
        if keywords.contains(word)
            || stringPrefixes.contains(word) && text.dropFirst(word.count).first.map({ "'\"".contains($0) }) == true
        {
            return false
        }
        let rest = text.dropFirst(word.count)
        guard let next = rest.first else { return true }
        switch next {
        case ":": return !rest.contains("=")
        case ",": return !text.contains("=")
        case ".": return rest.count == 1 || rest.dropFirst().first == " "
        case "'", "!", "?": return true
        case " ":
            let following = rest.drop { $0 == " " }
            guard let start = following.first, start.isLetter || start.isNumber else { return false }
            return !expressionWords.contains(leadingWord(following))
        default: return false
        }
    }

    /// Whether `source` defines `name` at top level (`def name(` or `async def name(`).
    static func defines(_ name: String, in source: String) -> Bool {
        source.split(separator: "\n").contains { definedName($0) == name }
    }
}

extension Substring {
    var trimmingTrailingWhitespace: Substring {
        var text = self
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
