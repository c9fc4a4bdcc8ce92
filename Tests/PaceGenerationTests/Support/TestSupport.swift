// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceGeneration

/// A fresh temporary directory.
func temporaryDirectory(_ name: String = "pace-gen-test") -> String {
    let path = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A small task in HumanEval's shape.
func addTask(_ id: String = "Test/0") -> BenchmarkTask {
    BenchmarkTask(id: id, index: 0, prompt: Prompts.add, entryPoint: "add")
}

/// A configuration aimed at `server`, quick to give up: short retry waits and timeouts.
func testConfiguration(
    _ server: FakeOpenAIServer,
    kind: APIKind = .chat,
    cache: String = temporaryDirectory(),
    _ adjust: (inout GenerationConfiguration) -> Void = { _ in }
) throws -> GenerationConfiguration {
    var configuration = GenerationConfiguration(
        endpoint: try Endpoint(baseURL: server.baseURL, kind: kind),
        model: "fake-model",
        cacheDirectory: cache
    )
    configuration.template = kind == .chat ? .instruct : .base
    configuration.retry = RetryPolicy(maxRetries: 3, baseDelay: 0.01, maxDelay: 0.05)
    configuration.requestTimeout = 10
    configuration.stallTimeout = 5
    configuration.samplesPerTask = 1
    adjust(&configuration)
    return configuration
}

/// One request for `task` through a fresh client.
func completeOnce(
    _ configuration: GenerationConfiguration,
    task: BenchmarkTask = addTask()
) async -> Result<CompletionResponse, RequestFailure> {
    let client = OpenAIClient(configuration: configuration)
    let plan = RequestPlan(task: task, sampleIndex: 0, configuration: configuration)
    let result = await client.complete(payload: plan.payload, promptText: plan.promptText)
    await client.shutdown()
    return result
}

/// Seconds taken by `body`.
func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = Date()
    try await body()
    return Date().timeIntervalSince(start)
}

/// The fake server's default answer: a fenced add function.
let fencedAdd = "Here you go:\n\n```python\ndef add(x: int, y: int):\n    return x + y\n```\n"
