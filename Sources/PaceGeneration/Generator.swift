// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// What a generation run did.
public struct GenerationReport: Sendable {
    /// Every sample that finished (cached, generated or failed), in plan order.
    public var samples: [GeneratedSample]
    /// Samples planned.
    public var planned: Int
    /// Samples served from the cache.
    public var cached = 0
    /// Samples whose request failed for good (recorded with the error).
    public var failed = 0
    /// Why the run stopped before every planned sample was there: a failure of the whole endpoint, too many
    /// failures in a row, or cancellation. Nil when it ran to the end.
    public var stoppedBy: GenerationError?
    /// Seconds from start to end.
    public var wallSeconds = 0.0

    /// Whether every planned sample is there (some may be failed samples).
    public var complete: Bool { stoppedBy == nil && samples.count == planned }
}

/// Runs the requests of a plan: cached responses at once, the rest from the server with at most
/// ``GenerationConfiguration/concurrency`` in flight, each response cached before it is used.
public struct Generator: Sendable {
    public let configuration: GenerationConfiguration

    /// A generator for `configuration`; it opens its HTTP client per run.
    public init(configuration: GenerationConfiguration) {
        self.configuration = configuration
    }

    private enum Outcome: Sendable {
        case sample(GeneratedSample)
        case fatal(GenerationError)
    }

    /// Generates the samples of `plans`.
    ///
    /// `onSample` is called once per finished sample, one call at a time, as soon as it is ready (after its response
    /// is on disk). Cancelling the calling task stops the run: requests in flight are abandoned, nothing received is
    /// lost, and the report's ``GenerationReport/stoppedBy`` says `cancelled`.
    public func run(
        plans: [RequestPlan],
        cache: ResponseCache,
        onSample: @escaping @Sendable (GeneratedSample) async -> Void
    ) async -> GenerationReport {
        let start = monotonicNow()
        var report = GenerationReport(samples: [], planned: plans.count)
        var missing: [RequestPlan] = []
        for plan in plans {
            if let response = cache.response(for: plan.key) {
                let sample = GeneratedSample(plan: plan, configuration: configuration, response: response, cached: true)
                report.samples.append(sample)
                report.cached += 1
                await onSample(sample)
            } else {
                missing.append(plan)
            }
        }
        if !missing.isEmpty {
            let client = OpenAIClient(configuration: configuration)
            do {
                try await client.preflight()
                try await request(missing, client: client, cache: cache, report: &report, onSample: onSample)
            } catch {
                report.stoppedBy = await explained(error, client: client)
            }
            await client.shutdown()
        }
        let order = Dictionary(
            plans.enumerated().map { ($0.element.key, $0.offset) },
            uniquingKeysWith: { first, _ in first }
        )
        report.samples.sort { order[$0.plan.key, default: 0] < order[$1.plan.key, default: 0] }
        report.wallSeconds = monotonicNow() - start
        return report
    }

    private func request(
        _ plans: [RequestPlan],
        client: OpenAIClient,
        cache: ResponseCache,
        report: inout GenerationReport,
        onSample: @escaping @Sendable (GeneratedSample) async -> Void
    ) async throws(GenerationError) {
        var breaker = CircuitBreaker()
        var stop: GenerationError?
        await withTaskGroup(of: Outcome.self) { group in
            var pending = plans.makeIterator()
            var inFlight = 0
            while inFlight < max(configuration.concurrency, 1), let plan = pending.next() {
                group.addTask { await self.fetch(plan, client: client, cache: cache) }
                inFlight += 1
            }
            while let outcome = await group.next() {
                inFlight -= 1
                switch outcome {
                case .sample(let sample):
                    report.samples.append(sample)
                    if let failure = sample.failure {
                        report.failed += 1
                        stop = stop ?? breaker.recordFailure(failure.error)
                    } else {
                        breaker.recordSuccess()
                    }
                    await onSample(sample)
                case .fatal(let error):
                    stop = stop ?? error
                }
                if stop == nil && Task.isCancelled { stop = GenerationError(.cancelled, "generation was cancelled") }
                if stop != nil {
                    group.cancelAll()
                } else if let plan = pending.next() {
                    group.addTask { await self.fetch(plan, client: client, cache: cache) }
                    inFlight += 1
                }
            }
        }
        if let stop { throw stop }
    }

    /// One request, cached on success.
    private func fetch(_ plan: RequestPlan, client: OpenAIClient, cache: ResponseCache) async -> Outcome {
        switch await client.complete(payload: plan.payload, promptText: plan.promptText) {
        case .success(let response):
            do {
                try await cache.store(response, for: plan)
            } catch {
                return .fatal(error)
            }
            return .sample(GeneratedSample(plan: plan, configuration: configuration, response: response, cached: false))
        case .failure(let failure):
            if failure.error.code.isFatal { return .fatal(failure.error) }
            return .sample(GeneratedSample(plan: plan, configuration: configuration, failure: failure))
        }
    }

    /// `error`, with the server's model list added when the model was not found.
    private func explained(_ error: any Error, client: OpenAIClient) async -> GenerationError {
        var error = (error as? GenerationError) ?? GenerationError(.cancelled, "\(error)")
        if error.code == .modelNotFound, let models = await client.listModels(), !models.isEmpty {
            let shown = models.prefix(20).joined(separator: ", ") + (models.count > 20 ? ", …" : "")
            error.message += "; the server offers: \(shown)"
        }
        return error
    }
}

/// Stops a run whose requests keep failing: the first three all failing, or many in a row.
struct CircuitBreaker {
    private var successes = 0
    private var failuresInARow = 0
    /// Failures in a row that stop the run even after successes.
    var limitInARow = 20

    mutating func recordSuccess() {
        successes += 1
        failuresInARow = 0
    }

    /// Counts a failed request; returns the error that stops the run when it should stop.
    mutating func recordFailure(_ error: GenerationError) -> GenerationError? {
        guard error.code != .badRequest else { return nil }
        failuresInARow += 1
        var stop = error
        if successes == 0 && failuresInARow >= 3 {
            stop.message = "the first \(failuresInARow) requests all failed, stopping; the last: \(error.message)"
            return stop
        }
        if failuresInARow >= limitInARow {
            stop.message = "\(failuresInARow) requests in a row failed, stopping; the last: \(error.message)"
            return stop
        }
        return nil
    }
}
