// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets

/// A run's output directory, shared by ``Evaluator`` and ``StreamingEvaluator``: `run.json` (what must match for
/// the results there to be reused), `results.jsonl` and `summary.json`.
struct RunOutput {
    let directory: String

    /// The scoring settings that identify a run: everything but what may change when it resumes.
    static func identifyingSettings(_ configuration: EvaluationConfiguration) -> JSONValue {
        var settings = configuration.json.objectValue ?? []
        settings.removeAll { ["jobs", "k", "python"].contains($0.0) }
        return .object(settings)
    }

    /// Creates the directory, checks `run.json` against `identity` (starting over when `overwrite`, else refusing
    /// with a message that names `differences`), records the identity and opens `results.jsonl`.
    func open(identity: JSONValue, overwrite: Bool, differences: String) throws(EvaluationError) -> ResultsStore {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw EvaluationError(.outputUnwritable, "cannot create the output directory \(directory): \(error.localizedDescription)")
        }
        let runPath = directory + "/run.json"
        if let data = manager.contents(atPath: runPath), let previous = try? JSONParser.parse(bytes: [UInt8](data)),
            previous != identity
        {
            guard overwrite else {
                throw EvaluationError(
                    .incompatibleOutput,
                    "\(directory) holds results of a different run (\(differences)); "
                        + "choose another --output or pass --overwrite to start over"
                )
            }
            try? manager.removeItem(atPath: directory + "/results.jsonl")
            try? manager.removeItem(atPath: directory + "/summary.json")
        }
        writeAtomically(identity.jsonText + "\n", to: runPath)
        return try ResultsStore(path: directory + "/results.jsonl")
    }

    /// Scores `results`, writes `summary.json` and returns the summary.
    func summarize(
        _ results: [SampleResult],
        tasks: [BenchmarkTask],
        dataset: Dataset,
        samplesPath: String,
        configuration: EvaluationConfiguration,
        complete: Bool,
        started: Date
    ) -> EvaluationSummary {
        let efficiency = configuration.efficiency && tasks.contains { $0.efficiency != nil }
        let suiteOrder = tasks.first?.suites.map(\.name) ?? []
        let board = Scoreboard(results: results, requestedK: configuration.ks, suiteOrder: suiteOrder, efficiency: efficiency)
        let json = SummaryWriter.json(
            scoreboard: board,
            dataset: dataset,
            samplesPath: samplesPath,
            configuration: configuration,
            complete: complete,
            started: started,
            results: results
        )
        writeAtomically(json.jsonText + "\n", to: directory + "/summary.json")
        return EvaluationSummary(scoreboard: board, json: json, complete: complete, outputDirectory: directory, results: results)
    }
}
