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
        guard let levels = metadata["input_levels"]?.arrayValue?.compactMap(\.intValue), levels.count >= 1 else {
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
            atol: metadata["atol"]?.doubleValue ?? 0,
            efficiency: EfficiencySpec(
                generator: try text(directory + "/generator.py"),
                levels: levels,
                reference: reference,
                slowReference: try? text(directory + "/slow.py"),
                testCounts: metadata["n_tests"]?.arrayValue?.compactMap(\.intValue),
                hardness: metadata["hardness"]?.arrayValue?.compactMap(\.doubleValue)
            )
        )
        if let checker = try? text(directory + "/checker.py") {
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

    private static func json(_ path: String) throws(DatasetError) -> JSONValue {
        do {
            return try JSONParser.parse(try text(path))
        } catch let error as JSONParseError {
            throw DatasetError(.malformed, path: path, line: error.line, "not valid JSON: \(error.reason)")
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError(.malformed, path: path, "\(error)")
        }
    }

    private static func text(_ path: String) throws(DatasetError) -> String {
        let bytes = try FileReading.bytes(of: path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DatasetError(.malformed, path: path, "the file is not valid UTF-8")
        }
        return text
    }
}
