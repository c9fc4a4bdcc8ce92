// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PaceCore
import Testing

/// SIGKILL and Ctrl-C against the real `pace` binary: a resumed run ends with one result per sample and the
/// metrics of an uninterrupted run, and no sandboxed process outlives `pace`.
@Suite("pace evaluate: crash safety", .serialized)
struct CrashSafetyTests {
    /// SIGKILLs before the run may finish. Set `PACE_CRASH_KILLS` for more.
    static let kills = ProcessInfo.processInfo.environment["PACE_CRASH_KILLS"].flatMap(Int.init) ?? 8

    // MARK: - SIGKILL, then resume

    @Test("SIGKILL at random moments, then resume: one result per sample, no torn lines, the same metrics, no strays")
    func killAndResume() throws {
        let workload = CrashWorkload(name: "crash-kill")
        let started = Date()
        let reference = try PaceBinary.run(workload.arguments(output: workload.directory + "/reference"))
        try #require(reference.status == 0, "\(reference.stderr.suffix(2000))")
        let referenceSeconds = Date().timeIntervalSince(started)
        print("crash safety: uninterrupted run of \(workload.sampleCount) samples took \(seconds(referenceSeconds)) s")
        let referenceSummary = try summary(in: workload.directory + "/reference")
        #expect(referenceSummary.at("metrics", "pass@1")?.doubleValue == workload.expectedPassAt1)

        let output = workload.directory + "/killed"
        let seed = ProcessInfo.processInfo.environment["PACE_CRASH_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 0...UInt64(UInt32.max))
        print("crash safety: seed \(seed) (PACE_CRASH_SEED=\(seed) repeats these kill moments)")
        var random = SeededRandom(seed: seed)
        var counts: [Int] = []
        var midRunKills = 0
        for round in 1...Self.kills {
            // Odd kills come a moment after the start, which may fall in start-up or resume; even kills a moment
            // after the run's first new result, while samples run and results are appended. Delays are 2–12 % of the
            // uninterrupted run, so the kills spread over the run on a fast or a loaded machine alike.
            let moment = KillMoment(
                delay: referenceSeconds * (0.02 + Double(random.next() % 1001) / 10_000),
                afterFirstResult: round % 2 == 0
            )
            let (count, landed) = try killOnce(workload: workload, output: output, round: round, at: moment)
            counts.append(count)
            if landed { midRunKills += 1 }
        }
        let finish = try PaceBinary.run(workload.arguments(output: output))
        #expect(finish.status == 0, "\(finish.stderr.suffix(2000))")
        try expectOneResultPerSample(in: output, workload: workload)
        let resumed = try summary(in: output)
        #expect(resumed["complete"] == .bool(true))
        #expect(resumed["metrics"] == referenceSummary["metrics"])
        #expect(resumed["counts"] == referenceSummary["counts"])
        #expect(counts == counts.sorted(), "a resumed run lost results: \(counts)")
        #expect(midRunKills >= 5, "only \(midRunKills) kills landed with samples left; results at the kills: \(counts)")
        #expect(counts.contains { $0 > 0 && $0 < workload.sampleCount }, "no kill landed mid-run: \(counts)")
    }

    /// When to SIGKILL: `delay` seconds after the start, or after the first result this run adds.
    private struct KillMoment {
        var delay: Double
        var afterFirstResult: Bool
    }

    /// Starts `pace`, SIGKILLs it at `moment`, and checks that its sandboxes die with it.
    /// Returns the number of complete result lines on disk at the kill, and whether the kill landed on a run that
    /// still had samples left.
    private func killOnce(
        workload: CrashWorkload,
        output: String,
        round: Int,
        at moment: KillMoment
    ) throws -> (Int, Bool) {
        let resultsPath = output + "/results.jsonl"
        let before = completeLines(in: resultsPath)
        let started = Date()
        let log = workload.directory + "/kill-\(round).log"
        let process = try PaceBinary.start(workload.arguments(output: output), log: log)
        if moment.afterFirstResult {
            waitWhile(process, limit: 20) { completeLines(in: resultsPath) == before }
        }
        usleep(useconds_t(moment.delay * 1e6))
        let finishedAlone = !process.isRunning
        kill(process.processIdentifier, SIGKILL)
        let killedAfter = Date().timeIntervalSince(started)
        process.waitUntilExit()
        let count = completeLines(in: resultsPath)
        let (gone, survivors) = ProcessTable.waitUntilGone(limit: 2, where: workload.owns)
        let when = (moment.afterFirstResult ? "first new result + " : "start + ") + seconds(moment.delay)
        print(
            "crash safety: kill \(round) at \(seconds(killedAfter)) s (\(when) s): \(count)/\(workload.sampleCount) results "
                + "on disk (\(count - before) new); "
                + (survivors.isEmpty ? "sandboxes gone \(seconds(gone)) s after" : "\(survivors.count) process(es) left")
        )
        #expect(survivors.isEmpty, "still running 2 s after SIGKILL: \(survivors)")
        ProcessTable.killAll(survivors)
        return (count, !finishedAlone && count < workload.sampleCount)
    }

    private func expectOneResultPerSample(in output: String, workload: CrashWorkload) throws {
        let text = try String(contentsOfFile: output + "/results.jsonl", encoding: .utf8)
        #expect(text.hasSuffix("\n"), "the last line is cut short")
        var keys: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let value = try? JSONParser.parse(String(line))
            guard let task = value?["task_id"]?.stringValue, let index = value?["sample_index"]?.intValue else {
                Issue.record("a torn or foreign line in results.jsonl: \(line.prefix(200))")
                continue
            }
            keys.append("\(task)#\(index)")
        }
        let duplicates = Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "samples with more than one result: \(duplicates)")
        #expect(Set(keys) == workload.keys, "missing: \(workload.keys.subtracting(keys).sorted())")
    }

    // MARK: - Ctrl-C

    @Test("Ctrl-C: exit 130 within seconds, every sandboxed process (setsid ones too) gone within 1 s, summary incomplete")
    func interrupt() throws {
        let directory = PaceBinary.scratch("crash-interrupt")
        let marker = "pace-crash-marker-\(getpid())-interrupt"
        let spawner = CrashWorkload.spawner(marker: marker)
        let quick = "def add(a, b):\n    return a + b\n"
        CrashWorkload.writeAddTask(to: directory + "/tasks.jsonl")
        let samples = [quick, quick, spawner, spawner].map { CrashWorkload.sampleLine(task: "C/0", code: $0) }
        PaceBinary.write(samples.joined(separator: "\n") + "\n", to: directory + "/samples.jsonl")
        let output = directory + "/out"
        let arguments = Self.arguments(directory, output: output, jobs: 2)
        let process = try PaceBinary.start(arguments, log: directory + "/pace.log")
        let owned: (LiveProcess) -> Bool = {
            $0.command.contains(marker) || CrashWorkload.isWorker($0) || $0.command.contains(output)
        }
        // Two children per sample; wait until the setsid() ones really are in their own session.
        let children = ProcessTable.waitForAtLeast(4, limit: 20) {
            $0.command.contains(marker) && ($0.session == $0.pid) == $0.command.contains("os.setsid()")
        }
        let ownSessions = children.filter { $0.session == $0.pid }.count
        print("crash safety: \(children.count) marked children (\(ownSessions) in their own session); sending SIGINT")
        try #require(children.count >= 4 && ownSessions == 2, "the samples' children did not start: \(log(directory))")
        let interrupted = Date()
        kill(process.processIdentifier, SIGINT)
        waitWhile(process, limit: 10) { true }
        let stopping = Date().timeIntervalSince(interrupted)
        let stillRunning = process.isRunning
        if stillRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let (gone, survivors) = ProcessTable.waitUntilGone(limit: 3, where: owned)
        print(
            "crash safety: pace exited \(seconds(stopping)) s after SIGINT with status \(process.terminationStatus); "
                + "its processes were gone \(seconds(gone)) s after the exit"
        )
        ProcessTable.killAll(survivors)
        #expect(!stillRunning && stopping < 5, "pace took \(seconds(stopping)) s to stop after SIGINT")
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(log(directory))")
        #expect(survivors.isEmpty, "still running 3 s after pace exited: \(survivors)")
        #expect(gone <= 1, "processes took \(seconds(gone)) s to go")
        let summary = try summary(in: output)
        #expect(summary["complete"] == .bool(false))
        #expect(summary.at("counts", "samples")?.intValue == 2)
        #expect(completeLines(in: output + "/results.jsonl") == 2)
    }

    // MARK: - Ctrl-C while expected outputs are computed

    @Test("Ctrl-C while canonical solutions compute expected outputs, then resume: the metrics of an uninterrupted run")
    func interruptDuringExpectedOutputs() throws {
        let directory = PaceBinary.scratch("crash-expected")
        CrashWorkload.writeSlowCanonicalTasks(to: directory + "/tasks.jsonl")
        // Right; wrong only on the last inputs of the plus suite; wrong everywhere.
        let bodies = ["return 2 * x", "return 2 * x if x < 13 else 0", "return 0"]
        let samples = ["P/0", "P/1"].flatMap { task in
            bodies.map { CrashWorkload.sampleLine(task: task, code: "def double(x):\n    \($0)\n") }
        }
        PaceBinary.write(samples.joined(separator: "\n") + "\n", to: directory + "/samples.jsonl")
        // Each run gets a fresh cache, so that both compute the expected outputs.
        func arguments(_ name: String) -> [String] {
            Self.arguments(directory, output: directory + "/" + name, jobs: 2)
                + ["--dataset-format", "humanevalplus", "--cache-dir", directory + "/cache-" + name]
        }
        let reference = try PaceBinary.run(arguments("reference"))
        try #require(reference.status == 0, "\(reference.stderr.suffix(2000))")
        let referenceSummary = try summary(in: directory + "/reference")
        #expect(referenceSummary.at("metrics", "pass@1")?.doubleValue == 0.333333)

        let process = try PaceBinary.start(arguments("interrupted"), log: directory + "/pace.log")
        let started = Date()
        waitWhile(process, limit: 20) { !log(directory).contains("computing expected outputs") }
        usleep(600_000)
        kill(process.processIdentifier, SIGINT)
        let sent = Date().timeIntervalSince(started)
        process.waitUntilExit()
        print("crash safety: SIGINT \(seconds(sent)) s in, while expected outputs were computed; exit \(process.terminationStatus)")
        #expect(process.terminationStatus == 130, "\(log(directory))")
        let resumed = try PaceBinary.run(arguments("interrupted"))
        #expect(resumed.status == 0, "\(resumed.stderr.suffix(2000))")
        let resumedSummary = try summary(in: directory + "/interrupted")
        #expect(resumedSummary["metrics"] == referenceSummary["metrics"])
        #expect(resumedSummary["counts"] == referenceSummary["counts"])
    }

    // MARK: - Looping sample, SIGKILL

    // Depends on the supervisor lifeline fix in Sources/CPaceSys/pace_spawn.c: without it a sandbox supervisor does not
    // notice that `pace` was SIGKILLed, and a sample stuck in a loop (with its children) runs on.
    @Test("SIGKILL while a sample loops: the looping sample and its children die with pace")
    func killDuringLoop() throws {
        let directory = PaceBinary.scratch("crash-loop")
        let marker = "pace-crash-marker-\(getpid())-loop"
        CrashWorkload.writeAddTask(to: directory + "/tasks.jsonl")
        let line = CrashWorkload.sampleLine(task: "C/0", code: CrashWorkload.spawner(marker: marker))
        PaceBinary.write(line + "\n", to: directory + "/samples.jsonl")
        let output = directory + "/out"
        let arguments = Self.arguments(directory, output: output, jobs: 1)
        let process = try PaceBinary.start(arguments, log: directory + "/pace.log")
        let children = ProcessTable.waitForAtLeast(2, limit: 20) { $0.command.contains(marker) }
        try #require(children.count >= 2, "the sample's children did not start: \(log(directory))")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let (gone, survivors) = ProcessTable.waitUntilGone(limit: 2) {
            $0.command.contains(marker) || CrashWorkload.isWorker($0) || $0.command.contains(output)
        }
        let outcome = survivors.isEmpty ? "gone after \(seconds(gone)) s" : "\(survivors.count) left"
        print("crash safety: looping sample, SIGKILL: \(outcome)")
        ProcessTable.killAll(survivors)
        #expect(survivors.isEmpty, "still running 2 s after SIGKILL: \(survivors)")
    }

    // MARK: - Helpers

    /// `pace evaluate` over `directory`'s tasks.jsonl and samples.jsonl, with a program time limit long enough that a
    /// looping sample is still running when the test stops `pace`.
    private static func arguments(_ directory: String, output: String, jobs: Int) -> [String] {
        [
            "evaluate", "--dataset", directory + "/tasks.jsonl", "--samples", directory + "/samples.jsonl",
            "--output", output, "--jobs", "\(jobs)", "--k", "1", "--program-timeout", "120", "--db", "none",
        ]
    }

    /// Polls every 5 ms while `process` runs, `condition` holds and fewer than `limit` seconds have passed.
    private func waitWhile(_ process: Process, limit: Double, _ condition: () -> Bool) {
        let start = Date()
        while process.isRunning && condition() && Date().timeIntervalSince(start) < limit { usleep(5_000) }
    }

    private func summary(in output: String) throws -> JSONValue {
        let text = try String(contentsOfFile: output + "/summary.json", encoding: .utf8)
        return try JSONParser.parse(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func completeLines(in path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private func log(_ directory: String) -> String {
        String(((try? String(contentsOfFile: directory + "/pace.log", encoding: .utf8)) ?? "").suffix(2000))
    }
}

private func seconds(_ value: Double) -> String { String(format: "%.2f", value) }
