// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCore
import PaceEvaluation
import PaceReport
import PaceStore

/// Where the results database is, for each command that uses one.
enum DatabaseLocation {
    /// The environment variable naming a results database shared by every command.
    static let environmentVariable = "PACE_DB"

    /// For `pace evaluate`: `--db`, else `$PACE_DB`, else `OUTPUT/pace.sqlite`; nil for `--db none`.
    static func forEvaluation(_ option: String?, outputDirectory: String) -> String? {
        let chosen = option ?? ProcessInfo.processInfo.environment[environmentVariable]
        if chosen == "none" { return nil }
        return chosen ?? (outputDirectory as NSString).appendingPathComponent(RunStore.defaultFileName)
    }

    /// For commands that read runs: `--db`, else `$PACE_DB`, else `./pace.sqlite`.
    static func forReading(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment[environmentVariable] ?? RunStore.defaultFileName
    }
}

/// Records a finished evaluation in the results database.
///
/// A failure is a warning, not an error: the results are
/// on disk and `pace runs import` can record them later.
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

/// Resampling settings shared by `report` and `compare`.
struct StatisticsOptions: ParsableArguments {
    @Option(help: "Bootstrap replicates for confidence intervals.")
    var resamples: Int = 2000

    @Option(help: "Confidence level of the intervals.")
    var confidence: Double = 0.95

    @Option(help: "Seed of the resampling (intervals repeat exactly for the same seed).")
    var seed: UInt64 = 20_260_101

    func validate() throws {
        guard resamples >= 100 else { throw ValidationError("--resamples must be at least 100.") }
        guard confidence > 0.5, confidence < 1 else {
            throw ValidationError("--confidence must lie between 0.5 and 1, like 0.95.")
        }
    }

    var bootstrap: Bootstrap { Bootstrap(resamples: resamples, level: confidence, seed: seed) }
}

/// Maps a report failure to its message and exit code.
func reportFailure(_ error: ReportError) -> ExitCode {
    printError("pace: error: \(error)")
    return error.code == .writeFailed ? PaceExitCode.outputProblem.exitCode : PaceExitCode.badInput.exitCode
}
