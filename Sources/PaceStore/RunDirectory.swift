// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets

/// Runs as `pace evaluate` leaves them in an output directory: `summary.json`, `run.json` and `results.jsonl`.
public enum RunDirectory {
    /// Reads the run in `directory`.
    ///
    /// Sample code is not loaded (see ``RunArtifacts``).
    ///
    /// - Throws: ``StoreError`` with code `badDirectory` when `summary.json` or `results.jsonl` is missing or
    ///   unreadable. A last line cut short by an interrupted write is skipped, as a resumed run would.
    public static func load(_ directory: String) throws(StoreError) -> RecordedRun {
        let summaryPath = directory + "/summary.json"
        guard let data = FileManager.default.contents(atPath: summaryPath) else {
            throw StoreError(
                .badDirectory,
                "\(directory) has no summary.json; give the --output directory of 'pace evaluate' or a run id"
            )
        }
        let summary: JSONValue
        do {
            summary = try JSONParser.parse(bytes: [UInt8](data))
        } catch {
            throw StoreError(.badDirectory, "\(summaryPath) is not valid JSON", underlyingError: "\(error)")
        }
        let results = try readResults(directory + "/results.jsonl")
        return recordedRun(summary: summary, results: results, directory: directory)
    }

    /// A run from an evaluation's summary and results, keyed by `directory` and its `run.json`.
    ///
    /// - Parameter code: Each sample's code by sample key, when the caller has it.
    public static func recordedRun(
        summary: JSONValue,
        results: [SampleResult],
        directory: String,
        code: [String: String] = [:]
    ) -> RecordedRun {
        let absolute = absolutePath(directory)
        let identity =
            FileManager.default.contents(atPath: directory + "/run.json").map { String(decoding: $0, as: UTF8.self) }
            ?? ""
        let key = FileReading.sha256(text: absolute + "\n" + identity.trimmingCharacters(in: .whitespacesAndNewlines))
        var info = RunInfo(
            summary: summary,
            key: key,
            outputDirectory: absolute,
            model: RunInfo.modelName(results: results, samplesPath: summary["samples"]?["path"]?.stringValue ?? "")
        )
        info.datasetPath = absolutePath(info.datasetPath)
        info.samplesPath = absolutePath(info.samplesPath)
        return RecordedRun(info: info, results: results, code: code)
    }

    /// `path` made absolute against the current directory (unchanged when empty or already absolute).
    public static func absolutePath(_ path: String) -> String {
        guard !path.isEmpty, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func readResults(_ path: String) throws(StoreError) -> [SampleResult] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(.badDirectory, "\(path) is missing; the evaluation has not written any result yet")
        }
        // Line ranges over one byte array: splitting `Data` itself is several times slower on big runs.
        let bytes = [UInt8](data)
        var lines: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        var results: [SampleResult] = []
        results.reserveCapacity(lines.count)
        for (position, range) in lines.enumerated() {
            let line = bytes[range]
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            guard let value = try? JSONParser.parse(bytes: Array(line)), let result = SampleResult(json: value) else {
                // Only a cut-short last line is expected; anything earlier is damage worth naming.
                if position < lines.count - 1 {
                    throw StoreError(.badDirectory, "\(path): line \(position + 1) is not a result line")
                }
                continue
            }
            results.append(result)
        }
        return results
    }
}

/// What a report needs beyond the results: the dataset (for reference solutions) and the samples' code, loaded
/// from the paths recorded with the run.
public enum RunArtifacts {
    /// Loads the run's dataset from its recorded path and format.
    public static func dataset(for info: RunInfo) throws(DatasetError) -> Dataset {
        try Dataset.load(info.datasetPath, format: DatasetFormat(rawValue: info.datasetFormat))
    }

    /// Reads the code of every sample in the run's samples file, by sample key.
    public static func code(samplesPath: String, dataset: Dataset) throws(DatasetError) -> [String: String] {
        let samples = try SampleReader.read(path: samplesPath, tasks: dataset.tasks, skipUnknown: true).samples
        return Dictionary(samples.map { ($0.key, $0.code) }, uniquingKeysWith: { first, _ in first })
    }

    /// The program a task's samples are timed against: the efficiency reference, else the canonical solution.
    public static func referenceCode(_ task: BenchmarkTask) -> String? {
        task.efficiency?.reference ?? task.canonicalSolution
    }
}
