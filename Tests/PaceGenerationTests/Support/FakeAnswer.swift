// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import PaceCore

/// One answer of the fake server, as a JSON body or as server-sent events, one piece (token) per event.
struct FakeAnswer: Sendable {
    let text: String
    let prompt: String
    let chat: Bool
    let model: String
    let options: FakeOpenAIServer.Options

    /// The text cut into "tokens" of `pieceLength` characters.
    var pieces: [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(options.pieceLength)))
            rest = rest.dropFirst(options.pieceLength)
        }
        return pieces
    }

    /// What the fake server reports as usage: prompt bytes / 3, one completion token per piece.
    var usage: JSONValue {
        let prompt = prompt.utf8.count / 3
        return .object([
            ("prompt_tokens", .number("\(prompt)")),
            ("completion_tokens", .number("\(pieces.count)")),
            ("total_tokens", .number("\(prompt + pieces.count)")),
        ])
    }

    /// The non-streamed body.
    func whole() -> JSONValue {
        let choice: JSONValue =
            chat
            ? .object([
                ("index", .number("0")),
                ("message", .object([("role", .string("assistant")), ("content", .string(text))])),
                ("finish_reason", .string("stop")),
            ])
            : .object([("index", .number("0")), ("text", .string(text)), ("finish_reason", .string("stop"))])
        var members: [(String, JSONValue)] = [
            ("id", .string("cmpl-fake")),
            ("object", .string(chat ? "chat.completion" : "text_completion")),
            ("model", .string(model)),
            ("choices", .array([choice])),
        ]
        if options.reportsUsage { members.append(("usage", usage)) }
        return .object(members)
    }

    /// One streamed chunk carrying `piece` (and a finish reason when given).
    func chunk(_ piece: String?, finish: String? = nil) -> JSONValue {
        let finishValue: JSONValue = finish.map { .string($0) } ?? .null
        let choice: JSONValue =
            chat
            ? .object([
                ("index", .number("0")), ("delta", .object(piece.map { [("content", .string($0))] } ?? [])),
                ("finish_reason", finishValue),
            ])
            : .object([("index", .number("0")), ("text", .string(piece ?? "")), ("finish_reason", finishValue)])
        return .object([("id", .string("cmpl-fake")), ("model", .string(model)), ("choices", .array([choice]))])
    }

    /// Writes the answer as server-sent events, misbehaving as `behaviour` says.
    func stream(_ behaviour: FakeBehaviour, includeUsage: Bool, to writer: ResponseWriter) async throws {
        func send(_ value: JSONValue) async throws {
            try await writer.write("data: \(value.jsonText)\n\n")
        }
        if chat {
            try await writer.write(": keep-alive\n\n")
            try await send(
                .object([
                    (
                        "choices",
                        .array([
                            .object([
                                ("index", .number("0")),
                                ("delta", .object([("role", .string("assistant")), ("content", .string(""))])),
                            ])
                        ])
                    )
                ])
            )
        }
        for (position, piece) in pieces.enumerated() {
            switch behaviour {
            case .cutStream(let limit) where position == limit: throw CutConnection()
            case .endEarly(let limit) where position == limit:
                try await writer.finish()
                return
            case .slow(let delay): try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
            default: break
            }
            try await send(chunk(piece))
        }
        try await send(chunk(nil, finish: "stop"))
        if includeUsage {
            try await send(.object([("id", .string("cmpl-fake")), ("choices", .array([])), ("usage", usage)]))
        }
        try await writer.write("data: [DONE]\n\n")
        try await writer.finish()
    }
}
