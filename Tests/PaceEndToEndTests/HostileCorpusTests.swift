// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PaceCore
import Testing

/// The hostile-sample corpus (`Fixtures/hostile`), run through the real `pace` binary in one evaluation.
///
/// Each sample is a plausible solution to a pace-bench task carrying a payload; its success is visible in the
/// verdict (a payload that gets through raises "pace-hostile LEAK: …" or returns a wrong answer; blocked, the
/// sample answers honestly). After the run the host must be unchanged, and the honest control must score as it does
/// alone.
///
/// Efficiency tolerances, measured on this 2-core VM while other builds ran: one honest copy's eff@1 has a standard
/// deviation of 0.16 (six runs of three copies ranged 0.60–1.23), the mean of three copies 0.06 (0.99–1.15). So the
/// honest mean in the corpus and alone may differ by 0.35 (over 4 standard deviations of a difference of two means),
/// and a single sample may exceed the honest mean by 0.5 (over 3 of one copy). A cheat that works scores about 1.5
/// or more (near-zero times score α/(α−1) = 2 on the slowest level); the caching cheats also fail loudly when a cache
/// hit happens, and the clock-patching ones fall back to an O(n²) solution, so blocked they score near 0 (bound 0.5).
@Suite("Hostile corpus: verdicts, host hygiene, honest score", .serialized, .enabled(if: HostileCorpus.supported))
struct HostileCorpusTests {
    /// Flags shared by the corpus run and the honest run alone: deadlines short enough for the whole corpus to
    /// take well under a minute (a per-test limit of 2 s, 5 s to load a program, 1 GiB of memory). The limit must
    /// leave room for output_flood's first call (a 300 MB print and 400 MB written to fds 1 and 2, drained by
    /// Pace: ~0.7 s on the idle 2-core machine; with 1 s it once timed out while the other job ran).
    static let flags = [
        "--dataset", "pace-bench", "--jobs", "2", "--json", "--quiet", "--db", "none", "--k", "1",
        "--timeout", "2", "--program-timeout", "5", "--memory", "1G",
    ]

    let scratch = PaceBinary.scratch("corpus")
    let buildDirectory = URL(fileURLWithPath: PaceBinary.path).resolvingSymlinksInPath().deletingLastPathComponent().path
    var dataset: String { buildDirectory + "/Pace_PaceDatasets.resources/pace-bench" }
    var workerPath: String { buildDirectory + "/Pace_PaceRunners.resources/python/pace_worker.py" }
    var cacheDirectory: String { ProcessInfo.processInfo.environment["PACE_CACHE_DIR"] ?? NSTemporaryDirectory() + "pace-test-cache" }

    /// Where a payload might leave a marker, and how deep to look.
    var places: [(path: String, depth: Int)] {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
        return [
            ("/tmp", 2), ("/var/tmp", 1), ("/dev/shm", 1), (home, 1), (HostileCorpus.fixtures, 1), (dataset, 3),
            (cacheDirectory, 4), (scratch, 2), ("/etc", 1), ("/usr/local", 1),
        ]
    }

    @Test("every hostile sample gets its verdict; afterwards no process, file or listener is left; the honest sample scores as alone")
    func corpus() throws {
        let samples = try HostileCorpus.load()
        #expect(samples.count >= 30)
        let listener = try #require(LoopbackListener())
        let before = HostSnapshot.take(scanning: places, workerPath: workerPath)
        let substitutions = substitutions(output: "/out", samples: "/corpus.jsonl", port: listener.port)
        PaceBinary.write(try HostileCorpus.jsonl(samples, substitutions: substitutions), to: scratch + "/corpus.jsonl")

        let started = Date()
        let run = try evaluate(samples: scratch + "/corpus.jsonl", output: scratch + "/out")
        let wall = Date().timeIntervalSince(started)
        #expect(run.status == 0, "pace evaluate failed: \(run.stderr.suffix(2000))")
        #expect(run.json?.at("dataset", "path")?.stringValue == dataset, "payloads aimed at the dataset Pace used")
        let results = Dictionary(grouping: HostileResult.read(scratch + "/out/results.jsonl"), by: \.name)
        print("Hostile corpus: \(samples.count) samples (+\(HostileCorpus.honestCopies - 1) honest copies) in \(String(format: "%.1f", wall)) s wall\n")
        print(HostileCorpus.table(samples, results))

        let honest = honestEfficiency(results["honest"] ?? [])
        for sample in samples {
            check(sample, results[sample.name] ?? [], honestMean: honest)
        }
        try checkHonestAlone(inCorpus: results["honest"] ?? [], samples: samples, substitutions: substitutions)

        #expect(!listener.wasReached, "a sample connected to the host's 127.0.0.1:\(listener.port)")
        checkHost(before: before, pids: [run.processIdentifier])
    }

