// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import PaceCore
import PaceReport

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
