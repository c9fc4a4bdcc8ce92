// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCore
import PaceDatasets
import PaceEvaluation
import PaceRunners
import PaceSandbox

extension PaceCommand {
    /// `pace evaluate`: run samples against a dataset and score them.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate samples against a dataset: pass@k, and eff@k where the dataset supports it.",
            discussion: """
                Results stream to OUTPUT/results.jsonl as each sample finishes; re-running with the same --output \
                resumes. OUTPUT/summary.json holds the metrics.
                """
        )

        @Option(help: "Dataset: a path (HumanEval/HumanEval+ JSONL[.gz], ENAMEL CSV, Pace task directory), 'humaneval' or 'pace-bench'.")
        var dataset: String

        @Option(help: "Force the dataset format: humaneval, humanevalplus, enamel, pace.")
        var datasetFormat: String?

        @Option(help: "Samples: JSONL (task_id + solution or completion) or ENAMEL JSON.")
        var samples: String

        @Option(help: "Output directory (default: pace-out/<samples file name>).")
        var output: String?

        @Option(help: "Task ids or problem indexes to evaluate, comma-separated (default: the dataset's standard set).")
        var tasks: String?

        @Flag(help: "Skip samples whose task is not in the dataset instead of failing.")
        var skipUnknown = false

        @Flag(help: "Start over when the output directory holds results of a different run.")
        var overwrite = false

        @Flag(help: "Print summary.json to stdout.")
        var json = false

        @Option(help: "Results database to record the run in ('none': do not record; default: $PACE_DB, else OUTPUT/pace.sqlite).")
        var db: String?

        @OptionGroup var runOptions: RunOptions
        @OptionGroup var efficiency: EfficiencyOptions

        func validate() throws {
            try validateDatasetFormat(datasetFormat)
        }

        func run() throws {
            var configuration = try runOptions.configuration()
            efficiency.apply(to: &configuration)
            if let tasks {
                configuration.taskFilter = taskSet(tasks)
            }
            let loaded = try loadInputs(python: configuration.python.executable)
            let outputDirectory = output ?? "pace-out/" + URL(fileURLWithPath: samples).deletingPathExtension().lastPathComponent
            var evaluator = Evaluator(
                dataset: loaded.dataset,
                samples: loaded.samples,
                samplesPath: samples,
                outputDirectory: outputDirectory,
                configuration: configuration
            )
            evaluator.overwrite = overwrite
            evaluator.logger = makeLogger(verbose: runOptions.verbose)
            try execute(evaluator, json: json, quiet: runOptions.quiet, database: db)
        }

        private func loadInputs(python: String) throws -> (dataset: Dataset, samples: [Sample]) {
            do {
                let format = datasetFormat.flatMap(DatasetFormat.init(rawValue:))
                let dataset = try Dataset.load(self.dataset, format: format, python: python)
                let (samples, unknown) = try SampleReader.read(path: self.samples, tasks: dataset.tasks, skipUnknown: skipUnknown)
                if !unknown.isEmpty {
                    printError("pace: warning: skipped samples for \(unknown.count) unknown task id(s): \(unknown.prefix(5).joined(separator: ", "))")
                }
                return (dataset, samples)
            } catch {
                printError("pace: error: \(error)")
                throw PaceExitCode.badInput.exitCode
            }
        }
    }
}

/// Runs an evaluator with progress and interrupt handling, prints the summary, and maps failures to exit codes.
func execute(_ evaluator: Evaluator, json: Bool, quiet: Bool, database: String? = nil) throws {
    let interrupts = InterruptHandler()
    interrupts.install()
    let summary: EvaluationSummary
    do {
        summary = try evaluator.run(progress: StderrProgress(quiet: quiet))
    } catch {
        printError("pace: error: \(error.message)")
        switch error.code {
        case .outputUnwritable, .incompatibleOutput: throw PaceExitCode.outputProblem.exitCode
        case .badConfiguration: throw PaceExitCode.badInput.exitCode
        default: throw PaceExitCode.harnessError.exitCode
        }
    }
    if json {
        print(summary.json.jsonText)
    } else {
        print(SummaryText.render(summary))
    }
    recordRun(summary, samples: evaluator.samples, database: database)
    if !summary.complete || interrupts.wasInterrupted {
        printError("pace: the run is incomplete (\(summary.results.count) samples done); run the same command again to resume")
        throw PaceExitCode.interrupted.exitCode
    }
}
