// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore

/// Reads HumanEval and HumanEval+ JSONL (optionally gzipped).
///
/// HumanEval records have `task_id`, `prompt`, `canonical_solution`, `test` and `entry_point`; HumanEval+ adds
/// `base_input`, `plus_input` and `atol`, whose expected outputs come from running the canonical solution.
public enum HumanEvalReader {
    /// Reads the dataset at `path`. With `plus` set, the `base_input`/`plus_input` suites are required.
    public static func read(path: String, plus: Bool) throws(DatasetError) -> [BenchmarkTask] {
        let records = try FileReading.jsonLines(try FileReading.textBytes(of: path), path: path)
        guard !records.isEmpty else { throw DatasetError(.malformed, path: path, "the dataset has no records") }
        var tasks: [BenchmarkTask] = []
        var seen: [String: Int] = [:]
        for (position, (line, record)) in records.enumerated() {
            let id = try FileReading.string(record, "task_id", path: path, line: line)
            if let first = seen[id] {
                throw DatasetError(.malformed, path: path, line: line, "task_id '\(id)' already appeared on line \(first)")
            }
            seen[id] = line
            tasks.append(try task(record, index: position, id: id, plus: plus, path: path, line: line))
        }
        return tasks
    }

    private static func task(
        _ record: JSONValue,
        index: Int,
        id: String,
        plus: Bool,
        path: String,
        line: Int
    ) throws(DatasetError) -> BenchmarkTask {
        let prompt = try FileReading.string(record, "prompt", path: path, line: line)
        let canonical = try FileReading.string(record, "canonical_solution", path: path, line: line)
        let entryPoint = try FileReading.string(record, "entry_point", path: path, line: line)
        var task = BenchmarkTask(
            id: id,
            index: index,
            prompt: prompt,
            entryPoint: entryPoint,
            canonicalSolution: prompt + canonical
        )
        if plus {
            task.suites = [
                try suite(record, "base_input", name: "base", path: path, line: line),
                try suite(record, "plus_input", name: "plus", path: path, line: line),
            ]
            task.atol = try atol(record, path: path, line: line)
            if entryPoint == "find_zero" { task.comparison = .polynomialRoot }
        } else {
            task.checkProgram = try FileReading.string(record, "test", path: path, line: line)
        }
        return task
    }

    private static func suite(
        _ record: JSONValue,
        _ field: String,
        name: String,
        path: String,
        line: Int
    ) throws(DatasetError) -> TestSuite {
        guard let value = record[field] else {
            throw DatasetError(.malformed, path: path, line: line, "missing field '\(field)' (HumanEval+ needs it)")
        }
        // Some copies store the list as a JSON string.
        var list = value
        if let text = value.stringValue {
            do {
                list = try JSONParser.parse(text)
            } catch {
                throw DatasetError(.malformed, path: path, line: line, "field '\(field)' is a string that is not JSON: \(error)")
            }
        }
        guard let inputs = list.arrayValue else {
            throw DatasetError(.malformed, path: path, line: line, "field '\(field)' should be a list of argument lists, found \(list.kindName)")
        }
        var texts: [String] = []
        texts.reserveCapacity(inputs.count)
        for (position, input) in inputs.enumerated() {
            guard input.arrayValue != nil else {
                throw DatasetError(.malformed, path: path, line: line, "\(field)[\(position)] should be a list of arguments, found \(input.kindName)")
            }
            texts.append(input.jsonText)
        }
        return TestSuite(name: name, inputs: texts)
    }

    private static func atol(_ record: JSONValue, path: String, line: Int) throws(DatasetError) -> Double {
        guard let value = record["atol"] else { return 0 }
        if let number = value.doubleValue { return number }
        if let text = value.stringValue, let number = Double(text) { return number }
        if value == .null { return 0 }
        throw DatasetError(.malformed, path: path, line: line, "field 'atol' should be a number, found \(value.kindName)")
    }
}
