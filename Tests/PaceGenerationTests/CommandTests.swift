// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import Testing

@Suite("pace generate and pace run", .serialized)
struct CommandTests {
    static let tasks = "pace/count_primes,pace/lis_length"

    @Test("pace generate writes a samples file that pace evaluate reads, and a record of the run")
    func generateWritesSamples() async throws {
        let directory = temporaryDirectory()
        try await FakeOpenAIServer.with(.init(completion: try benchmarkCompletions())) { server in
            let output = directory + "/samples.jsonl"
            let code = await pace([
                "generate", "--dataset", "pace-bench", "--tasks", Self.tasks, "--model", "fake-model",
                "--base-url", server.baseURL, "--n", "2", "--price-per-mtok", "0.5,1.5", "--response-cache",
                directory + "/cache",
                "--output", output, "--quiet",
            ])
            #expect(code == 0)
            let dataset = try Dataset.load("pace-bench")
            let samples = try SampleReader.read(path: output, tasks: dataset.tasks).samples
            #expect(
                samples.map(\.key) == [
                    "pace/count_primes#0", "pace/count_primes#1", "pace/lis_length#0", "pace/lis_length#1",
                ]
            )
            #expect(samples.allSatisfy { $0.code.contains("def ") && !$0.code.contains("```") })
            let extra = JSONValue.object(samples[0].extra)
            #expect(extra["model"] == .string("fake-model") && extra["template"] == .string("instruct"))
            #expect(extra["usage"]?["source"] == .string("server") && extra["cost_usd"]?.doubleValue != nil)
            let sidecar = try JSONParser.parse(
                String(contentsOfFile: directory + "/samples.generation.json", encoding: .utf8)
            )
            #expect(sidecar["generation"]?["template"]?["name"] == .string("instruct"))
            #expect(sidecar["generation"]?["model"] == .string("fake-model"))
            // pace evaluate reads the file and accounts the generation in its summary.
            let evaluated = await pace([
                "evaluate", "--dataset", "pace-bench", "--samples", output, "--output", directory + "/out",
                "--cache-dir", directory + "/eval-cache", "--no-efficiency", "--k", "1", "--quiet",
            ])
            #expect(evaluated == 0)
            let summary = try JSONParser.parse(String(contentsOfFile: directory + "/out/summary.json", encoding: .utf8))
            #expect(summary["generation"]?["models"]?["fake-model"]?["correct"] == .number("4"))
        }
    }

    @Test("pace generate exits with endpointError (6) and one message for a wrong key, an unknown model or no server")
    func generateFailures() async throws {
        let directory = temporaryDirectory()
        setenv("PACE_TEST_KEY", "wrong-key", 1)
        var options = FakeOpenAIServer.Options(completion: { _ in fencedAdd })
        options.apiKey = "right-key"
        let port = try await FakeOpenAIServer.with(options) { server in
            let common = [
                "generate", "--dataset", "pace-bench", "--tasks", Self.tasks, "--base-url", server.baseURL, "--quiet",
                "--response-cache", directory + "/cache", "--output", directory + "/s.jsonl",
            ]
            #expect(await pace(common + ["--model", "fake-model", "--api-key-env", "PACE_TEST_KEY"]) == 6)
            setenv("PACE_TEST_KEY", "right-key", 1)
            #expect(await pace(common + ["--model", "no-such-model", "--api-key-env", "PACE_TEST_KEY"]) == 6)
            #expect(await pace(common + ["--model", "fake-model", "--api-key-env", "PACE_TEST_UNSET_VARIABLE"]) == 64)
            // The key is refused by the preflight; a missing model fails the first wave of requests (concurrency 8).
            #expect(server.snapshot.requests <= 8)
            return server.port
        }
        let code = await pace([
            "generate", "--dataset", "pace-bench", "--tasks", Self.tasks, "--model", "fake-model", "--quiet",
            "--base-url", "http://127.0.0.1:\(port)/v1", "--response-cache", directory + "/cache", "--output",
            directory + "/s.jsonl",
        ])
        #expect(code == 6)
        #expect(!FileManager.default.fileExists(atPath: directory + "/s.jsonl"))
    }

    @Test("pace run evaluates samples as they are generated, accounts cost in summary.json, and resumes from the cache")
    func runGeneratesAndEvaluates() async throws {
        let directory = temporaryDirectory()
        try await FakeOpenAIServer.with(.init(completion: try benchmarkCompletions())) { server in
            let arguments = [
                "run", "--dataset", "pace-bench", "--tasks", Self.tasks, "--model", "fake-model", "--base-url",
                server.baseURL,
                "--n", "2", "--price-per-mtok", "1,2", "--response-cache", directory + "/cache", "--output",
                directory + "/out",
                "--cache-dir", directory + "/eval-cache", "--no-efficiency", "--jobs", "2", "--k", "1", "--quiet",
            ]
            #expect(await pace(arguments) == 0)
            let summary = try JSONParser.parse(String(contentsOfFile: directory + "/out/summary.json", encoding: .utf8))
            #expect(summary["metrics"]?["pass@1"]?.doubleValue == 1)
            let model = try #require(summary["generation"]?["models"]?["fake-model"])
            #expect(model["samples"] == .number("4") && model["correct"] == .number("4"))
            #expect(model["cost_of_pass_usd"]?.doubleValue ?? 0 > 0)
            #expect(model["ttft_s"]?["p50"]?.doubleValue != nil)
            let results = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8).split(
                separator: "\n"
            )
            #expect(results.count == 4)
            let first = try JSONParser.parse(String(results[0]))
            #expect(first["extra"]?["usage"]?["source"] == .string("server"))
            #expect(FileManager.default.fileExists(atPath: directory + "/out/samples.jsonl"))
            // Again: every response is cached and every result is kept.
            #expect(await pace(arguments) == 0)
            #expect(server.snapshot.requests == 4)
            let again = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8).split(
                separator: "\n"
            )
            #expect(again.count == 4)
        }
    }

    @Test(
        "a killed pace generate loses nothing it received, and the next run asks only for the rest",
        .enabled(if: paceExecutable != nil)
    )
    func killAndResume() async throws {
        let executable = try #require(paceExecutable)
        let directory = temporaryDirectory()
        var stalling = FakeOpenAIServer.Options(completion: try benchmarkCompletions())
        stalling.behaviour = { number, _ in number < 5 ? .complete : .hang }
        let arguments = { (url: String) in
            [
                "generate", "--dataset", "pace-bench", "--tasks",
                "pace/count_primes,pace/lis_length,pace/merge_intervals",
                "--model", "fake-model", "--base-url", url, "--n", "4", "--concurrency", "2", "--quiet",
                "--response-cache", directory + "/cache", "--output", directory + "/samples.jsonl",
            ]
        }
        let port = try await FakeOpenAIServer.with(stalling) { server in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments(server.baseURL)
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while server.snapshot.requests < 7 && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            return server.port
        }
        let cacheFile = try #require(try FileManager.default.contentsOfDirectory(atPath: directory + "/cache").first)
        #expect(
            try String(contentsOfFile: directory + "/cache/" + cacheFile, encoding: .utf8).split(separator: "\n").count
                == 5
        )
        try await FakeOpenAIServer.with(.init(completion: try benchmarkCompletions()), port: port) { server in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments(server.baseURL)
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(server.snapshot.requests == 7)
        }
        let lines = try String(contentsOfFile: directory + "/samples.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 12)
    }
}
