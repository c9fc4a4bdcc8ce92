// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceGeneration
import Testing

/// Whether the benchmark was asked for (`PACE_BENCH=1`, as Benchmarks/generation_client.sh sets it).
private let benchmarkRequested = ProcessInfo.processInfo.environment["PACE_BENCH"] == "1"

/// Throughput of the client against the local fake server. Not a timed test: it prints numbers for
/// Benchmarks/generation_client.sh and only checks that every request succeeded.
@Suite("Generation client benchmark", .serialized, .enabled(if: benchmarkRequested))
struct GenerationClientBenchmark {
    /// A 60-token answer, streamed one token per event.
    static let options = FakeOpenAIServer.Options(completion: { _ in
        fencedAdd + String(repeating: "# padding\n", count: 18)
    })

    @Test("requests per second at concurrency 1, 8 and 64", arguments: [1, 8, 64])
    func throughput(concurrency: Int) async throws {
        let requests = Int(ProcessInfo.processInfo.environment["PACE_BENCH_REQUESTS"] ?? "") ?? 2000
        // An instant server measures the client's cost per request; a server that takes 50 ms per answer (a model
        // would take longer) shows requests overlapping up to the concurrency limit.
        for (latency, count) in [(0.0, requests), (0.05, max(100, 25 * concurrency))] {
            for stream in [true, false] {
                var options = Self.options
                options.latency = latency
                try await FakeOpenAIServer.with(options) { server in
                    try await measure(
                        server,
                        concurrency: concurrency,
                        requests: count,
                        stream: stream,
                        latency: latency
                    )
                }
            }
        }
    }

    private func measure(_ server: FakeOpenAIServer, concurrency: Int, requests: Int, stream: Bool, latency: Double)
        async throws
    {
        let configuration = try testConfiguration(server) {
            $0.concurrency = concurrency
            $0.samplesPerTask = requests / 10
            $0.stream = stream
        }
        var report: GenerationReport?
        let elapsed = try await seconds { report = try await generate(configuration, tasks: addTasks(10)) }
        #expect(report?.complete == true && report?.failed == 0)
        print(
            "BENCH throughput concurrency=\(concurrency) server_latency_s=\(latency) stream=\(stream) requests=\(requests) "
                + "seconds=\(String(format: "%.3f", elapsed)) requests_per_s=\(String(format: "%.0f", Double(requests) / elapsed)) "
                + "max_in_flight=\(server.snapshot.maxInFlight)"
        )
    }

    @Test("fills a cache with 10 005 responses for the RSS measurement (pace-bench × 667)")
    func fillCache() async throws {
        let directory = try #require(ProcessInfo.processInfo.environment["PACE_BENCH_CACHE"])
        try await FakeOpenAIServer.with(.init(completion: try benchmarkCompletions())) { server in
            var code: Int32 = -1
            let elapsed = await seconds {
                code = await pace([
                    "generate", "--dataset", "pace-bench", "--model", "fake-model", "--base-url", server.baseURL, "--n",
                    "667",
                    "--concurrency", "64", "--response-cache", directory + "/cache", "--output",
                    directory + "/samples.jsonl", "--quiet",
                ])
            }
            #expect(code == 0)
            try server.baseURL.write(toFile: directory + "/base_url", atomically: true, encoding: .utf8)
            print(
                "BENCH fill requests=10005 seconds=\(String(format: "%.3f", elapsed)) requests_per_s=\(String(format: "%.0f", 10005 / elapsed))"
            )
        }
    }
}
