// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import Testing

@Suite("pace: bad input gets a clear error and a non-zero exit", .serialized)
struct BadInputEndToEndTests {
    let directory = PaceBinary.scratch("bad")
    var dataset: String { directory + "/tasks.jsonl" }

    init() {
        let record = #"{"task_id": "T/0", "prompt": "def f(x):\n", "canonical_solution": "    return x\n", "test": "def check(c):\n    assert c(1) == 1\n", "entry_point": "f"}"#
        PaceBinary.write(record + "\n", to: directory + "/tasks.jsonl")
    }

    @Test("a malformed JSONL line: exit 2, file and line named")
    func malformedSamples() throws {
        PaceBinary.write(#"{"task_id": "T/0", "solution": "def f(x): return x"}"# + "\n{broken\n", to: directory + "/s1.jsonl")
        let output = try PaceBinary.run(["evaluate", "--dataset", dataset, "--samples", directory + "/s1.jsonl", "--output", directory + "/o1"])
        #expect(output.status == 2)
        #expect(output.stderr.contains(directory + "/s1.jsonl:2"))
    }

    @Test("samples for unknown tasks are listed; --skip-unknown goes on")
    func unknownTasks() throws {
        PaceBinary.write(#"{"task_id": "Nope/1", "solution": "x"}"# + "\n" + #"{"task_id": "T/0", "solution": "def f(x): return x"}"# + "\n", to: directory + "/s2.jsonl")
        let failed = try PaceBinary.run(["evaluate", "--dataset", dataset, "--samples", directory + "/s2.jsonl", "--output", directory + "/o2"])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("Nope/1") && failed.stderr.contains("--skip-unknown"))
        let skipped = try PaceBinary.run(["evaluate", "--dataset", dataset, "--samples", directory + "/s2.jsonl", "--output", directory + "/o2", "--skip-unknown", "--json"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.json?.at("metrics", "pass@1")?.doubleValue == 1)
    }

    @Test("a missing python3: exit 3")
    func missingPython() throws {
        PaceBinary.write(#"{"task_id": "T/0", "solution": "def f(x): return x"}"# + "\n", to: directory + "/s3.jsonl")
        let output = try PaceBinary.run(["evaluate", "--dataset", dataset, "--samples", directory + "/s3.jsonl", "--python", "/nonexistent/python3"])
        #expect(output.status == 3)
        #expect(output.stderr.contains("/nonexistent/python3"))
    }

    @Test("an unreadable dataset: exit 2 with the path")
    func unreadableDataset() throws {
        let output = try PaceBinary.run(["evaluate", "--dataset", directory + "/missing.jsonl", "--samples", directory + "/s3.jsonl"])
        #expect(output.status == 2)
        #expect(output.stderr.contains(directory + "/missing.jsonl"))
    }

    @Test("a bad flag value: a usage error with a sentence")
    func badFlag() throws {
        let output = try PaceBinary.run(["evaluate", "--dataset", dataset, "--samples", dataset, "--k", "zero"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--k must be positive integers"))
    }
}

@Suite("pace evaluate: resume", .serialized)
struct ResumeEndToEndTests {
    @Test("a partial last line is dropped and the run resumes to one result per sample and the same metrics")
    func resume() throws {
        let directory = PaceBinary.scratch("resume")
        let record = #"{"task_id": "T/0", "prompt": "def f(x):\n", "canonical_solution": "    return x\n", "test": "def check(c):\n    assert c(1) == 1\n", "entry_point": "f"}"#
        PaceBinary.write(record + "\n", to: directory + "/tasks.jsonl")
        let samples = (0..<6).map { i in #"{"task_id": "T/0", "solution": "def f(x):\n    return x\#(i % 2 == 0 ? "" : " + 1")\n"}"# }
        PaceBinary.write(samples.joined(separator: "\n") + "\n", to: directory + "/samples.jsonl")
        let arguments = ["evaluate", "--dataset", directory + "/tasks.jsonl", "--samples", directory + "/samples.jsonl", "--output", directory + "/out", "--json", "--k", "1,2"]
        let first = try PaceBinary.run(arguments)
        #expect(first.status == 0)
        let resultsPath = directory + "/out/results.jsonl"
        let lines = try String(contentsOfFile: resultsPath, encoding: .utf8).split(separator: "\n")
        // Keep three results and half of the fourth line, as a power cut would.
        let cut = lines.prefix(3).joined(separator: "\n") + "\n" + lines[3].prefix(lines[3].count / 2)
        PaceBinary.write(String(cut), to: resultsPath)
        let second = try PaceBinary.run(arguments)
        #expect(second.status == 0)
        #expect(second.stderr.contains("partial last line"))
        let after = try String(contentsOfFile: resultsPath, encoding: .utf8).split(separator: "\n")
        let keys = after.compactMap { try? JSONParser.parse(String($0)) }.map { "\($0["sample_index"]?.intValue ?? -1)" }
        #expect(after.count == 6 && Set(keys).count == 6)
        #expect(first.json?.at("metrics", "pass@1") == second.json?.at("metrics", "pass@1"))
        #expect(second.json?.at("metrics", "pass@1")?.doubleValue == 0.5)
    }
}

@Suite("pace doctor and missing sandbox essentials", .serialized)
struct SandboxEssentialsEndToEndTests {
    @Test("pace doctor reports each check as enforced or not, from probes")
    func doctor() throws {
        let output = try PaceBinary.run(["doctor"])
        #expect(output.status == 0, "\(output.stderr)")
        for name in ["process-group kill", "time limit", "memory limit", "network namespace", "private /tmp", "hardware counters"] {
            #expect(output.stdout.contains(name), "doctor names \(name)")
        }
        #expect(output.stdout.contains("Pace's worker starts in the sandbox"))
    }

    @Test("without an essential, evaluate refuses (exit 7) unless --unsafe, which the summary records")
    func refusal() throws {
        let directory = PaceBinary.scratch("unsafe")
        let record = #"{"task_id": "T/0", "prompt": "def f(x):\n", "canonical_solution": "    return x\n", "test": "def check(c):\n    assert c(1) == 1\n", "entry_point": "f"}"#
        PaceBinary.write(record + "\n", to: directory + "/tasks.jsonl")
        PaceBinary.write(#"{"task_id": "T/0", "completion": "    return x\n"}"# + "\n", to: directory + "/samples.jsonl")
        let arguments = ["evaluate", "--dataset", directory + "/tasks.jsonl", "--samples", directory + "/samples.jsonl", "--output", directory + "/out", "--json", "--quiet"]
        let faulty = ["PACE_SANDBOX_FAULTS": "no-limits"]
        let refused = try PaceBinary.run(arguments, environment: faulty)
        #expect(refused.status == 7)
        #expect(refused.stderr.contains("memory limit not enforced") && refused.stderr.contains("--unsafe"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/results.jsonl"))
        let doctor = try PaceBinary.run(["doctor"], environment: faulty)
        #expect(doctor.status == 7 && doctor.stdout.contains("MISSING"))
        let forced = try PaceBinary.run(arguments + ["--unsafe"], environment: faulty)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.json?.at("isolation", "unsafe_missing") == .array([.string("memory limit")]))
        #expect(forced.json?.at("metrics", "pass@1")?.doubleValue == 1)
    }
}
