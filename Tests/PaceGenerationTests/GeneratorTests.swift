// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceGeneration
import Synchronization
import Testing

/// Tasks `Test/0` … `Test/<count-1>`, all asking for `add`.
func addTasks(_ count: Int) -> [BenchmarkTask] {
    (0..<count).map { index in
        var task = addTask("Test/\(index)")
        task.index = index
        task.prompt = Prompts.add.replacingOccurrences(of: "Add two numbers", with: "Add two numbers (task \(index))")
        return task
    }
}

/// Runs a generator over `plans` and returns its report.
func generate(_ configuration: GenerationConfiguration, tasks: [BenchmarkTask]) async throws -> GenerationReport {
    let cache = try ResponseCache(
        directory: configuration.cacheDirectory,
        endpoint: configuration.endpoint,
        model: configuration.model
    )
    let plans = RequestPlan.plan(tasks: tasks, configuration: configuration)
    return await Generator(configuration: configuration).run(plans: plans, cache: cache) { _ in }
}

@Suite("Generator: concurrency, cache, resume, failures", .serialized)
struct GeneratorTests {
    @Test("never has more requests in flight than the concurrency limit")
    func concurrencyLimit() async throws {
        var options = FakeOpenAIServer.Options(completion: { _ in fencedAdd })
        options.latency = 0.05
        try await FakeOpenAIServer.with(options) { server in
            let configuration = try testConfiguration(server) {
                $0.concurrency = 4
                $0.samplesPerTask = 6
            }
            let report = try await generate(configuration, tasks: addTasks(4))
            #expect(report.complete && report.samples.count == 24 && report.failed == 0)
            #expect(server.snapshot.maxInFlight == 4)
            #expect(server.snapshot.requests == 24)
            #expect(report.samples.map(\.sampleIndex) == Array(repeating: Array(0..<6), count: 4).flatMap { $0 })
        }
    }

    @Test("resumes after an interrupted run: finished responses come from the cache, only the rest are asked for")
    func resumesFromCache() async throws {
        let cacheDirectory = temporaryDirectory()
        let tasks = addTasks(3)
        var stalling = FakeOpenAIServer.Options(completion: { prompt in fencedAdd + "# \(prompt.utf8.count)\n" })
        stalling.behaviour = { number, _ in number < 5 ? .complete : .hang }
        let (first, port) = try await FakeOpenAIServer.with(stalling) { server -> (GenerationReport, Int) in
            let configuration = try testConfiguration(server, cache: cacheDirectory) {
                $0.concurrency = 2
                $0.samplesPerTask = 4
            }
            let cache = try ResponseCache(
                directory: cacheDirectory,
                endpoint: configuration.endpoint,
                model: configuration.model
            )
            let (received, arrived) = AsyncStream<Int>.makeStream()
            let counter = Counter()
            let run = Task {
                await Generator(configuration: configuration).run(
                    plans: RequestPlan.plan(tasks: tasks, configuration: configuration),
                    cache: cache
                ) { _ in
                    arrived.yield(counter.increment())
                }
            }
            for await count in received where count == 5 { break }
            run.cancel()
            return (await run.value, server.port)
        }
        #expect(first.stoppedBy?.code == .cancelled)
        #expect(first.samples.count == 5 && !first.complete)
        let files = try FileManager.default.contentsOfDirectory(atPath: cacheDirectory)
        #expect(files.count == 1)
        let cachePath = cacheDirectory + "/" + files[0]
        #expect(try String(contentsOfFile: cachePath, encoding: .utf8).split(separator: "\n").count == 5)
        // A crash in the middle of a write leaves half a line: it is skipped and the next record starts afresh.
        let handle = try #require(FileHandle(forWritingAtPath: cachePath))
        handle.seekToEndOfFile()
        handle.write(Data("{\"key\":\"half a rec".utf8))
        try handle.close()
        // The same endpoint (same port) comes back healthy: only the 7 missing responses are asked for.
        let healthy = FakeOpenAIServer.Options(completion: { prompt in fencedAdd + "# \(prompt.utf8.count)\n" })
        try await FakeOpenAIServer.with(healthy, port: port) { server in
            let configuration = try testConfiguration(server, cache: cacheDirectory) {
                $0.concurrency = 2
                $0.samplesPerTask = 4
            }
            let cache = try ResponseCache(
                directory: cacheDirectory,
                endpoint: configuration.endpoint,
                model: configuration.model
            )
            #expect(cache.count == 5 && cache.skippedLines == 1)
            let plans = RequestPlan.plan(tasks: tasks, configuration: configuration)
            let report = await Generator(configuration: configuration).run(plans: plans, cache: cache) { _ in }
            #expect(report.complete && report.cached == 5 && report.samples.count == 12)
            #expect(server.snapshot.requests == 7)
            #expect(Array(report.samples.filter(\.cached).map(\.response)) == first.samples.map(\.response))
        }
        let reopened = try ResponseCache(path: cachePath)
        #expect(reopened.count == 12 && reopened.skippedLines == 1)
    }

