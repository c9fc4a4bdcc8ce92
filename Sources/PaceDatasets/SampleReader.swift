// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore

/// Reads sample files: JSONL (`task_id` plus `solution` or `completion`) or ENAMEL's JSON (a list, or an object
/// keyed by problem index, of lists of programs).
public enum SampleReader {
    /// Reads the samples at `path` for `tasks`.
    ///
    /// - Parameter skipUnknown: Drop samples whose task is not in the dataset instead of failing.
    /// - Returns: The samples and the task ids that were unknown (only when `skipUnknown`).
    public static func read(
        path: String,
        tasks: [BenchmarkTask],
        skipUnknown: Bool = false
    ) throws(DatasetError) -> (samples: [Sample], unknown: [String]) {
        let bytes = try FileReading.textBytes(of: path)
        let samples: [Sample]
        if let document = try enamelDocument(bytes, path: path) {
            samples = try enamel(document, path: path, tasks: tasks)
        } else {
            samples = try jsonLines(bytes, path: path, tasks: tasks)
        }
        let known = Set(tasks.map(\.id))
        var unknown: [String] = []
        for sample in samples where !known.contains(sample.taskID) && !unknown.contains(sample.taskID) {
            unknown.append(sample.taskID)
        }
        if !unknown.isEmpty && !skipUnknown {
            let shown = unknown.prefix(10).joined(separator: ", ") + (unknown.count > 10 ? ", …" : "")
            throw DatasetError(
                .unknownTasks,
                path: path,
                "\(unknown.count) task id(s) are not in the dataset: \(shown) (use --skip-unknown to evaluate the rest)"
            )
        }
        guard !samples.isEmpty else { throw DatasetError(.malformed, path: path, "the file has no samples") }
        return (samples.filter { known.contains($0.taskID) }, unknown)
    }

    /// The file as ENAMEL's JSON (a list, or an object keyed by problem index), or nil when it is JSONL.
    ///
    /// - Throws: The JSON error, with its line, for a file that opens with `[` but does not parse: it cannot be JSONL.
    private static func enamelDocument(_ bytes: [UInt8], path: String) throws(DatasetError) -> JSONValue? {
        do {
            let whole = try JSONParser.parse(bytes: bytes)
            switch whole {
            case .array: return whole
            case .object(let members): return members.contains { Int($0.0) != nil } ? whole : nil
            default: return nil
            }
        } catch {
            let opening = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
            guard opening == UInt8(ascii: "[") else { return nil }
            throw DatasetError(
                .malformed,
                path: path,
                line: error.line,
                "not valid JSON: \(error.reason) (column \(error.column))"
            )
        }
    }

    private static func jsonLines(_ bytes: [UInt8], path: String, tasks: [BenchmarkTask]) throws(DatasetError) -> [Sample] {
        let prompts = Dictionary(tasks.map { ($0.id, $0.prompt) }, uniquingKeysWith: { first, _ in first })
        var counts: [String: Int] = [:]
        var samples: [Sample] = []
        for (line, record) in try FileReading.jsonLines(bytes, path: path) {
            let taskID = try FileReading.string(record, "task_id", path: path, line: line)
            let code: String
            if let solution = record["solution"], solution != .null {
                guard let text = solution.stringValue else {
                    throw DatasetError(.malformed, path: path, line: line, "field 'solution' should be a string, found \(solution.kindName)")
                }
                code = text
            } else if let completion = record["completion"] {
                guard let text = completion.stringValue else {
                    throw DatasetError(.malformed, path: path, line: line, "field 'completion' should be a string, found \(completion.kindName)")
                }
                code = (prompts[taskID] ?? "") + text
            } else {
                throw DatasetError(.malformed, path: path, line: line, "the sample needs a 'solution' or a 'completion' field")
            }
            let index = counts[taskID, default: 0]
            counts[taskID] = index + 1
            let extra = (record.objectValue ?? []).filter { !["task_id", "solution", "completion"].contains($0.0) }
            samples.append(Sample(taskID: taskID, index: index, code: code, origin: "\(path):\(line)", extra: extra))
        }
        return samples
    }

    private static func enamel(_ value: JSONValue, path: String, tasks: [BenchmarkTask]) throws(DatasetError) -> [Sample] {
        var entries: [(Int, JSONValue)] = []
        switch value {
        case .array(let lists):
            entries = lists.enumerated().map { ($0.offset, $0.element) }
        case .object(let members):
            for (key, list) in members {
                guard let index = Int(key) else {
                    throw DatasetError(.malformed, path: path, "ENAMEL sample keys are problem indexes; found '\(key)'")
                }
                entries.append((index, list))
            }
        default:
            throw DatasetError(.malformed, path: path, "expected JSONL samples or ENAMEL's JSON (a list of lists of code)")
        }
        let byIndex = Dictionary(tasks.map { ($0.index, $0.id) }, uniquingKeysWith: { first, _ in first })
        var samples: [Sample] = []
        for (problem, list) in entries {
            guard let codes = list.arrayValue else {
                throw DatasetError(.malformed, path: path, "problem \(problem): expected a list of programs, found \(list.kindName)")
            }
            let taskID = byIndex[problem] ?? "#\(problem)"
            for (position, code) in codes.enumerated() {
                guard let text = code.stringValue else {
                    throw DatasetError(.malformed, path: path, "problem \(problem), sample \(position): expected a string, found \(code.kindName)")
                }
                samples.append(Sample(taskID: taskID, index: position, code: text, origin: "\(path):[\(problem)][\(position)]"))
            }
        }
        return samples
    }
}
