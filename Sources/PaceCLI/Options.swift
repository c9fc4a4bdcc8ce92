// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import PaceDatasets
import PaceEvaluation
import PaceRunners
import PaceSandbox

/// Settings shared by every command that runs code.
struct RunOptions: ParsableArguments {
    @Option(help: "Parallel workers (default: the number of cores).")
    var jobs: Int?

    @Option(help: "k values for pass@k and eff@k, comma-separated; each is reported only where every task has at least k samples.")
    var k: String = "1,10,100"

    @Option(help: "Smallest per-test time limit in seconds (EvalPlus: 1).")
    var timeout: Double = 1

    @Option(help: "Per-test limit as a multiple of the canonical solution's time (EvalPlus: 4).")
    var timeLimitFactor: Double = 4

    @Option(help: "Time limit in seconds for loading a program and for a HumanEval check() run.")
    var programTimeout: Double = 10

    @Option(help: "Memory limit per sample, e.g. 4G, 512M (clamped to the system's hard limit with a warning).")
    var memory: String = "4G"

    @Option(help: "Most processes and threads a sample may run at once.")
    var maxProcesses: Int = 64

    @Option(help: "The Python interpreter to run samples with.")
    var python: String = "python3"

    @Option(help: "Cache directory for expected outputs, generated tests and reference timings (default: $PACE_CACHE_DIR or ~/.cache/pace).")
    var cacheDir: String?

    @Flag(help: "Allow samples network access (no new network namespace).")
    var allowNetwork = false

    @Flag(name: .customLong("unsafe"), help: "Run even if the sandbox lacks an essential (process-group kill, time or memory limit; see `pace doctor`).")
    var allowUnsafe = false

    @Flag(help: "No progress output on stderr.")
    var quiet = false

    @Flag(help: "Log each finished sample (and other details) to stderr.")
    var verbose = false

    func validate() throws {
        guard (try? parseKs()) != nil else { throw ValidationError("--k must be positive integers separated by commas, like 1,10,100.") }
        guard (try? memoryBytes()) != nil else { throw ValidationError("--memory must be a size like 4G, 512M or 1073741824.") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        guard timeout > 0, timeLimitFactor > 0, programTimeout > 0 else { throw ValidationError("Time limits must be positive.") }
        guard maxProcesses >= 1 else { throw ValidationError("--max-processes must be at least 1.") }
    }

    func parseKs() throws -> [Int] {
        guard let values = commaList(k, Int.init), values.allSatisfy({ $0 >= 1 }) else { throw ValidationError("bad k") }
        return values
    }

    func memoryBytes() throws -> Int64 {
        let text = memory.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Int64)] = [("GIB", 1 << 30), ("MIB", 1 << 20), ("KIB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)), value > 0 else { throw ValidationError("bad size") }
            return Int64(value * Double(scale))
        }
        guard let value = Int64(text), value > 0 else { throw ValidationError("bad size") }
        return value
    }

    /// Builds the configuration; the memory limit is clamped to the hard RLIMIT_AS with a warning.
    func configuration() throws -> EvaluationConfiguration {
        var sandbox = SandboxConfiguration()
        sandbox.memoryBytes = clampedMemory(try memoryBytes())
        sandbox.maxProcesses = maxProcesses
        sandbox.isolateNetwork = !allowNetwork
        sandbox.faults = SandboxFault.fromEnvironment
        // The sandbox's checks and the interpreter's probe both mostly wait (on probes, on a pyenv shim's scripts):
        // made at once, they cost the slower of the two at start-up instead of both.
        let checks = DispatchGroup()
        let missingChecks = MissingChecks()
        DispatchQueue.global(qos: .userInitiated).async(group: checks) { [sandbox] in
            missingChecks.value = SandboxChecks.missingEssentials(configuration: sandbox)
        }
        let interpreter: PythonInterpreter
        do {
            interpreter = try PythonInterpreter.locate(python)
        } catch {
            printError("pace: error: \(error.message)")
            throw PaceExitCode.pythonMissing.exitCode
        }
        let cache = cacheDir ?? defaultCacheDirectory()
        var configuration = EvaluationConfiguration(
            // Beside the cache, not in it: the worker's directory is visible to samples, the cache never is.
            python: interpreter.compilingWorker(into: URL(fileURLWithPath: cache).path + "-worker"),
            cacheDirectory: cache
        )
        if let jobs { configuration.jobs = jobs }
        configuration.ks = try parseKs()
        configuration.minimumTimeLimit = timeout
        configuration.timeLimitFactor = timeLimitFactor
        configuration.programTimeLimit = programTimeout
        configuration.sandbox = sandbox
        checks.wait()
        let missing = missingChecks.value
        if !missing.isEmpty {
            for check in missing { printError("pace: \(allowUnsafe ? "warning" : "error"): sandbox \(check.name) not enforced: \(check.detail)") }
            guard allowUnsafe else {
                printError("pace: error: refusing to run untrusted samples without it; see `pace doctor`, or pass --unsafe")
                throw PaceExitCode.unsafeSandbox.exitCode
            }
            configuration.missingEssentials = missing.map(\.name)
        }
        return configuration
    }