    @Test("records a request the server rejects as a failed sample and goes on")
    func failedSample() async throws {
        var options = FakeOpenAIServer.Options(completion: { _ in fencedAdd })
        options.behaviour = { _, prompt in prompt.contains("task 1)") ? .status(400) : .complete }
        try await FakeOpenAIServer.with(options) { server in
            let configuration = try testConfiguration(server) { $0.samplesPerTask = 2 }
            let report = try await generate(configuration, tasks: addTasks(3))
            #expect(report.complete && report.failed == 2 && report.samples.count == 6)
            let failed = report.samples.filter { $0.failure != nil }
            #expect(failed.map(\.taskID) == ["Test/1", "Test/1"])
            let record = try #require(failed.first?.record)
            #expect(record["solution"] == .string(""))
            #expect(record["error"]?["code"] == .string("badRequest"))
            #expect(record["error"]?["status"] == .number("400"))
        }
    }

    @Test("stops when the first requests all fail, instead of failing every sample")
    func circuitBreaker() async throws {
        var options = FakeOpenAIServer.Options(completion: { _ in fencedAdd })
        options.behaviour = { _, _ in .status(500) }
        try await FakeOpenAIServer.with(options) { server in
            let configuration = try testConfiguration(server) {
                $0.retry.maxRetries = 0
                $0.concurrency = 2
                $0.samplesPerTask = 10
            }
            let report = try await generate(configuration, tasks: addTasks(5))
            #expect(report.stoppedBy?.code == .serverError)
            #expect(report.stoppedBy?.message.contains("first 3 requests all failed") == true)
            #expect(server.snapshot.requests < 10)
        }
    }

    @Test("stops with one timeout message when the server never answers")
    func silentServer() async throws {
        var options = FakeOpenAIServer.Options(completion: { _ in fencedAdd })
        options.behaviour = { _, _ in .silent }
        try await FakeOpenAIServer.with(options) { server in
            let configuration = try testConfiguration(server) {
                $0.retry.maxRetries = 0
                $0.requestTimeout = 0.3
                $0.concurrency = 3
                $0.samplesPerTask = 4
            }
            let report = try await generate(configuration, tasks: addTasks(3))
            #expect(report.stoppedBy?.code == .timeout)
            #expect(report.stoppedBy?.message.contains("first 3 requests all failed") == true)
            #expect(report.samples.count == 3 && report.samples.allSatisfy { $0.failure?.error.code == .timeout })
        }
    }

    @Test("stops at once on a refused key or an unknown model, naming the models the server has")
    func fatalErrors() async throws {
        var options = FakeOpenAIServer.Options(completion: { _ in fencedAdd })
        options.apiKey = "secret"
        try await FakeOpenAIServer.with(options) { server in
            let report = try await generate(
                try testConfiguration(server) { $0.endpoint.apiKey = "nope" },
                tasks: addTasks(3)
            )
            #expect(report.stoppedBy?.code == .unauthorized)
            #expect(server.snapshot.requests == 0)
        }
        try await FakeOpenAIServer.with(.init(completion: { _ in fencedAdd })) { server in
            let report = try await generate(
                try testConfiguration(server) { $0.model = "llama-99b" },
                tasks: addTasks(3)
            )
            #expect(report.stoppedBy?.code == .modelNotFound)
            #expect(report.stoppedBy?.message.contains("the server offers: fake-model") == true)
            #expect(server.snapshot.requests <= 3)
        }
    }

    @Test("accounts tokens and cost per sample, and serves a re-run from the cache")
    func accounting() async throws {
        try await FakeOpenAIServer.with(.init(completion: { _ in fencedAdd })) { server in
            let configuration = try testConfiguration(server) {
                $0.price = Price(inputPerMillion: 1, outputPerMillion: 2)
                $0.samplesPerTask = 2
            }
            let report = try await generate(configuration, tasks: addTasks(2))
            let sample = try #require(report.samples.first)
            let usage = try #require(sample.response?.usage)
            #expect(usage.source == .server)
            #expect(sample.costUSD == (Double(usage.promptTokens) + 2 * Double(usage.completionTokens)) / 1e6)
            let record = sample.record
            #expect(record["solution"] == .string("def add(x: int, y: int):\n    return x + y\n"))
            #expect(record["raw_completion"] == .string(fencedAdd))
            #expect(record["model"] == .string("fake-model") && record["template"] == .string("instruct"))
            #expect(record["usage"]?["source"] == .string("server"))
            #expect(record["sample_index"] == .number("0") && record["cached"] == .bool(false))
            #expect(record["finish_reason"] == .string("stop"))
            #expect(record["ttft_s"]?.doubleValue != nil && record["latency_s"]?.doubleValue != nil)
            #expect(record["cost_usd"]?.doubleValue != nil)
            let again = try await generate(configuration, tasks: addTasks(2))
            #expect(again.cached == 4 && server.snapshot.requests == 4)
            #expect(again.samples.map(\.response) == report.samples.map(\.response))
            #expect(again.samples.first?.record["cached"] == .bool(true))
        }
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
}
