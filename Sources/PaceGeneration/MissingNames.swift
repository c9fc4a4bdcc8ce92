// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation

/// Adds what a program uses but forgot: the prompt's imports and helper functions, and well-known imports.
enum MissingNames {
    /// Names standard modules are usually imported for (called, or used as a decorator), with their import.
    private static let wellKnown: [(name: String, line: String)] = [
        ("Counter", "from collections import Counter"),
        ("defaultdict", "from collections import defaultdict"),
        ("deque", "from collections import deque"),
        ("OrderedDict", "from collections import OrderedDict"),
        ("lru_cache", "from functools import lru_cache"),
        ("reduce", "from functools import reduce"),
        ("heappush", "from heapq import heappush"),
        ("heappop", "from heapq import heappop"),
        ("heapify", "from heapq import heapify"),
        ("bisect_left", "from bisect import bisect_left"),
        ("bisect_right", "from bisect import bisect_right"),
        ("permutations", "from itertools import permutations"),
        ("combinations", "from itertools import combinations"),
    ]
    private static let modules = [
        "math", "re", "collections", "heapq", "itertools", "functools", "bisect", "string", "sys", "random",
        "operator", "statistics", "fractions", "decimal", "copy", "hashlib",
    ]
    private static let typingNames = [
        "List", "Dict", "Tuple", "Set", "Optional", "Union", "Any", "Callable", "Iterable", "Iterator", "Sequence",
    ]

    /// `code` with the missing imports and prompt helpers put in front.
    static func add(to code: String, prompt: String, entryPoint: String, notes: inout [String]) -> String {
        var bound = boundNames(code)
        var imports: [String] = []
        var helpers: [String] = []
        let promptUnits = PythonSource.units(prompt)
        for unit in promptUnits where isImport(unit.firstLine) {
            let names = importedNames(unit.firstLine)
            if !names.isEmpty && !names.allSatisfy(bound.contains) && !code.contains(unit.firstLine) {
                imports.append(String(unit.firstLine))
                bound.formUnion(names)
            }
        }
        for unit in promptUnits {
            guard let name = unit.definedName, name != entryPoint, !bound.contains(name),
                PythonSource.mentions(name, in: code)
            else {
                continue
            }
            helpers.append(unit.text.trimmingTrailingNewlines)
            bound.insert(name)
        }
        if !imports.isEmpty { notes.append("added imports from the prompt") }
        if !helpers.isEmpty { notes.append("added helper functions from the prompt") }
        let known = wellKnownImports(code, bound: bound)
        if !known.isEmpty { notes.append("added " + known.joined(separator: "; ")) }
        let header = imports + known
        guard !header.isEmpty || !helpers.isEmpty else { return code }
        let (future, rest) = splitFutureImports(code)
        var parts = future.isEmpty ? [] : [future]
        if !header.isEmpty { parts.append(header.joined(separator: "\n")) }
        parts += helpers
        parts.append(rest)
        return parts.joined(separator: "\n\n")
    }

    private static func wellKnownImports(_ code: String, bound: Set<String>) -> [String] {
        let index = IdentifierIndex(code)
        var lines = modules.filter { !bound.contains($0) && index.qualified.contains($0) }.map { "import \($0)" }
        for entry in wellKnown where !bound.contains(entry.name) && index.called.contains(entry.name) {
            lines.append(entry.line)
        }
        let typing = typingNames.filter { !bound.contains($0) && index.typeLike.contains($0) }
        if !typing.isEmpty { lines.append("from typing import " + typing.joined(separator: ", ")) }
        return lines
    }

    private static func isImport(_ line: Substring) -> Bool {
        line.hasPrefix("import ") || line.hasPrefix("from ")
    }

    /// Every name bound at the top level or anywhere by an import, `def`, `class` or simple assignment.
    static func boundNames(_ code: String) -> Set<String> {
        var names: Set<String> = []
        for line in code.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if isImport(trimmed) {
                names.formUnion(importedNames(trimmed))
            } else if let name = PythonSource.definedName(trimmed) {
                names.insert(name)
            } else if let equals = trimmed.firstIndex(of: "="), trimmed[trimmed.index(after: equals)...].first != "=" {
                for target in trimmed[..<equals].split(separator: ",") {
                    let name = target.trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty && name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                        names.insert(name)
                    }
                }
            }
        }
        return names
    }

    /// The names an import line binds: `import a.b as c` binds `c`, `from m import x as y, z` binds `y` and `z`.
    static func importedNames(_ line: Substring) -> Set<String> {
        let statement = line.split(separator: "#").first.map(String.init) ?? ""
        var clause: Substring
        if statement.hasPrefix("from ") {
            guard let range = statement.range(of: " import ") else { return [] }
            clause = statement[range.upperBound...]
        } else {
            clause = statement.dropFirst("import ".count)
        }
        clause = clause.filter { $0 != "(" && $0 != ")" }[...]
        var names: Set<String> = []
        for item in clause.split(separator: ",") {
            let words = item.split(separator: " ")
            guard let first = words.first else { continue }
            if words.count >= 3 && words[words.count - 2] == "as" {
                names.insert(String(words[words.count - 1]))
            } else {
                names.insert(String(first.split(separator: ".").first ?? first))
            }
        }
        return names
    }

    private static func splitFutureImports(_ code: String) -> (String, String) {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        let count = lines.prefix { $0.hasPrefix("from __future__") }.count
        return (lines.prefix(count).joined(separator: "\n"), lines.dropFirst(count).joined(separator: "\n"))
    }
}
