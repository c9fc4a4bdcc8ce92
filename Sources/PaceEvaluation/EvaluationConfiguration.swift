// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceRunners
import PaceSandbox

/// Which clock an efficiency score is computed from.
public enum Meter: String, Sendable, CaseIterable {
    /// Wall time of the call (`perf_counter_ns`), as ENAMEL measures. Honest about sleeping and waiting.
    case wall
    /// CPU time of the worker process (`process_time_ns`): steadier on a shared machine, blind to sleeping.
    case cpu
}

/// Every setting of an evaluation. Defaults are EvalPlus's (correctness) and ENAMEL's (efficiency).
public struct EvaluationConfiguration: Sendable {
    /// Parallel workers. The default is the number of cores.
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    /// The k values for pass@k and eff@k. The default is 1, 10, 100.
    public var ks: [Int] = [1, 10, 100]
    /// Smallest per-test time limit, seconds (EvalPlus: 1). The default is 1.
    public var minimumTimeLimit: Double = 1
    /// Per-test limit as a multiple of the canonical solution's time (EvalPlus: 4). The default is 4.
    public var timeLimitFactor: Double = 4
    /// Time limit for a HumanEval `check(candidate)` run, and for loading a program, seconds. The default is 10.
    public var programTimeLimit: Double = 10
    public var sandbox = SandboxConfiguration()
    /// The sandbox of the dataset's own code (canonical and reference solutions, input generators, checkers, the
    /// judge): the samples' one with at least 8 GiB of memory.
    public var trustedSandbox: SandboxConfiguration {
        var trusted = sandbox
        trusted.memoryBytes = max(trusted.memoryBytes, 8 << 30)
        return trusted
    }
    /// Essential sandbox checks that failed on this machine, when the run goes on anyway (`--unsafe`).
    public var missingEssentials: [String] = []
    public var python: PythonInterpreter
    /// Where expected outputs, generated tests and reference timings are cached.
    public var cacheDirectory: String
    /// Task ids to evaluate; nil means the dataset's default set.
    public var taskFilter: Set<String>?
    // MARK: Efficiency (ENAMEL)
    /// Score efficiency when the dataset supports it. The default is true.
    public var efficiency = true
    /// Seed of test generation (ENAMEL: 998244353).
    public var seed: Int = 998_244_353
    /// Tests per level (ENAMEL: 8, 4, 4, 4).
    public var testCounts: [Int] = [8, 4, 4, 4]
    /// Hardness weights per level (ENAMEL: 0, 3, 3, 4).
    public var hardness: [Double] = [0, 3, 3, 4]
    /// Timed repetitions per test on levels with hardness > 0 (ENAMEL: 6); level 0 runs once.
    public var repetitions: Int = 6
    /// Timeout factor α over the slowest reference time (ENAMEL: 2).
    public var alpha: Double = 2
    /// Added to α·T before a run counts as a timeout, seconds (ENAMEL: 0.01).
    public var tolerance: Double = 0.01
    /// Re-time references even when cached timings exist.
    public var recalibrate = false
    /// Time the reference next to each sample, interleaved, and score the ratio (cancels machine drift).
    public var pairedReference = true
    public var meter: Meter = .wall

    public init(python: PythonInterpreter, cacheDirectory: String) {
        self.python = python
        self.cacheDirectory = cacheDirectory
    }

    /// The settings as JSON, for `summary.json`.
    public var json: JSONValue {
        func numbers(_ values: [Double]) -> JSONValue { .array(values.map { .number(format($0)) }) }
        return .object([
            ("jobs", .number("\(jobs)")),
            ("k", .array(ks.map { .number("\($0)") })),
            ("min_time_limit_s", .number(format(minimumTimeLimit))),
            ("time_limit_factor", .number(format(timeLimitFactor))),
            ("program_time_limit_s", .number(format(programTimeLimit))),
            ("memory_limit_bytes", .number("\(sandbox.memoryBytes)")),
            ("max_processes", .number("\(sandbox.maxProcesses)")),
            ("max_file_bytes", .number("\(sandbox.maxFileBytes)")),
            ("python", .string(python.executable)),
            ("python_version", .string(python.version)),
            ("efficiency", .bool(efficiency)),
            ("seed", .number("\(seed)")),
            ("n_tests", .array(testCounts.map { .number("\($0)") })),
            ("hardness", numbers(hardness)),
            ("repetitions", .number("\(repetitions)")),
            ("alpha", .number(format(alpha))),
            ("tolerance_s", .number(format(tolerance))),
            ("paired_reference", .bool(pairedReference)),
            ("meter", .string(meter.rawValue)),
        ])
    }
}

func format(_ value: Double) -> String {
    var text = "\(value)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}

extension EvaluationConfiguration {
    /// Hides the run's own files from samples: the dataset (its directory), the samples file's directory, the
    /// output directory and the cache (expected answers live there), besides the standard hidden directories.
    mutating func hideRunFiles(datasetPath: String, samplesPath: String, outputDirectory: String) {
        var isDirectory: ObjCBool = false
        let datasetURL = URL(fileURLWithPath: datasetPath)
        let datasetIsDirectory = FileManager.default.fileExists(atPath: datasetPath, isDirectory: &isDirectory) && isDirectory.boolValue
        sandbox.hiddenPaths += [
            datasetIsDirectory ? datasetURL.path : datasetURL.deletingLastPathComponent().path,
            URL(fileURLWithPath: samplesPath).deletingLastPathComponent().path,
            URL(fileURLWithPath: outputDirectory).path,
            URL(fileURLWithPath: cacheDirectory).path,
        ]
    }
}
