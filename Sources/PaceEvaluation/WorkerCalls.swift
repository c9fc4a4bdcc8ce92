// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import PaceCore
import PaceRunners
import PaceSandbox

/// What one request to a worker came to.
enum CallOutcome: Error, Sendable {
    /// The worker answered `ok`.
    case value(JSONValue)
    /// The code raised: the worker's `kind` (`exception`, `memory`, `overflow`, `recursion`, `syntax`, …) and text.
    case failure(kind: String, error: String)
    case timedOut
    case died(ProcessEnd, stderr: String)
    case garbled(String)

    init(_ reply: PythonWorker.Reply) {
        switch reply {
        case .message(let message):
            if message["ok"] == .bool(true) {
                self = .value(message)
            } else {
                self = .failure(
                    kind: message["kind"]?.stringValue ?? "exception",
                    error: message["error"]?.stringValue ?? "unknown error"
                )
            }
        case .timedOut: self = .timedOut
        case .ended(let end, let stderr): self = .died(end, stderr: stderr)
        case .garbled(let text): self = .garbled(text)
        }
    }

    /// The verdict this outcome gives a sample (for anything but `.value`).
    func verdict(input: String?, testsRun: Int) -> Verdict {
        switch self {
        case .value: return Verdict(.passed, testsRun: testsRun)
        case .failure(let kind, let error):
            switch kind {
            case "memory": return Verdict(.outOfMemory, detail: error, input: input, testsRun: testsRun)
            case "timeout": return Verdict(.timeout, detail: error, input: input, testsRun: testsRun)
            case "syntax": return Verdict(.syntaxError, detail: error, testsRun: testsRun)
            case "harness", "protocol": return Verdict(.harnessError, detail: error, input: input, testsRun: testsRun)
            case "exit": return Verdict(.crashed, detail: "the program exited mid-test (\(error))", input: input, testsRun: testsRun)
            default: return Verdict(.failed, detail: error, input: input, testsRun: testsRun)
            }
        case .timedOut:
            return Verdict(.timeout, detail: "exceeded the time limit", input: input, testsRun: testsRun)
        case .died(let end, let stderr):
            return CallOutcome.verdict(for: end, stderr: stderr, input: input, testsRun: testsRun)
        case .garbled(let text):
            return Verdict(.crashed, detail: "the program corrupted the worker protocol: \(text)", input: input, testsRun: testsRun)
        }
    }

    static func verdict(for end: ProcessEnd, stderr: String, input: String?, testsRun: Int) -> Verdict {
        let tail = stderr.isEmpty ? "" : " — " + String(stderr.suffix(300))
        switch end {
        case .signaled(SIGXCPU): return Verdict(.timeout, detail: "CPU-time limit", input: input, testsRun: testsRun)
        case .signaled(SIGKILL): return Verdict(.outOfMemory, detail: "killed (SIGKILL), likely out of memory" + tail, input: input, testsRun: testsRun)
        case .signaled(SIGXFSZ): return Verdict(.failed, detail: "file-size limit exceeded", input: input, testsRun: testsRun)
        case .signaled(let signal): return Verdict(.crashed, detail: "killed by signal \(signal)" + tail, input: input, testsRun: testsRun)
        case .exited(let status): return Verdict(.crashed, detail: "the process exited with status \(status) mid-test" + tail, input: input, testsRun: testsRun)
        case .killed: return Verdict(.timeout, detail: "killed by Pace", input: input, testsRun: testsRun)
        }
    }
}

/// One per-test result of a batch.
struct BatchItem: Sendable {
    /// The output as tagged JSON text, passed to the judge unparsed (`{"$omitted": n}` when it was too long).
    var output: String
    /// SHA-256 of the full output text, when it has one (not for NaN).
    var digest: String?
    /// Whether the output was too long to be sent (only its digest was).
    var omitted: Bool
    var seconds: Double
}

