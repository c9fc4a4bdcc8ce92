// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore
import PaceRunners
import PaceSandbox

/// A trusted Python process that compares outputs with expected answers; it never runs sample code.
///
/// Comparison happens here, not in the sample's process, so a sample cannot see expected answers, patch the
/// checker or return an object whose `__eq__` lies (outputs arrive as plain tagged JSON).
final class Judge {
    private let python: PythonInterpreter
    private let configuration: SandboxConfiguration
    private var worker: PythonWorker?
    private var checkers: Set<String> = []

    /// - Parameter configuration: The sandbox of trusted dataset code (`EvaluationConfiguration.trustedSandbox`):
    ///   the judge runs the dataset's checkers and holds large expected outputs.
    init(python: PythonInterpreter, configuration: SandboxConfiguration) {
        self.python = python
        self.configuration = configuration
    }

    /// One comparison to make.
    struct Item {
        /// Tagged JSON text of each, passed through unparsed; with `pickled`, `input` is a generated input as it
        /// travels between workers (its pickle as base64 text).
        var input: String
        var expected: String
        var output: String
        var pickled = false
    }

    /// Judges `items` for `task`; returns one verdict per item, or a harness problem.
    func judge(task: BenchmarkTask, items: [Item]) throws(EvaluationError) -> [Bool] {
        if items.isEmpty { return [] }
        let worker = try ensureWorker()
        var special: JSONValue = .null
        var useChecker = false
        switch task.comparison {
        case .equality: break
        case .polynomialRoot: special = .string("find_zero")
        case .checker(let source, let function):
            try loadChecker(task: task, source: source, function: function, worker: worker)
            useChecker = true
        }
        var request = #"{"op":"judge","task":"# + JSONValue.string(task.id).jsonText
        request += #","atol":"# + format(task.atol) + #","special":"# + special.jsonText
        request += #","checker":"# + (useChecker ? "true" : "false") + #","items":["#
        for (index, item) in items.enumerated() {
            if index > 0 { request += "," }
            request += item.pickled ? #"{"blob":""# + item.input + "\"" : #"{"input":"# + item.input
            request += #","expected":"# + item.expected
            request += #","output":"# + item.output + "}"
        }
        request += "]}"
        guard worker.process.send(request, deadline: monotonicNanoseconds() + 120_000_000_000) else {
            return try restart("the judge stopped reading")
        }
        let outcome = CallOutcome(worker.next(deadline: monotonicNanoseconds() + 120_000_000_000))
        guard case .value(let message) = outcome, let results = message["results"]?.arrayValue,
            results.count == items.count
        else {
            return try restart("the judge failed: \(outcome)")
        }
        return results.map { $0 == .bool(true) }
    }

    /// The tagged JSON text of a generated input (its pickle as base64 text), to show; nil if the judge cannot make it.
    func render(pickled input: String) -> String? {
        guard let worker = try? ensureWorker() else { return nil }
        let reply = worker.request(.object([("op", .string("render")), ("blob", .string(input))]), timeout: 120)
        guard case .message(let message) = reply, let text = message["text"]?.stringValue else {
            if case .message = reply {} else { close() }
            return nil
        }
        return text
    }

    private func restart(_ reason: String) throws(EvaluationError) -> [Bool] {
        worker?.close()
        worker = nil
        checkers = []
        throw EvaluationError(.harnessFailed, reason)
    }

    private func ensureWorker() throws(EvaluationError) -> PythonWorker {
        if let worker, worker.isAlive { return worker }
        checkers = []
        do {
            let started = try PythonWorker(python: python, configuration: configuration)
            worker = started
            return started
        } catch {
            throw EvaluationError(.harnessFailed, "cannot start the judge: \(error)")
        }
    }

    private func loadChecker(task: BenchmarkTask, source: String, function: String, worker: PythonWorker) throws(EvaluationError) {
        guard !checkers.contains(task.id) else { return }
        let request = JSONValue.object([
            ("op", .string("load_checker")), ("task", .string(task.id)), ("code", .string(source)),
            ("function", .string(function)),
        ])
        let outcome = CallOutcome(worker.request(request, timeout: 60))
        guard case .value = outcome else {
            throw EvaluationError(.harnessFailed, "the checker of \(task.id) does not load: \(outcome)")
        }
        checkers.insert(task.id)
    }

    func close() {
        worker?.close()
        worker = nil
    }
}
