// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// A Markdown code block (```` ``` ```` or `~~~`) in a completion.
struct FencedBlock: Hashable {
    /// The info string's first word, lowercased (`python`, `py`, or empty).
    var language: String
    /// The block's lines, without the fence's own indentation.
    var code: String
    /// False when the completion ended inside the block (cut by max_tokens).
    var closed: Bool

    var isPython: Bool { language.isEmpty || language.hasPrefix("py") }

    /// Every fenced block of `text`, in order.
    static func all(in text: String) -> [FencedBlock] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var blocks: [FencedBlock] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let body = line.dropFirst(indent)
            guard let fence = ["```", "~~~"].first(where: { body.hasPrefix($0) }) else {
                index += 1
                continue
            }
            let language = body.drop { $0 == fence.first }.prefix { !$0.isWhitespace }.lowercased()
            var content: [Substring] = []
            index += 1
            var closed = false
            while index < lines.count {
                let inner = lines[index]
                if inner.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(fence)
                    && inner.drop(while: { $0 == " " || $0 == "\t" || $0 == fence.first }).allSatisfy(\.isWhitespace)
                {
                    closed = true
                    break
                }
                let removable = min(indent, inner.prefix { $0 == " " }.count)
                content.append(inner.dropFirst(removable))
                index += 1
            }
            index += 1
            blocks.append(FencedBlock(language: language, code: content.joined(separator: "\n"), closed: closed))
        }
        return blocks
    }

    /// The code of the block to use, with helpers from other blocks it calls; nil when `text` has no fence.
    static func choose(in text: String, entryPoint: String, notes: inout [String]) -> String? {
        let blocks = all(in: text)
        guard !blocks.isEmpty else { return nil }
        let python = blocks.filter(\.isPython)
        let candidates = python.isEmpty ? blocks : python
        let defining = candidates.indices.filter { PythonSource.defines(entryPoint, in: candidates[$0].code) }
        let position =
            defining.last ?? candidates.indices.max { candidates[$0].code.count < candidates[$1].code.count } ?? 0
        let chosen = candidates[position]
        notes.append("fenced block \(position + 1) of \(candidates.count)" + (chosen.closed ? "" : " (unclosed)"))
        return withHelpers(
            chosen.code,
            from: candidates.enumerated().filter { $0.offset != position }.map(\.element),
            notes: &notes
        )
    }

    /// `code` preceded by the functions and classes of `others` that it calls but does not define.
    private static func withHelpers(_ code: String, from others: [FencedBlock], notes: inout [String]) -> String {
        let defined = Set(PythonSource.units(code).compactMap(\.definedName))
        var helpers: [TopLevelUnit] = []
        for block in others {
            for unit in PythonSource.units(block.code) {
                guard let name = unit.definedName, !defined.contains(name),
                    !helpers.contains(where: { $0.definedName == name }),
                    PythonSource.mentions(name, in: code)
                else { continue }
                helpers.append(unit)
            }
        }
        guard !helpers.isEmpty else { return code }
        notes.append("added helpers from other blocks: " + helpers.compactMap(\.definedName).joined(separator: ", "))
        return helpers.map { $0.text.trimmingTrailingNewlines }.joined(separator: "\n\n\n") + "\n\n\n" + code
    }
}
