// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// Recognises top-level code that must not run when a sample is loaded: tests, demos, prose and input reading.
enum TestCode {
    private static let testImports = [
        "import unittest", "import pytest", "import doctest", "from unittest", "from pytest",
    ]
    private static let testCalls = ["unittest.", "doctest.", "pytest.", "check(", "main()", "test()", "run_tests()"]

    /// Why `unit` should be dropped (`prose`, `__main__ block`, `test code`, …), or nil to keep it.
    static func reasonToDrop(_ unit: TopLevelUnit, entryPoint: String) -> String? {
        let first = unit.firstLine
        if unit.isProse { return "prose" }
        if first.hasPrefix("```") || first.hasPrefix("~~~") { return "stray fence" }
        if first.hasPrefix("if __name__") { return "__main__ block" }
        if first.hasPrefix("print(") || first.hasPrefix("print ") { return "top-level print" }
        if isTest(unit, entryPoint: entryPoint) { return "test code" }
        if unit.definedName == nil && (unit.text.contains("input(") || unit.text.contains("sys.stdin")) {
            return "top-level input reading"
        }
        return nil
    }

    private static func isTest(_ unit: TopLevelUnit, entryPoint: String) -> Bool {
        let first = unit.firstLine
        if let name = unit.definedName {
            return name == "check" || name.hasPrefix("test") || name.hasPrefix("Test")
        }
        if first.hasPrefix("assert ") || first.hasPrefix("assert(") { return true }
        if testImports.contains(where: { first.hasPrefix($0) }) || testCalls.contains(where: { first.hasPrefix($0) }) {
            return true
        }
        let word = PythonSource.leadingWord(first)
        if ["for", "while", "with", "try"].contains(word) {
            let text = unit.text
            return PythonSource.mentions(entryPoint, in: text, followedBy: "(") || text.contains("print(")
                || text.contains("assert ")
        }
        return callsEntryPoint(first, entryPoint: entryPoint)
    }

    /// `entry(…)`, `x = entry(…)`, `a, b = entry(…)` or `result = [entry(x) for …]` at the top level.
    private static func callsEntryPoint(_ line: Substring, entryPoint: String) -> Bool {
        guard PythonSource.mentions(entryPoint, in: String(line), followedBy: "(") else { return false }
        if line.hasPrefix(entryPoint) { return true }
        guard let equals = line.firstIndex(of: "="), line[line.index(after: equals)...].first != "=" else {
            return false
        }
        let target = line[..<equals]
        return target.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "," || $0 == " " }
    }
}