    /// On a correctness run every sample's worker is forked from one fork server per thread, so what one sample leaves
    /// in the sandbox could reach the next one on that thread: the same corpus must give the same verdicts, and
    /// copies of `carry_over` run one after another on one thread (with samples between that end mid-request, leaving
    /// requests they never read) must find nothing an earlier one left.
    @Test("correctness only (samples forked from a fork server): the same verdicts; nothing one sample leaves reaches the next")
    func correctnessOnly() throws {
        let samples = try HostileCorpus.load()
        let listener = try #require(LoopbackListener())
        let before = HostSnapshot.take(scanning: places, workerPath: workerPath)
        let substitutions = substitutions(output: "/fork-out", samples: "/fork.jsonl", port: listener.port)
        PaceBinary.write(try HostileCorpus.jsonl(samples, substitutions: substitutions), to: scratch + "/fork.jsonl")
        let run = try evaluate(samples: scratch + "/fork.jsonl", output: scratch + "/fork-out", extra: ["--no-efficiency"])
        #expect(run.status == 0, "pace evaluate failed: \(run.stderr.suffix(2000))")
        let results = Dictionary(grouping: HostileResult.read(scratch + "/fork-out/results.jsonl"), by: \.name)
        print(HostileCorpus.table(samples, results))
        for sample in samples {
            check(sample, results[sample.name] ?? [], honestMean: .nan, efficiency: false)
        }

        let sequence = ["carry_over", "os_exit", "carry_over", "tamper_server", "carry_over", "sys_exit", "orphans", "carry_over"]
        let chosen = sequence.compactMap { name in samples.first { $0.name == name } }
        PaceBinary.write(try HostileCorpus.jsonl(chosen, substitutions: substitutions), to: scratch + "/carry.jsonl")
        let carry = try evaluate(
            samples: scratch + "/carry.jsonl", output: scratch + "/carry-out", extra: ["--no-efficiency", "--jobs", "1"]
        )
        #expect(carry.status == 0, "pace evaluate failed: \(carry.stderr.suffix(2000))")
        let carried = HostileResult.read(scratch + "/carry-out/results.jsonl")
        #expect(carried.count == sequence.count)
        for result in carried {
            let expected = samples.first { $0.name == result.name }?.expect
            #expect(result.verdict == expected, "\(result.name): expected \(expected ?? "?"), got \(result.verdict) — \(result.detail)")
        }
        #expect(!listener.wasReached, "a sample connected to the host's 127.0.0.1:\(listener.port)")
        checkHost(before: before, pids: [run.processIdentifier, carry.processIdentifier])
    }

    // MARK: - Running

    /// The placeholders of the corpus filled in; `output` and `samples` are paths inside the scratch directory.
    func substitutions(output: String, samples: String, port: Int) -> [String: String] {
        [
            "@@DATASET@@": dataset, "@@OUTPUT@@": scratch + output, "@@SAMPLES@@": scratch + samples,
            "@@FIXTURES@@": HostileCorpus.fixtures, "@@HOME@@": ProcessInfo.processInfo.environment["HOME"] ?? "/root",
            "@@CACHE@@": cacheDirectory, "@@PORT@@": "\(port)",
        ]
    }

    func evaluate(samples: String, output: String, extra: [String] = []) throws -> PaceBinary.Output {
        try PaceBinary.run(
            ["evaluate", "--samples", samples, "--output", output] + HostileCorpusTests.flags + extra,
            timeout: 170,
            environment: ["PACE_HOSTILE_SECRET": "pace-hostile-secret-\(getpid())", "PACE_CACHE_DIR": cacheDirectory]
        )
    }

    // MARK: - Checks

    func honestEfficiency(_ results: [HostileResult]) -> Double {
        let scores = results.compactMap(\.efficiency)
        return scores.isEmpty ? .nan : scores.reduce(0, +) / Double(scores.count)
    }

