// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore

/// Reads a completion body as it arrives: server-sent events or one JSON object, told apart by the first bytes
/// (servers do not always label them right).
struct BodyReader {
    private enum Mode { case undecided, events, json }
    private var mode = Mode.undecided
    private var bytes: [UInt8] = []
    private var parser = ServerSentEventParser()
    private var accumulator: StreamAccumulator
    private let kind: APIKind
    private let promptText: String
    private let start: Double
    /// The largest JSON body accepted.
    static let limit = 32 << 20

    init(kind: APIKind, promptText: String, start: Double) {
        self.kind = kind
        self.promptText = promptText
        self.start = start
        accumulator = StreamAccumulator(kind: kind, promptText: promptText, start: start)
    }

    /// Takes the next piece of the body, received at monotonic time `now`.
    mutating func take(_ chunk: some Collection<UInt8>, at now: Double) throws(GenerationError) {
        switch mode {
        case .events:
            for event in parser.feed(chunk) { try accumulator.take(event, at: now) }
        case .json, .undecided:
            bytes.append(contentsOf: chunk)
            guard bytes.count <= BodyReader.limit else {
                throw GenerationError(.malformedResponse, "the answer is larger than 32 MiB")
            }
            if mode == .undecided, let start = bytes.firstIndex(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }),
                bytes.count - start >= 5 || bytes[start] != UInt8(ascii: "d")
            {
                let head = bytes[start...].prefix(5)
                mode = head.elementsEqual("data:".utf8) || head.first == UInt8(ascii: ":") ? .events : .json
                if mode == .events {
                    let pending = bytes
                    bytes = []
                    try take(pending, at: now)
                }
            }
        }
    }

    /// Text received so far (streams only).
    var partialText: String { accumulator.text }

    /// How far a stream got, for error messages.
    var progressDescription: String { mode == .events ? accumulator.progressDescription : "while reading the answer" }

    /// The complete response.
    ///
    /// - Throws: ``AttemptFailure`` for a stream cut before its end, a body that is not JSON, or JSON without a choice.
    mutating func finish(end: Double, attempts: Int) throws(AttemptFailure) -> CompletionResponse {
        if mode == .events {
            do {
                if let last = parser.finish() { try accumulator.take(last, at: end) }
            } catch {
                throw AttemptFailure(error, retryable: true, partialText: accumulator.text)
            }
            guard accumulator.isComplete else {
                let message = "the stream ended \(accumulator.progressDescription) without [DONE] or a finish reason"
                throw AttemptFailure(
                    GenerationError(.truncatedStream, message),
                    retryable: true,
                    partialText: accumulator.text
                )
            }
            return accumulator.response(end: end, attempts: attempts)
        }
        return try json(end: end, attempts: attempts)
    }

    private func json(end: Double, attempts: Int) throws(AttemptFailure) -> CompletionResponse {
        let shown = String(decoding: bytes.prefix(120), as: UTF8.self)
        guard let body = try? JSONParser.parse(bytes: bytes) else {
            let message = bytes.isEmpty ? "the answer is empty" : "the answer is not JSON: \(shown)"
            throw AttemptFailure(GenerationError(.malformedResponse, message), retryable: true)
        }
        if body["error"] != nil {
            let message = "the server answered with an error: \(ResponseBody.errorMessage(bytes))"
            throw AttemptFailure(GenerationError(.serverError, message), retryable: true)
        }
        let (text, finishReason, isChoice) = ResponseBody.choiceText(body, kind: kind)
        guard isChoice else {
            throw AttemptFailure(
                GenerationError(.malformedResponse, "the answer has no choices: \(shown)"),
                retryable: true
            )
        }
        let content = text ?? ""
        let counted = TokenUsage(
            promptTokens: TokenUsage.estimate(promptText),
            completionTokens: TokenUsage.estimate(content),
            source: .counted
        )
        return CompletionResponse(
            text: content,
            finishReason: finishReason,
            usage: body["usage"].flatMap(TokenUsage.init(json:)) ?? counted,
            latency: end - start,
            streamed: false,
            attempts: attempts
        )
    }
}
