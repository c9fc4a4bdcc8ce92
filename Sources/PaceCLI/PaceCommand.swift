// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import PaceEvaluation
import PaceRunners
import PaceSandbox

/// The `pace` command: evaluate LLM-generated code for correctness and efficiency.
public struct PaceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pace",
        abstract: "Evaluate LLM-generated code: correctness (pass@k) and efficiency (eff@k), sandboxed.",
        version: paceVersion,
        subcommands: [Evaluate.self, Generate.self, Run.self, Report.self, Compare.self, Runs.self, Demo.self, Doctor.self]
    )

    public init() {}
}

/// Exit codes of `pace`, documented in the README.
public enum PaceExitCode: Int32 {
    /// Everything worked (whatever the samples' verdicts).
    case success = 0
    /// Pace itself failed (a harness error).
    case harnessError = 1
    /// Bad input: an unreadable or malformed dataset or samples file, unknown task ids.
    case badInput = 2
    /// No usable Python interpreter.
    case pythonMissing = 3
    /// The output directory cannot be written or holds a different run.
    case outputProblem = 4
    /// `pace compare --fail-if-worse`: run B is significantly worse than run A.
    case regression = 5
    /// The model server failed: unreachable, refused the key, unknown model, or requests kept failing.
    /// Every response received is cached; running the same command again resumes.
    case endpointError = 6
    /// The sandbox lacks an essential (process-group kill, time or memory limit) and `--unsafe` was not given.
    case unsafeSandbox = 7
    /// Interrupted (Ctrl-C); results so far are kept and the run can be resumed.
    case interrupted = 130

    var exitCode: ExitCode { ExitCode(rawValue) }
}
