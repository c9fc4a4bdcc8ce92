// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore

/// An incremental parser of server-sent events: bytes in, the `data` of each complete event out.
///
/// Follows the parts of the WHATWG grammar that OpenAI-compatible servers use: `data:` lines (several are joined
/// with newlines), comments (`:` keep-alives) and other fields ignored, LF or CRLF line ends, an event ending at
/// a blank line.
package struct ServerSentEventParser {
    private var line: [UInt8] = []
    private var data: [String] = []

    package init() {}

    /// Feeds bytes; returns the data of every event they complete.
    package mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var events: [String] = []
        for byte in bytes {
            if byte == 0x0A {
                if let event = endLine() { events.append(event) }
            } else {
                line.append(byte)
            }
        }
        return events
    }

    /// Ends the stream: the data of an event left without its blank line, if any.
    package mutating func finish() -> String? {
        if !line.isEmpty, let event = endLine() { return event }
        return dispatch()
    }

    private mutating func endLine() -> String? {
        if line.last == 0x0D { line.removeLast() }
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return dispatch() }
        guard line.starts(with: Array("data:".utf8)) else { return nil }
        var value = line.dropFirst(5)
        if value.first == 0x20 { value = value.dropFirst() }
        data.append(String(decoding: value, as: UTF8.self))
        return nil
    }

    private mutating func dispatch() -> String? {
        guard !data.isEmpty else { return nil }
        defer { data.removeAll() }
        return data.joined(separator: "\n")
    }
}

/// Builds a ``CompletionResponse`` from streamed chunks, timing each content chunk.
struct StreamAccumulator {
    let kind: APIKind
    let promptText: String
    let start: Double
    private(set) var text = ""
    private(set) var finishReason: String?
    private(set) var usage: TokenUsage?
    private(set) var sawDone = false
    private var contentChunks = 0
    private var firstTokenAt: Double?
    private var lastTokenAt: Double?

    init(kind: APIKind, promptText: String, start: Double) {
        self.kind = kind
        self.promptText = promptText
        self.start = start
    }

    /// Takes one event's data received at monotonic time `now`.
    ///
    /// - Throws: ``GenerationError`` `malformedResponse` for data that is not JSON, or the server's error when the
    ///   chunk is an `{"error": …}` object.
    mutating func take(_ data: String, at now: Double) throws(GenerationError) {
        if data == "[DONE]" {
            sawDone = true
            return
        }
        guard let chunk = try? JSONParser.parse(data) else {
            throw GenerationError(.malformedResponse, "a streamed event is not JSON: \(String(data.prefix(120)))")
        }
        if chunk["error"] != nil {
            throw GenerationError(
                .serverError,
                "the server reported an error mid-stream: \(ResponseBody.errorMessage(Array(data.utf8)))"
            )
        }
        if let reported = chunk["usage"].flatMap(TokenUsage.init(json:)) { usage = reported }
        let (piece, finish, _) = ResponseBody.choiceText(chunk, kind: kind)
        if let finish { finishReason = finish }
        guard let piece, !piece.isEmpty else { return }
        text += piece
        contentChunks += 1
        if firstTokenAt == nil { firstTokenAt = now }
        lastTokenAt = now
    }

    /// Whether the stream reached its end: `[DONE]`, or a finish reason (some servers close without `[DONE]`).
    var isComplete: Bool { sawDone || finishReason != nil }

    /// The finished response, ended at monotonic time `end`.
    func response(end: Double, attempts: Int) -> CompletionResponse {
        let counted = TokenUsage(
            promptTokens: TokenUsage.estimate(promptText),
            completionTokens: contentChunks,
            source: .counted
        )
        var gap: Double?
        if let first = firstTokenAt, let last = lastTokenAt, contentChunks > 1 {
            gap = (last - first) / Double(contentChunks - 1)
        }
        return CompletionResponse(
            text: text,
            finishReason: finishReason,
            usage: usage ?? counted,
            latency: end - start,
            timeToFirstToken: firstTokenAt.map { $0 - start },
            interTokenLatency: gap,
            streamed: true,
            attempts: attempts
        )
    }

    /// A description of how far the stream got, for error messages.
    var progressDescription: String {
        "after \(contentChunks) content chunk(s), \(text.utf8.count) bytes of text"
    }
}
