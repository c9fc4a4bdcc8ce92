// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore

/// Reads Pace's own task format: a directory with one sub-directory per task.
///
/// Each task directory holds `task.json` (`task_id`, `entry_point`, `input_levels`, optional `atol`, `n_tests`,
/// `hardness`), `prompt.py`, `reference.py` (fast expert solution), `slow.py` (slow correct solution),
/// `generator.py` (`generate_input(size, lid, cid)`), `tests.json` (`[{"input": [...], "output": ...}]`) and
/// `samples/*.py` (example solutions, named for what they are).
public enum PaceBenchReader {
    /// The bundled benchmark's directory.
    public static var bundledPath: String? {
        Bundle.module.url(forResource: "pace-bench", withExtension: nil)?.path
    }

    /// Reads every task directory under `path`, in name order.
    public static func read(path: String) throws(DatasetError) -> [BenchmarkTask] {
        try taskDirectories(path).enumerated().map { (index, directory) throws(DatasetError) in
            try task(directory: directory, index: index)
        }
    }

    /// The example solutions shipped with the tasks, labelled by file name (without `.py`).
    public static func samples(path: String) throws(DatasetError) -> [Sample] {
        var samples: [Sample] = []
        for directory in try taskDirectories(path) {
            let metadata = try json(directory + "/task.json")
            let id = try FileReading.string(metadata, "task_id", path: directory + "/task.json", line: nil)
            let sampleDirectory = directory + "/samples"
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: sampleDirectory)) ?? [])
                .filter { $0.hasSuffix(".py") }.sorted()
            for (index, name) in names.enumerated() {
                let label = String(name.dropLast(3))
                samples.append(Sample(
                    taskID: id,
                    index: index,
                    code: try text(sampleDirectory + "/" + name),
                    origin: sampleDirectory + "/" + name,
                    extra: [("label", .string(label))]
                ))
            }
        }
        return samples
    }

    static func taskDirectories(_ path: String) throws(DatasetError) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw DatasetError(.unreadable, path: path, "the directory cannot be read")
        }
        let directories = entries.sorted().map { path + "/" + $0 }.filter {
            FileManager.default.fileExists(atPath: $0 + "/task.json")
        }
        guard !directories.isEmpty else {
            throw DatasetError(.malformed, path: path, "no task directories (each needs a task.json)")
        }
        return directories
    }

    private static func task(directory: String, index: Int) throws(DatasetError) -> BenchmarkTask {
        let metadataPath = directory + "/task.json"
        let metadata = try json(metadataPath)
        let id = try FileReading.string(metadata, "task_id", path: metadataPath, line: nil)
        let entryPoint = try FileReading.string(metadata, "entry_point", path: metadataPath, line: nil)
        let levels = try list(metadata, "input_levels", of: "integers", \.intValue, path: metadataPath) ?? []
        guard !levels.isEmpty else {
            throw DatasetError(.malformed, path: metadataPath, "'input_levels' should be a list of integers")
        }
        let reference = try text(directory + "/reference.py")
        var task = BenchmarkTask(
            id: id,
            index: index,
            prompt: try text(directory + "/prompt.py"),
            entryPoint: entryPoint,
            canonicalSolution: reference,
            suites: [try tests(directory + "/tests.json")],
            atol: try atol(metadata, path: metadataPath),
            efficiency: EfficiencySpec(
                generator: try text(directory + "/generator.py"),
                levels: levels,
                reference: reference,
                slowReference: try optionalText(directory + "/slow.py"),
                testCounts: try list(metadata, "n_tests", of: "integers", \.intValue, path: metadataPath),
                hardness: try list(metadata, "hardness", of: "numbers", \.doubleValue, path: metadataPath)
            )
        )
        if let checker = try optionalText(directory + "/checker.py") {
            task.comparison = .checker(source: checker, function: "check")
        }
        return task
    }

    private static func tests(_ path: String) throws(DatasetError) -> TestSuite {
        let value = try json(path)
        guard let cases = value.arrayValue else {
            throw DatasetError(.malformed, path: path, "expected a list of {\"input\": [...], \"output\": ...}")
        }
        var inputs: [String] = []
        var expected: [String] = []
        for (position, item) in cases.enumerated() {
            guard let input = item["input"], input.arrayValue != nil, let output = item["output"] else {
                throw DatasetError(.malformed, path: path, "test \(position) needs an 'input' list and an 'output'")
            }
            inputs.append(input.jsonText)
            expected.append(output.jsonText)
        }
        return TestSuite(name: "tests", inputs: inputs, expected: expected)
    }

    /// The optional list field `name`, every element converted by `convert`, or an error naming the field.
    private static func list<Element>(
        _ metadata: JSONValue,
        _ name: String,
        of kind: String,
        _ convert: (JSONValue) -> Element?,
        path: String
    ) throws(DatasetError) -> [Element]? {
        guard let field = metadata[name] else { return nil }
        guard let items = field.arrayValue else {
            throw DatasetError(.malformed, path: path, "'\(name)' should be a list of \(kind), found \(field.kindName)")
        }
        let elements = items.compactMap(convert)
        if let stranger = items.first(where: { convert($0) == nil }) {
            throw DatasetError(.malformed, path: path, "'\(name)' should be a list of \(kind); it holds \(stranger.kindName)")
        }
        return elements
    }

    private static func atol(_ metadata: JSONValue, path: String) throws(DatasetError) -> Double {
        guard let field = metadata["atol"] else { return 0 }
        guard let atol = field.doubleValue else {
            throw DatasetError(.malformed, path: path, "'atol' should be a number, found \(field.kindName)")
        }
        return atol
    }

    private static func json(_ path: String) throws(DatasetError) -> JSONValue {
        let bytes = try FileReading.textBytes(of: path)
        do {
            return try JSONParser.parse(bytes: bytes)
        } catch {
            throw DatasetError(
                .malformed,
                path: path,
                line: error.line,
                "not valid JSON: \(error.reason) (column \(error.column))"
            )
        }
    }

    private static func text(_ path: String) throws(DatasetError) -> String {
        try FileReading.text(try FileReading.bytes(of: path), path: path)
    }

    /// The text of a file a task may leave out; nil when it does.
    private static func optionalText(_ path: String) throws(DatasetError) -> String? {
        FileManager.default.fileExists(atPath: path) ? try text(path) : nil
    }
}
