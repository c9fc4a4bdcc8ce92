// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets

/// One request to make: which task and sample it is for, its body, and the key its response is cached under.
public struct RequestPlan: Sendable, Hashable {
    /// The task the sample answers.
    public var task: BenchmarkTask
    /// 0-based; also the sample's index in the output.
    public var sampleIndex: Int
    /// The request body without the streaming fields (they do not change the answer).
    public var payload: JSONValue
    /// The text sent to the model (system and user messages, or the prompt), for token estimates.
    public var promptText: String
    /// SHA-256 (hex) of the endpoint, the body (model, prompt, parameters) and the sample index.
    public var key: String

    /// The requests for `samplesPerTask` samples of each task, task by task.
    public static func plan(tasks: [BenchmarkTask], configuration: GenerationConfiguration) -> [RequestPlan] {
        tasks.flatMap { task in
            (0..<configuration.samplesPerTask).map { index in
                RequestPlan(task: task, sampleIndex: index, configuration: configuration)
            }
        }
    }

    /// The request for sample `sampleIndex` of `task`: the template filled in, the parameters, the cache key.
    public init(task: BenchmarkTask, sampleIndex: Int, configuration: GenerationConfiguration) {
        let template = configuration.template
        let user = template.fill(template.user, task: task)
        let system = template.system.map { template.fill($0, task: task) }
        var members: [(String, JSONValue)] = [("model", .string(configuration.model))]
        switch configuration.endpoint.kind {
        case .chat:
            var messages: [JSONValue] = []
            if let system { messages.append(.object([("role", .string("system")), ("content", .string(system))])) }
            messages.append(.object([("role", .string("user")), ("content", .string(user))]))
            members.append(("messages", .array(messages)))
            promptText = (system.map { $0 + "\n" } ?? "") + user
        case .completion:
            let prompt = (system.map { $0 + "\n\n" } ?? "") + user
            members.append(("prompt", .string(prompt)))
            promptText = prompt
        }
        members.append(("max_tokens", .number("\(configuration.maxTokens)")))
        members.append(("temperature", .number(jsonNumber(configuration.temperature))))
        if let topP = configuration.topP { members.append(("top_p", .number(jsonNumber(topP)))) }
        if let seed = configuration.seed { members.append(("seed", .number("\(seed + sampleIndex)"))) }
        if !template.stop.isEmpty { members.append(("stop", .array(template.stop.prefix(4).map { .string($0) }))) }
        self.task = task
        self.sampleIndex = sampleIndex
        payload = .object(members)
        key = FileReading.sha256(text: "\(configuration.endpoint.completionsURL)\n\(payload.jsonText)\n\(sampleIndex)")
    }
}
