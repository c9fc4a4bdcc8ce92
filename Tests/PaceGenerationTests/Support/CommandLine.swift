// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCLI
import PaceCore
import PaceDatasets

/// Runs `pace` with `arguments` in this process; returns the exit code it would end with.
func pace(_ arguments: [String]) async -> Int32 {
    do {
        let parsed = try PaceCommand.parseAsRoot(arguments)
        if var command = parsed as? any AsyncParsableCommand {
            try await command.run()
        } else {
            var command = parsed
            try command.run()
        }
        return 0
    } catch let code as ExitCode {
        return code.rawValue
    } catch {
        print("pace \(arguments.first ?? ""): \(error)")
        return PaceCommand.exitCode(for: error).rawValue
    }
}

/// Answers with the bundled benchmark's fast example solutions, in a chat-style reply.
func benchmarkCompletions() throws -> @Sendable (String) -> String {
    let dataset = try Dataset.load("pace-bench")
    let samples = try PaceBenchReader.samples(path: dataset.path)
    var byEntryPoint: [String: String] = [:]
    for task in dataset.tasks {
        let good = samples.first { $0.taskID == task.id && $0.extra.first?.1.stringValue?.hasPrefix("good") == true }
        byEntryPoint[task.entryPoint] = good?.code
    }
    let answers = byEntryPoint
    return { prompt in
        for (entryPoint, code) in answers where prompt.contains("def \(entryPoint)(") {
            return "Here is an efficient solution:\n\n```python\n\(code)```\n\nIt avoids quadratic work."
        }
        return "I cannot help with that."
    }
}

/// The `pace` executable next to the test bundle, when `swift build` has built it.
var paceExecutable: String? {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [directory, directory.deletingLastPathComponent()] {
        let path = candidate.appendingPathComponent("pace").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}