    private func clampedMemory(_ wanted: Int64) -> Int64 {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_max != rlim_t.max, limit.rlim_max < rlim_t(Int64.max) else { return wanted }
        let hard = Int64(limit.rlim_max)
        if wanted > hard {
            printError("pace: warning: --memory \(memory) exceeds this system's hard limit; using \(hard) bytes")
            return hard
        }
        return wanted
    }
}

/// ENAMEL's efficiency settings; every default is ENAMEL's.
struct EfficiencyOptions: ParsableArguments {
    @Flag(help: "Skip efficiency scoring (correctness only).")
    var noEfficiency = false

    @Option(help: "Seed for generated tests (ENAMEL: 998244353).")
    var seed: Int = 998_244_353

    @Option(help: "Tests per level, comma-separated (ENAMEL: 8,4,4,4).")
    var nTests: String = "8,4,4,4"

    @Option(help: "Hardness weight per level, comma-separated (ENAMEL: 0,3,3,4).")
    var hardness: String = "0,3,3,4"

    @Option(help: "Timed repetitions per test on hard levels (ENAMEL: 6).")
    var repetitions: Int = 6

    @Option(help: "Timeout factor α over the slowest reference time (ENAMEL: 2).")
    var alpha: Double = 2

    @Option(help: "Tolerance added to the timeout, seconds (ENAMEL: 0.01).")
    var tolerance: Double = 0.01

    @Flag(help: "Re-time the reference solutions instead of using cached timings.")
    var recalibrate = false

    @Flag(help: "Do not time the reference next to each sample; score against the calibrated reference times only.")
    var noPairing = false

    @Option(help: "Clock for efficiency: wall (ENAMEL's) or cpu (steadier on a busy machine, blind to sleeping).")
    var meter: String = "wall"

    func validate() throws {
        guard let counts = commaList(nTests, Int.init), counts.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--n-tests must be positive integers separated by commas, like 8,4,4,4.")
        }
        guard let weights = commaList(hardness, Double.init), weights.allSatisfy({ $0 >= 0 }), weights.count == counts.count else {
            throw ValidationError("--hardness must be non-negative numbers, one per level of --n-tests.")
        }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1.") }
        guard alpha > 1 else { throw ValidationError("--alpha must be greater than 1.") }
        guard Meter(rawValue: meter) != nil else { throw ValidationError("--meter must be wall or cpu.") }
    }

    func apply(to configuration: inout EvaluationConfiguration) {
        configuration.efficiency = !noEfficiency
        configuration.seed = seed
        configuration.testCounts = commaList(nTests, Int.init) ?? [8, 4, 4, 4]
        configuration.hardness = commaList(hardness, Double.init) ?? [0, 3, 3, 4]
        configuration.repetitions = repetitions
        configuration.alpha = alpha
        configuration.tolerance = tolerance
        configuration.recalibrate = recalibrate
        configuration.pairedReference = !noPairing
        configuration.meter = Meter(rawValue: meter) ?? .wall
    }

}

/// Pace's cache directory: `$PACE_CACHE_DIR`, else `$XDG_CACHE_HOME/pace`, else `~/.cache/pace`.
func defaultCacheDirectory() -> String {
    let environment = ProcessInfo.processInfo.environment
    return environment["PACE_CACHE_DIR"]
        ?? (environment["XDG_CACHE_HOME"].map { $0 + "/pace" } ?? NSHomeDirectory() + "/.cache/pace")
}

/// Task ids or indexes from a `--tasks` value.
func taskSet(_ text: String) -> Set<String> { Set(commaList(text, { $0 }) ?? []) }

/// Rejects a `--dataset-format` that names no known format, listing the ones there are.
func validateDatasetFormat(_ name: String?) throws {
    if let name, DatasetFormat(rawValue: name) == nil {
        throw ValidationError("--dataset-format must be one of: \(DatasetFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
}

/// The values of a comma-separated list, or nil when one does not parse.
func commaList<T>(_ text: String, _ parse: (String) -> T?) -> [T]? {
    let values = text.split(separator: ",").map { parse($0.trimmingCharacters(in: .whitespaces)) }
    guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return nil }
    return values.compactMap { $0 }
}

/// The sandbox checks' result, handed from the thread that made them (read after the group's wait).
private final class MissingChecks: @unchecked Sendable {
    var value: [SandboxCheck] = []
}
