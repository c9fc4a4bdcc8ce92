// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCore
import PaceDatasets
import PaceEvaluation
import PaceRunners
import PaceSandbox

extension PaceCommand {
    /// `pace demo`: evaluate the bundled benchmark's example solutions and print a readable summary.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate Pace's bundled benchmark (pace-bench) and its example solutions; needs only python3."
        )

        @Option(help: "Output directory (default: a fresh temporary directory).")
        var output: String?

        @Option(help: "Timed repetitions per test on hard levels (the demo uses 3 to stay quick; ENAMEL uses 6).")
        var repetitions: Int = 3

        @Flag(help: "Print summary.json to stdout instead of the table.")
        var json = false

        @OptionGroup var runOptions: RunOptions

        func run() throws {
            var configuration = try runOptions.configuration()
            configuration.repetitions = repetitions
            configuration.ks = [1]
            let dataset: Dataset
            var samples: [Sample]
            do {
                dataset = try Dataset.load("pace-bench")
                samples = try PaceBenchReader.samples(path: dataset.path)
            } catch {
                printError("pace: error: \(error)")
                throw PaceExitCode.harnessError.exitCode
            }
            for task in dataset.tasks {
                if let slow = task.efficiency?.slowReference {
                    let index = samples.filter { $0.taskID == task.id }.count
                    samples.append(Sample(taskID: task.id, index: index, code: slow, origin: "slow.py", extra: [("label", .string("slow_reference"))]))
                }
            }
            let directory = output ?? NSTemporaryDirectory() + "pace-demo-\(ProcessInfo.processInfo.processIdentifier)"
            let samplesFile = directory + "/samples.jsonl"
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let lines = samples.map { sample in
                JSONValue.object([("task_id", .string(sample.taskID)), ("solution", .string(sample.code))] + sample.extra).jsonText
            }
            guard FileManager.default.createFile(atPath: samplesFile, contents: Data((lines.joined(separator: "\n") + "\n").utf8)) else {
                printError("pace: error: cannot write the demo's samples to \(samplesFile)")
                throw PaceExitCode.outputProblem.exitCode
            }
            printError("pace: evaluating \(samples.count) example solutions of \(dataset.tasks.count) bundled tasks (\(dataset.path))")
            let evaluator = Evaluator(
                dataset: dataset,
                samples: samples,
                samplesPath: samplesFile,
                outputDirectory: directory,
                configuration: configuration
            )
            let summary: EvaluationSummary
            do {
                summary = try evaluator.run(progress: StderrProgress(quiet: runOptions.quiet))
            } catch {
                printError("pace: error: \(error.message)")
                throw PaceExitCode.harnessError.exitCode
            }
            if json {
                print(summary.json.jsonText)
            } else {
                print(DemoTable.render(summary, samples: samples))
            }
        }
    }
}

/// The demo's table: one row per example solution.
enum DemoTable {
    static func render(_ summary: EvaluationSummary, samples: [Sample]) -> String {
        let labels = Dictionary(samples.map { ($0.key, $0.extra.first { $0.0 == "label" }?.1.stringValue ?? "?") }, uniquingKeysWith: { a, _ in a })
        var lines = ["task                     solution                        verdict        eff    detail"]
        for result in summary.results {
            let task = String(result.taskID.dropFirst("pace/".count))
            let label = labels[result.key] ?? "?"
            let efficiency = result.efficiency.map { String(format: "%.2f", $0.score) } ?? "-"
            var detail = result.verdict.detail ?? ""
            if let censored = result.efficiency?.censoredLevel {
                detail = "\(result.efficiency?.censorReason ?? "censored") from level \(censored)"
            }
            lines.append([
                task.padding(toLength: 24, withPad: " ", startingAt: 0),
                label.padding(toLength: 31, withPad: " ", startingAt: 0),
                result.verdict.outcome.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0),
                efficiency.padding(toLength: 6, withPad: " ", startingAt: 0),
                Verdict.shorten(detail.replacingOccurrences(of: "\n", with: " "), to: 60),
            ].joined(separator: " "))
        }
        lines.append("")
        lines.append(SummaryText.render(summary))
        lines.append("eff = ENAMEL efficiency against the fast reference (1.0 = as fast, 0 = at the 2x timeout or failed).")
        return lines.joined(separator: "\n")
    }
}
