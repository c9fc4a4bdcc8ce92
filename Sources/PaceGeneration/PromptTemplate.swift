// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore

/// How a task's prompt is put to a model, stored with every run so that its samples can be reproduced.
///
/// `{prompt}` and `{entry_point}` in ``system`` and ``user`` are replaced by the task's prompt and function name.
public struct PromptTemplate: Sendable, Hashable {
    /// A short name written into every sample (`instruct`, `base`, or the template file's name).
    public var name: String
    /// The system message (chat only); nil sends none.
    public var system: String?
    /// The user message (chat) or the whole prompt (completion).
    public var user: String
    /// Stop sequences sent with the request (at most 4, OpenAI's limit).
    public var stop: [String]
    /// Whether the model continues the prompt (base models) rather than answering with a whole program.
    public var continuesPrompt: Bool

    public init(name: String, system: String?, user: String, stop: [String] = [], continuesPrompt: Bool) {
        self.name = name
        self.system = system
        self.user = user
        self.stop = stop
        self.continuesPrompt = continuesPrompt
    }

    /// For instruction-tuned models: ask for the complete function, code only, in one fenced block.
    public static let instruct = PromptTemplate(
        name: "instruct",
        system: "You are an expert Python programmer. You answer with code only.",
        user: """
            Complete the following Python function. Return the complete function, with the imports and helper \
            functions it needs, in a single ```python code block. Do not include tests, example usage or explanations.

            ```python
            {prompt}
            ```
            """,
        continuesPrompt: false
    )

    /// For base models: the prompt itself, completed as text; stops where top-level test code would begin.
    public static let base = PromptTemplate(
        name: "base",
        system: nil,
        user: "{prompt}",
        stop: ["\nif __name__", "\ndef main(", "\nprint(", "\nassert "],
        continuesPrompt: true
    )

    /// Reads a template file: its whole text is the user message; a first line `system: …` sets the system message.
    ///
    /// - Throws: ``GenerationError`` with code `badConfiguration` when the file cannot be read or lacks `{prompt}`.
    public static func load(path: String, continuesPrompt: Bool) throws(GenerationError) -> PromptTemplate {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GenerationError(.badConfiguration, "cannot read the template file \(path)")
        }
        var text = String(decoding: data, as: UTF8.self)
        var system: String?
        if text.hasPrefix("system:"), let newline = text.firstIndex(of: "\n") {
            system = text[text.index(text.startIndex, offsetBy: 7)..<newline].trimmingCharacters(in: .whitespaces)
            text = String(text[text.index(after: newline)...])
        }
        guard text.contains("{prompt}") else {
            throw GenerationError(.badConfiguration, "the template file \(path) must contain {prompt}")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return PromptTemplate(
            name: name,
            system: system,
            user: text,
            stop: continuesPrompt ? PromptTemplate.base.stop : [],
            continuesPrompt: continuesPrompt
        )
    }

    /// The text of `template` with the task's fields filled in.
    ///
    /// A base model gets the prompt byte for byte; an instruction is given the prompt without trailing blank lines.
    public func fill(_ template: String, task: BenchmarkTask) -> String {
        let prompt = continuesPrompt ? task.prompt : task.prompt.trimmingTrailingNewlines
        return template.replacingOccurrences(of: "{entry_point}", with: task.entryPoint)
            .replacingOccurrences(of: "{prompt}", with: prompt)
    }

    /// The template as JSON, for the run's record.
    public var json: JSONValue {
        .object([
            ("name", .string(name)),
            ("system", system.map { .string($0) } ?? .null),
            ("user", .string(user)),
            ("stop", .array(stop.map { .string($0) })),
            ("continues_prompt", .bool(continuesPrompt)),
        ])
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" || text.last == " " { text.removeLast() }
        return text
    }
}
