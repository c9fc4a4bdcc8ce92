// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore

/// One sample produced by generation: the extracted program, the raw completion and what it cost, or the failure.
public struct GeneratedSample: Sendable, Hashable {
    /// The request the sample came from.
    public var plan: RequestPlan
    public var model: String
    public var templateName: String
    /// The response, or nil when the request failed.
    public var response: CompletionResponse?
    /// Why the request failed, when it did.
    public var failure: RequestFailure?
    /// The program extracted from the completion, and the steps taken (empty for a failed request).
    public var extraction: Extraction
    /// Whether the response came from the cache rather than the server.
    public var cached: Bool
    /// US dollars, when prices were given and the request succeeded.
    public var costUSD: Double?

    /// A sample built from a response.
    public init(plan: RequestPlan, configuration: GenerationConfiguration, response: CompletionResponse, cached: Bool) {
        self.plan = plan
        model = configuration.model
        templateName = configuration.template.name
        self.response = response
        failure = nil
        extraction = CodeExtractor.extract(
            response.text,
            prompt: plan.task.prompt,
            entryPoint: plan.task.entryPoint,
            continuesPrompt: configuration.template.continuesPrompt
        )
        self.cached = cached
        costUSD = configuration.price?.cost(of: response.usage)
    }

    /// A failed sample: empty solution, the error recorded.
    public init(plan: RequestPlan, configuration: GenerationConfiguration, failure: RequestFailure) {
        self.plan = plan
        model = configuration.model
        templateName = configuration.template.name
        response = nil
        self.failure = failure
        extraction = Extraction(code: "", notes: [])
        cached = false
        costUSD = nil
    }

    public var taskID: String { plan.task.id }
    public var sampleIndex: Int { plan.sampleIndex }

    /// The line written to the samples file: `task_id`, `solution`, then the generation fields.
    public var record: JSONValue {
        .object([("task_id", .string(taskID)), ("solution", .string(extraction.code))] + extraFields)
    }

    /// The sample as evaluation takes it; the generation fields become its `extra`.
    public func sample(origin: String) -> Sample {
        Sample(taskID: taskID, index: sampleIndex, code: extraction.code, origin: origin, extra: extraFields)
    }

    /// The generation fields, in a fixed order.
    public var extraFields: [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [
            ("model", .string(model)),
            ("sample_index", .number("\(sampleIndex)")),
            ("template", .string(templateName)),
            ("raw_completion", .string(response?.text ?? failure?.partialText ?? "")),
        ]
        if let response {
            fields.append(("finish_reason", response.finishReason.map { .string($0) } ?? .null))
            fields.append(("usage", response.usage.json))
            fields.append(("latency_s", rounded(response.latency)))
            fields.append(("ttft_s", response.timeToFirstToken.map(rounded) ?? .null))
            if let gap = response.interTokenLatency { fields.append(("itl_s", rounded(gap))) }
            fields.append(
                (
                    "tokens_per_s",
                    response.tokensPerSecond.map { .number(jsonNumber(($0 * 100).rounded() / 100)) } ?? .null
                )
            )
            if let costUSD { fields.append(("cost_usd", .number(jsonNumber((costUSD * 1e9).rounded() / 1e9)))) }
            fields.append(("attempts", .number("\(response.attempts)")))
            fields.append(("cached", .bool(cached)))
            fields.append(("extraction", .array(extraction.notes.map { .string($0) })))
        }
        if let failure {
            var error: [(String, JSONValue)] = [
                ("code", .string(failure.error.code.description)), ("message", .string(failure.error.message)),
            ]
            if let status = failure.error.status { error.append(("status", .number("\(status)"))) }
            fields.append(("attempts", .number("\(failure.attempts)")))
            fields.append(("error", .object(error)))
        }
        return fields
    }
}
