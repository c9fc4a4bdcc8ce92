// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceEvaluation
import PaceReport
import PaceStore

/// Where the results database is, for each command that uses one.
enum DatabaseLocation {
    /// The environment variable naming a results database shared by every command.
    static let environmentVariable = "PACE_DB"

    /// For `pace evaluate`: ``forWriting(_:outputDirectory:)``, or nil for `--db none` (do not record).
    static func forEvaluation(_ option: String?, outputDirectory: String) -> String? {
        let path = forWriting(option, outputDirectory: outputDirectory)
        return path == "none" ? nil : path
    }

    /// For commands that record a run: `--db`, else `$PACE_DB`, else `OUTPUT/pace.sqlite`.
    static func forWriting(_ option: String?, outputDirectory: String) -> String {
        option ?? ProcessInfo.processInfo.environment[environmentVariable]
            ?? (outputDirectory as NSString).appendingPathComponent(RunStore.defaultFileName)
    }

    /// For commands that read runs: `--db`, else `$PACE_DB`, else `./pace.sqlite`.
    static func forReading(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment[environmentVariable] ?? RunStore.defaultFileName
    }
}

/// Records a finished evaluation in the results database.
///
/// A failure is a warning, not an error: the results are on disk and `pace runs import` can record them later.
func recordRun(_ summary: EvaluationSummary, samples: [Sample], database: String?) {
    guard let path = DatabaseLocation.forEvaluation(database, outputDirectory: summary.outputDirectory) else { return }
    let code = Dictionary(samples.map { ($0.key, $0.code) }, uniquingKeysWith: { first, _ in first })
    let run = RunDirectory.recordedRun(
        summary: summary.json,
        results: summary.results,
        directory: summary.outputDirectory,
        code: code
    )
    do {
        let store = try RunStore(path: path)
        let id = try store.record(run)
        printError("pace: recorded as run \(id) in \(store.path)")
    } catch {
        printError(
            "pace: warning: the run was not recorded: \(error) (the results are on disk; 'pace runs import' records them)"
        )
    }
}
