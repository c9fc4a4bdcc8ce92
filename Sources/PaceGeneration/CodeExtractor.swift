// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation

/// A runnable program extracted from a completion, with what was done to get it.
public struct Extraction: Sendable, Hashable {
    /// The complete program.
    public var code: String
    /// The steps taken, in order, in short phrases (`fenced block 2 of 3`, `removed __main__ block`).
    public var notes: [String]

    public init(code: String, notes: [String]) {
        self.code = code
        self.notes = notes
    }
}

/// Turns what a model wrote into a complete program that defines the task's entry point.
///
/// The steps: drop `<think>` sections; take the fenced code block that defines the entry point (the last one when
/// several do), or the whole text when there is no fence; put the prompt in front of a bare function body (base
/// models continue the prompt); drop prose, `if __name__ == "__main__"` blocks, test code (asserts, prints, calls
/// of the entry point, `check`/`test_` functions, unittest) and top-level code that reads input; add the prompt's
/// imports and helper functions, and well-known imports, that the program uses but lacks; adapt a LeetCode-style
/// `class Solution`. The raw completion is kept beside the result by the caller.
public enum CodeExtractor {
    /// Extracts the program from `completion`.
    ///
    /// - Parameters:
    ///   - prompt: The task's prompt (signature and docstring).
    ///   - entryPoint: The function the tests call.
    ///   - continuesPrompt: Whether the model was asked to continue the prompt (a base model) rather than to answer.
    public static func extract(_ completion: String, prompt: String, entryPoint: String, continuesPrompt: Bool)
        -> Extraction
    {
        var notes: [String] = []
        var text = completion.utf8.contains(13) ? completion.replacingOccurrences(of: "\r\n", with: "\n") : completion
        text = dropThinking(text, notes: &notes)
        var code = FencedBlock.choose(in: text, entryPoint: entryPoint, notes: &notes) ?? text
        code = assemble(code, prompt: prompt, entryPoint: entryPoint, continuesPrompt: continuesPrompt, notes: &notes)
        code = clean(code, entryPoint: entryPoint, notes: &notes)
        code = adaptSolutionClass(code, entryPoint: entryPoint, notes: &notes)
        code = MissingNames.add(to: code, prompt: prompt, entryPoint: entryPoint, notes: &notes)
        return Extraction(code: finished(code), notes: notes)
    }

    /// Removes `<think>…</think>` sections (reasoning models).
    static func dropThinking(_ text: String, notes: inout [String]) -> String {
        guard let close = text.range(of: "</think>") else { return text }
        notes.append("dropped <think> section")
        return String(text[close.upperBound...])
    }

    /// Puts the prompt before a function body, or keeps a program that defines the entry point.
    static func assemble(
        _ code: String,
        prompt: String,
        entryPoint: String,
        continuesPrompt: Bool,
        notes: inout [String]
    ) -> String {
        if PythonSource.defines(entryPoint, in: code) {
            if continuesPrompt { notes.append("completion repeats the prompt") }
            return code
        }
        let firstCode = code.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) }
        if continuesPrompt {
            notes.append("prompt + completion")
            return prompt + code
        }
        if let firstCode, firstCode.first?.isWhitespace == true {
            notes.append("prompt + function body")
            return prompt.trimmingTrailingNewlines + "\n" + code
        }
        if let firstCode, firstCode.hasPrefix("return ") || code.contains("\nreturn ") {
            notes.append("prompt + unindented function body")
            let body = code.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.isEmpty ? "" : "    " + $0
            }
            return prompt.trimmingTrailingNewlines + "\n" + body.joined(separator: "\n")
        }
        notes.append("entry point not defined")
        return code
    }

    /// Drops prose, `__main__` blocks, test code and input reading at the top level.
    static func clean(_ code: String, entryPoint: String, notes: inout [String]) -> String {
        var kept: [TopLevelUnit] = []
        var removed: [String] = []
        for unit in PythonSource.units(code) {
            if let reason = TestCode.reasonToDrop(unit, entryPoint: entryPoint) {
                if !removed.contains(reason) { removed.append(reason) }
            } else {
                kept.append(unit)
            }
        }
        notes += removed.map { "removed \($0)" }
        return kept.map(\.text).joined(separator: "\n")
    }

    /// Adds a module-level entry point that calls `Solution().entryPoint` when only the class defines it.
    static func adaptSolutionClass(_ code: String, entryPoint: String, notes: inout [String]) -> String {
        guard !PythonSource.defines(entryPoint, in: code), PythonSource.defines("Solution", in: code),
            code.contains("def \(entryPoint)(self")
        else { return code }
        notes.append("adapted class Solution")
        return code.trimmingTrailingNewlines + "\n\n\ndef \(entryPoint)(*args, **kwargs):\n"
            + "    return Solution().\(entryPoint)(*args, **kwargs)\n"
    }

    /// Trailing spaces and blank lines trimmed, one newline at the end.
    static func finished(_ code: String) -> String {
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingTrailingWhitespace }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
