// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCore
import PaceReport
import PaceStore

extension PaceCommand {
    /// `pace runs`: the runs recorded in the results database.
    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the runs recorded in the results database, or import an output directory into it.",
            subcommands: [List.self, Import.self],
            defaultSubcommand: List.self
        )
    }
}

extension PaceCommand.Runs {
    /// `pace runs list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List recorded runs, newest first.")

        @Option(help: "Results database, or a directory holding pace.sqlite (default: $PACE_DB, else ./pace.sqlite).")
        var db: String?

        @Flag(help: "Print the runs as JSON lines.")
        var json = false

        func run() throws {
            let path = RunStore.resolve(DatabaseLocation.forReading(db))
            guard FileManager.default.fileExists(atPath: path) else {
                printError("pace: error: there is no results database at \(path); pass --db PATH or set PACE_DB")
                throw PaceExitCode.badInput.exitCode
            }
            let runs: [RunInfo]
            do {
                runs = try RunStore(path: path).runs()
            } catch {
                printError("pace: error: \(error)")
                throw PaceExitCode.badInput.exitCode
            }
            if json {
                for run in runs { print(RunsTable.json(run).jsonText) }
            } else {
                print(RunsTable.render(runs, path: path))
            }
        }
    }

    /// `pace runs import`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record output directories of 'pace evaluate' in the results database.",
            discussion: "Importing a directory again replaces its earlier record and keeps the run id."
        )

        @Argument(help: "Output directories of 'pace evaluate'.")
        var directories: [String]

        @Option(help: "Results database (default: $PACE_DB, else DIRECTORY/pace.sqlite).")
        var db: String?

        @Option(help: "Model name to record (default: the samples' 'model' field, else the samples file name).")
        var model: String?

        func run() throws {
            for directory in directories {
                do {
                    var run = try RunLocator(databasePath: nil).load(directory)
                    if let model { run.run.info.model = model }
                    let path = DatabaseLocation.forWriting(db, outputDirectory: directory)
                    let store = try RunStore(path: path)
                    let id = try store.record(run.run)
                    for note in run.notes { printError("pace: note: \(directory): \(note)") }
                    print("imported \(directory) as run \(id) in \(store.path) (\(run.run.results.count) samples)")
                } catch let error as ReportError {
                    throw reportFailure(error)
                } catch {
                    printError("pace: error: \(error)")
                    throw PaceExitCode.outputProblem.exitCode
                }
            }
        }
    }
}

/// The table `pace runs` prints.
enum RunsTable {
    static func render(_ runs: [RunInfo], path: String) -> String {
        guard !runs.isEmpty else { return "no runs recorded in \(path)" }
        var lines = [row(["id", "started", "model", "dataset", "tasks", "samples", "pass@1", "eff@1", "complete"])]
        for run in runs {
            let metrics = Dictionary(run.summaryMetrics, uniquingKeysWith: { first, _ in first })
            lines.append(
                row([
                    run.id.map { "\($0)" } ?? "-", String(run.startedAt.prefix(19)), run.model, run.datasetName,
                    "\(run.taskCount)",
                    "\(run.sampleCount)", metrics["pass@1"].map { String(format: "%.3f", $0) } ?? "-",
                    metrics["eff@1"].map { String(format: "%.3f", $0) } ?? "-", run.complete ? "yes" : "no",
                ])
            )
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ cells: [String]) -> String {
        let widths = [5, 20, 24, 28, 6, 8, 7, 7, 9]
        return zip(cells, widths).map { cell, width in
            let text = cell.count > width - 1 ? String(cell.prefix(width - 2)) + "…" : cell
            return text.padding(toLength: width, withPad: " ", startingAt: 0)
        }.joined().trimmingCharacters(in: .whitespaces)
    }

    static func json(_ run: RunInfo) -> JSONValue {
        .object([
            ("id", run.id.map { .number("\($0)") } ?? .null),
            ("model", .string(run.model)),
            ("dataset", .string(run.datasetName)),
            ("dataset_sha256", .string(run.datasetSHA256)),
            ("output_dir", .string(run.outputDirectory)),
            ("started_at", .string(run.startedAt)),
            ("complete", .bool(run.complete)),
            ("tasks", .number("\(run.taskCount)")),
            ("samples", .number("\(run.sampleCount)")),
            ("metrics", run.summary["metrics"] ?? .object([])),
        ])
    }
}