    /// Checks one sample's results; with `efficiency` false (a correctness-only run), only the verdict and duration,
    /// and a known gap (they concern efficiency runs) may or may not show.
    func check(_ sample: HostileSample, _ results: [HostileResult], honestMean: Double, efficiency: Bool = true) {
        guard !results.isEmpty else {
            Issue.record("\(sample.name): no result in results.jsonl")
            return
        }
        for result in results {
            let expectation = {
                #expect(result.verdict == sample.expect, "\(sample.name): expected \(sample.expect), got \(result.verdict) — \(result.detail) [\(sample.invariant)]")
                if let text = sample.detail {
                    #expect(result.detail.contains(text), "\(sample.name): the detail should mention '\(text)': \(result.detail)")
                }
                if let limit = sample.maxDurationSeconds {
                    #expect(result.duration <= limit, "\(sample.name): took \(result.duration) s (limit \(limit) s)")
                }
                guard efficiency else { return }
                if let bound = sample.effAtMost {
                    #expect((result.efficiency ?? 0) <= bound, "\(sample.name): efficiency \(result.efficiency ?? 0) above \(bound)")
                }
                if sample.efficiency == "not_above_honest" {
                    let limit = honestMean + HostileCorpus.singleTolerance
                    #expect((result.efficiency ?? 0) <= limit, "\(sample.name): efficiency \(result.efficiency ?? 0) above the honest mean + tolerance (\(limit))")
                }
            }
            if let gap = sample.knownGap {
                withKnownIssue(Comment(rawValue: "\(sample.name): \(gap)"), isIntermittent: sample.hostDependent || !efficiency, expectation)
            } else {
                expectation()
            }
        }
    }

    /// The honest control alone, with the same flags: same verdict, mean efficiency within the tolerance.
    func checkHonestAlone(inCorpus: [HostileResult], samples: [HostileSample], substitutions: [String: String]) throws {
        let honest = samples.filter { $0.name == "honest" }
        PaceBinary.write(try HostileCorpus.jsonl(honest, substitutions: substitutions), to: scratch + "/honest.jsonl")
        let alone = try evaluate(samples: scratch + "/honest.jsonl", output: scratch + "/alone")
        #expect(alone.status == 0, "\(alone.stderr.suffix(1000))")
        let results = HostileResult.read(scratch + "/alone/results.jsonl")
        let corpusMean = honestEfficiency(inCorpus)
        let aloneMean = honestEfficiency(results)
        print(String(format: "\nhonest: eff@1 %.3f in the corpus, %.3f alone (mean of %d copies each)", corpusMean, aloneMean, HostileCorpus.honestCopies))
        #expect(Set(inCorpus.map(\.verdict)) == ["passed"] && Set(results.map(\.verdict)) == ["passed"])
        #expect(abs(corpusMean - aloneMean) <= HostileCorpus.meanTolerance, "honest efficiency \(corpusMean) in the corpus vs \(aloneMean) alone")
        checkCgroupRemoved(pid: alone.processIdentifier)
    }

    /// After both runs: no process of ours, no marker file anywhere we looked, no new listener of ours.
    func checkHost(before: HostSnapshot, pids: [Int32]) {
        var after = HostSnapshot.take(scanning: places, workerPath: workerPath)
        // Killed processes may take a moment to be reaped.
        for _ in 0..<40 where !after.processes.isEmpty {
            usleep(50_000)
            after.processes = HostSnapshot.suspectProcesses(workerPath: workerPath)
        }
        #expect(after.processes.subtracting(before.processes).isEmpty, "processes left behind: \(after.processes)")
        #expect(after.markerFiles.subtracting(before.markerFiles).isEmpty, "marker files left behind: \(after.markerFiles.subtracting(before.markerFiles))")
        for socket in after.listeners.subtracting(before.listeners) {
            let inode = String(socket.split(separator: " ").last ?? "")
            let owner = HostSnapshot.owner(ofSocket: inode)
            let ours = owner.map { $0.contains(HostileCorpus.marker) || $0.contains(workerPath) || $0.contains(PaceBinary.path) } ?? true
            #expect(!ours, "a new listening socket \(socket) owned by \(owner ?? "no process")")
            if !ours { print("note: a new listener \(socket) belongs to another program: \(owner ?? "?")") }
        }
        for pid in pids { checkCgroupRemoved(pid: pid) }
        if !before.markerFiles.isEmpty { print("note: marker files from an earlier run: \(before.markerFiles.sorted())") }
    }

    func checkCgroupRemoved(pid: Int32) {
        for root in ["/sys/fs/cgroup/pids", "/sys/fs/cgroup"] {
            #expect(!FileManager.default.fileExists(atPath: "\(root)/pace-\(pid)"), "pace left its cgroup \(root)/pace-\(pid)")
        }
    }
}
