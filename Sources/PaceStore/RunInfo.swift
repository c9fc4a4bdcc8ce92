// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore

/// Everything recorded about one evaluation run apart from its samples: what was evaluated, how, where and when.
public struct RunInfo: Sendable, Hashable {
    /// The id in the results database; nil for a run read from a directory and not recorded.
    public var id: Int64?
    /// What makes two records the same run.
    ///
    /// The key hashes the output directory and its `run.json` identity. Recording a run again under the same key
    /// replaces the earlier record (a resumed run).
    public var key: String
    /// The model, from the samples' `model` field when they have one, else the samples file's name.
    public var model: String
    /// The dataset's name, path (absolute when known), format and SHA-256.
    public var datasetName: String
    public var datasetPath: String
    public var datasetFormat: String
    public var datasetSHA256: String
    /// The samples file.
    public var samplesPath: String
    /// The output directory of `pace evaluate`.
    public var outputDirectory: String
    /// The Pace version that evaluated it.
    public var paceVersion: String
    /// When the evaluation started, ISO 8601.
    public var startedAt: String
    /// How long the (last) evaluation command took, seconds.
    public var durationSeconds: Double?
    /// Whether every sample was evaluated.
    public var complete: Bool
    /// The settings (`summary.json`'s `config`).
    public var settings: JSONValue
    /// The machine (`summary.json`'s `host` and `isolation`).
    public var host: JSONValue
    /// The whole `summary.json`, for metrics this model does not name (for example DPE).
    public var summary: JSONValue
    /// Tasks and samples.
    public var taskCount: Int
    public var sampleCount: Int

    /// Creates run metadata from `summary.json` as `pace evaluate` writes it.
    ///
    /// - Parameters:
    ///   - key: The record key; see ``key``.
    ///   - model: The model name; see ``RunInfo/modelName(results:samplesPath:)``.
    public init(summary: JSONValue, key: String, outputDirectory: String, model: String) {
        let dataset = summary["dataset"]
        let counts = summary["counts"]
        id = nil
        self.key = key
        self.model = model
        datasetName = dataset?["name"]?.stringValue ?? "?"
        datasetPath = dataset?["path"]?.stringValue ?? ""
        datasetFormat = dataset?["format"]?.stringValue ?? ""
        datasetSHA256 = dataset?["sha256"]?.stringValue ?? ""
        samplesPath = summary["samples"]?["path"]?.stringValue ?? ""
        self.outputDirectory = outputDirectory
        paceVersion = summary["pace_version"]?.stringValue ?? "?"
        startedAt = summary["started_at"]?.stringValue ?? ""
        durationSeconds = summary["duration_s"]?.doubleValue
        complete = summary["complete"] == .bool(true)
        settings = summary["config"] ?? .object([])
        host = .object([("host", summary["host"] ?? .null), ("isolation", summary["isolation"] ?? .null)])
        self.summary = summary
        taskCount = counts?["tasks"]?.intValue ?? 0
        sampleCount = counts?["samples"]?.intValue ?? 0
    }

    /// The model that produced `results`: the most common `model` extra field, else the samples file's name
    /// without its extension.
    public static func modelName(results: [SampleResult], samplesPath: String) -> String {
        var counts: [String: Int] = [:]
        for result in results {
            if let model = result.extra.first(where: { $0.0 == "model" })?.1.stringValue {
                counts[model, default: 0] += 1
            }
        }
        if let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) { return best.key }
        let file = samplesPath.split(separator: "/").last.map(String.init) ?? samplesPath
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        return stem.isEmpty ? "?" : stem
    }

    /// Metrics in `summary.json`, in its order (pass@k, eff@k, and any others such as DPE).
    public var summaryMetrics: [(String, Double)] {
        (summary["metrics"]?.objectValue ?? []).compactMap { name, value in value.doubleValue.map { (name, $0) } }
    }
}

/// A run with its per-sample results: what reports and comparisons work on.
public struct RecordedRun: Sendable {
    /// The run's metadata.
    public var info: RunInfo
    /// One result per sample.
    public var results: [SampleResult]
    /// Each sample's code by sample key (`task_id#index`), where known.
    public var code: [String: String]

    /// Creates a run.
    public init(info: RunInfo, results: [SampleResult], code: [String: String] = [:]) {
        self.info = info
        self.results = results
        self.code = code
    }
}
