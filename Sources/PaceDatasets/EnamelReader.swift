// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import CSV
import PaceCore

/// Reads ENAMEL's `enamel.csv`: `task_id, prompt, input_generator, input_levels, reference_solution, checker,
/// entry_point`. The reference program is `prompt + "\n" + reference_solution` (the prompt has no trailing newline).
public enum EnamelReader {
    static let columns = [
        "task_id", "prompt", "input_generator", "input_levels", "reference_solution", "checker", "entry_point",
    ]

    /// HumanEval ids that ENAMEL leaves out of its published 142-problem set.
    public static let excludedProblems: Set<Int> = [
        2, 23, 41, 45, 53, 60, 71, 92, 97, 99, 102, 123, 124, 135, 137, 138, 144, 148, 156, 157, 159, 160,
    ]

    /// Reads all tasks in the file.
    public static func read(path: String) throws(DatasetError) -> [BenchmarkTask] {
        let bytes = try FileReading.textBytes(of: path)
        let text = try FileReading.text(bytes, path: path)
        if let line = unclosedQuoteLine(bytes) {
            throw DatasetError(.malformed, path: path, line: line, "a quoted field opens here and is never closed")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw DatasetError(.malformed, path: path, line: 1, "cannot read the CSV header row")
        }
        let header = reader.headerRow ?? []
        let position = try columnPositions(header, path: path)
        var tasks: [BenchmarkTask] = []
        var line = 1 + newlines(in: header) + 1
        while let row = reader.next() {
            defer { line += 1 + newlines(in: row) }
            if row.count == 1 && row[0].isEmpty { continue }
            guard row.count == header.count else {
                throw DatasetError(.malformed, path: path, line: line, "expected \(header.count) fields, found \(row.count) (an unbalanced quote?)")
            }
            let field = { (name: String) in position[name].map { row[$0] } ?? "" }
            tasks.append(try task(field, index: tasks.count, path: path, line: line))
        }
        if let error = reader.error {
            throw DatasetError(.malformed, path: path, line: line, "the CSV could not be parsed: \(error)")
        }
        guard !tasks.isEmpty else { throw DatasetError(.malformed, path: path, "the CSV has no rows") }
        return tasks
    }

    /// Where each of ENAMEL's columns is in the header row.
    private static func columnPositions(_ header: [String], path: String) throws(DatasetError) -> [String: Int] {
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            let list = missing.joined(separator: ", ")
            throw DatasetError(.malformed, path: path, line: 1, "the header lacks the column(s) \(list)")
        }
        if let twice = columns.first(where: { name in header.count(where: { $0 == name }) > 1 }) {
            throw DatasetError(.malformed, path: path, line: 1, "the header names the column '\(twice)' twice")
        }
        return Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Line breaks inside the fields of a row, which make it span more lines.
    private static func newlines(in row: [String]) -> Int {
        row.reduce(0) { $0 + $1.utf8.count(where: { $0 == 0x0A }) }
    }

    /// The line on which a quoted field opens and never closes, if one does; CSV.swift would read such a field to
    /// the end of the file without complaint. Follows CSV.swift: a quote opens a field only as its first character,
    /// and inside one, a quote followed by anything but a quote, comma or line break keeps the field open.
    private static func unclosedQuoteLine(_ bytes: [UInt8]) -> Int? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var line = 1
        var openedOn: Int?
        var atFieldStart = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A { line += 1 }
            if openedOn == nil {
                if byte == quote && atFieldStart {
                    openedOn = line
                } else {
                    atFieldStart = [comma, 0x0A, 0x0D].contains(byte)
                }
            } else if byte == quote {
                let next = index < bytes.count ? bytes[index] : comma  // the end of the file closes a field too
                if next == quote {
                    index += 1  // an escaped quote
                } else if [comma, 0x0A, 0x0D].contains(next) {
                    openedOn = nil
                    atFieldStart = false
                } else {
                    index += 1  // CSV.swift keeps the quote, drops the next character and stays in the field
                }
            }
        }
        return openedOn
    }

    private static func task(
        _ field: (String) -> String,
        index: Int,
        path: String,
        line: Int
    ) throws(DatasetError) -> BenchmarkTask {
        let levelText = field("input_levels")
        let levels = levelText.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int($0) }
        guard !levels.isEmpty, levels.count == levelText.split(whereSeparator: { $0 == " " || $0 == "," }).count else {
            throw DatasetError(.malformed, path: path, line: line, "input_levels should be space-separated integers, found '\(levelText)'")
        }
        for name in ["task_id", "prompt", "input_generator", "reference_solution", "entry_point"] where field(name).isEmpty {
            throw DatasetError(.malformed, path: path, line: line, "the field '\(name)' is empty")
        }
        let prompt = field("prompt")
        let checker = field("checker")
        let reference = prompt + "\n" + field("reference_solution")
        return BenchmarkTask(
            id: field("task_id"),
            index: index,
            prompt: prompt,
            entryPoint: field("entry_point"),
            canonicalSolution: reference,
            comparison: checker.isEmpty ? .equality : .checker(source: prompt + "\n    pass\n" + checker, function: "__check"),
            efficiency: EfficiencySpec(generator: field("input_generator"), levels: levels, reference: reference)
        )
    }
}