extension PythonWorker {
    /// Loads a program under the name `name`; returns nil on success or the failing outcome.
    func load(code: String, entryPoint: String, name: String = "sample", timeout: Double) -> CallOutcome? {
        let request = JSONValue.object([
            ("op", .string("load")), ("name", .string(name)), ("code", .string(code)), ("entry_point", .string(entryPoint)),
        ])
        let outcome = CallOutcome(self.request(request, timeout: timeout))
        if case .value = outcome { return nil }
        return outcome
    }

    /// The longest output text a batch sends by default (longer ones send only their digest): sample outputs, and
    /// the expected outputs kept as text.
    static let batchOutputLimit = 1 << 16

    /// Runs each input once, with a hard per-input deadline of `limits[i] + grace`; stops at the first problem.
    ///
    /// - Returns: The outputs of the inputs that ran, and the failing outcome (with its index) if one failed.
    func batch(
        inputs: [String],
        limits: [Double],
        grace: Double,
        outputTimeout: Double,
        maxOutput: Int = PythonWorker.batchOutputLimit,
        name: String = "sample"
    ) -> (items: [BatchItem], failure: (Int, CallOutcome)?) {
        var request = #"{"op":"batch","name":"# + JSONValue.string(name).jsonText
        request += #","max_output":\#(maxOutput),"inputs":["#
        request += inputs.joined(separator: ",")
        request += "]}"
        let longest = limits.max() ?? 1
        guard process.send(request, deadline: monotonicNanoseconds() + UInt64((longest + grace + 5) * 1e9)) else {
            return ([], (0, .timedOut))
        }
        var items: [BatchItem] = []
        items.reserveCapacity(inputs.count)
        for index in inputs.indices {
            let reply = next(deadline: monotonicNanoseconds() + UInt64((limits[index] + grace) * 1e9))
            let outcome = CallOutcome(reply)
            guard case .value(let message) = outcome else { return (items, (index, outcome)) }
            // Lines the program forged into the pipe must not pass for the worker's: exactly this test's header.
            guard message["i"]?.intValue == index, let nanoseconds = message["t"]?.intValue else {
                process.kill()
                return (items, (index, .garbled("expected the header of test \(index), got \(message.jsonText.prefix(120))")))
            }
            let seconds = Double(nanoseconds) / 1e9
            if seconds > limits[index] {
                process.kill()
                return (items, (index, .timedOut))
            }
            let outputDeadline = monotonicNanoseconds() + UInt64(outputTimeout * 1e9)
            let digestReply = next(deadline: outputDeadline)
            guard case .message(let digestLine) = digestReply else { return (items, (index, CallOutcome(digestReply))) }
            guard digestLine["n"]?.intValue != nil, digestLine["ok"] == nil else {
                process.kill()
                return (items, (index, .garbled("expected a digest line, got \(digestLine.jsonText.prefix(120))")))
            }
            let digest = digestLine["d"]?.stringValue
            switch nextRaw(deadline: outputDeadline) {
            case .success(let bytes):
                let omitted = bytes.starts(with: Array(#"{"$omitted""#.utf8))
                items.append(BatchItem(output: String(decoding: bytes, as: UTF8.self), digest: digest, omitted: omitted, seconds: seconds))
            case .failure(.timedOut):
                return (items, (index, .timedOut))
            case .failure(.ended(let end, let stderr)):
                return (items, (index, .died(end, stderr: stderr)))
            case .failure(.garbled(let text)):
                return (items, (index, .garbled(text)))
            }
        }
        let done = CallOutcome(next(deadline: monotonicNanoseconds() + UInt64((grace + 5) * 1e9)))
        guard case .value(let message) = done else { return (items, (inputs.count, done)) }
        guard message["done"] == .bool(true) else {
            process.kill()
            return (items, (inputs.count, .garbled("expected the end of the batch, got \(message.jsonText.prefix(120))")))
        }
        return (items, nil)
    }
}
