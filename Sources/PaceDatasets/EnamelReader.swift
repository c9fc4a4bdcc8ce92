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
        let bytes = try FileReading.bytes(of: path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DatasetError(.malformed, path: path, "the file is not valid UTF-8 text")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw DatasetError(.malformed, path: path, line: 1, "cannot read the CSV header row")
        }
        guard let header = reader.headerRow, Set(columns).isSubset(of: Set(header)) else {
            let missing = columns.filter { !(reader.headerRow ?? []).contains($0) }
            throw DatasetError(.malformed, path: path, line: 1, "the header lacks the column(s) \(missing.joined(separator: ", "))")
        }
        let position = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        var tasks: [BenchmarkTask] = []
        var line = 1 + header.joined().filter { $0 == "\n" }.count + 1
        while let row = reader.next() {
            let span = 1 + row.reduce(0) { $0 + $1.utf8.filter { $0 == 0x0A }.count }
            defer { line += span }
            if row.count == 1 && row[0].isEmpty { continue }
            guard row.count == header.count else {
                throw DatasetError(.malformed, path: path, line: line, "expected \(header.count) fields, found \(row.count) (an unbalanced quote?)")
            }
            let field = { (name: String) in row[position[name]!] }
            tasks.append(try task(field, index: tasks.count, path: path, line: line))
        }
        if let error = reader.error {
            throw DatasetError(.malformed, path: path, line: line, "the CSV could not be parsed: \(error)")
        }
        guard !tasks.isEmpty else { throw DatasetError(.malformed, path: path, "the CSV has no rows") }
        return tasks
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
