// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCore
import PaceDatasets
import PaceGeneration

extension PaceCommand {
    /// `pace generate`: ask an OpenAI-compatible server for samples of every task and write a samples file.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate samples from an OpenAI-compatible server (vLLM, Ollama, llama.cpp, OpenAI, …).",
            discussion: """
                Writes OUTPUT (samples JSONL that 'pace evaluate --samples' reads) and OUTPUT's .generation.json \
                (model, parameters, template). Every response is cached on disk before it is used: re-running the \
                same command asks only for what is missing.
                """
        )

        @Option(
            help:
                "Dataset: a path (HumanEval/HumanEval+ JSONL[.gz], ENAMEL CSV, Pace task directory), 'humaneval' or 'pace-bench'."
        )
        var dataset: String

        @Option(help: "Force the dataset format: humaneval, humanevalplus, enamel, pace.")
        var datasetFormat: String?

        @Option(
            help: "Task ids or problem indexes to generate for, comma-separated (default: the dataset's standard set)."
        )
        var tasks: String?

        @Option(help: "Samples file to write (default: <model>.samples.jsonl).")
        var output: String?

        @Flag(help: "No progress output on stderr.")
        var quiet = false

        @OptionGroup var generation: GenerationOptions

        func validate() throws {
            try validateDatasetFormat(datasetFormat)
        }

        func run() async throws {
            let configuration = try generation.configuration()
            let dataset = try loadDataset(dataset, format: datasetFormat)
            let selected = selectTasks(dataset, filter: tasks)
            guard !selected.isEmpty else {
                printError("pace: error: no task of \(dataset.name) matches --tasks \(tasks ?? "")")
                throw PaceExitCode.badInput.exitCode
            }
            let plans = RequestPlan.plan(tasks: selected, configuration: configuration)
            let cache = try openCache(configuration)
            if !quiet {
                printError(
                    "pace: \(plans.count) samples (\(selected.count) tasks × \(configuration.samplesPerTask)) from \(configuration.model) at \(configuration.endpoint)"
                )
            }
            let progress = GenerationProgress(total: plans.count, quiet: quiet)
            let generator = Generator(configuration: configuration)
            let (report, interrupted) = await runInterruptibly {
                await generator.run(plans: plans, cache: cache) { progress.record($0) }
            }
            progress.finish()
            try exitIfStopped(report, interrupted: interrupted)
            let path = output ?? "\(slug(configuration.model)).samples.jsonl"
            try writeSamples(report, configuration: configuration, dataset: dataset, to: path)
            print(GenerationText.reportLine(report, path: path))
            if report.failed > 0 {
                printError(
                    "pace: warning: \(report.failed) request(s) failed and are recorded with an empty solution; run again to retry them"
                )
            }
        }
    }
}

/// Loads a dataset, mapping failures to `badInput`.
func loadDataset(_ nameOrPath: String, format: String?) throws -> Dataset {
    do {
        return try Dataset.load(nameOrPath, format: format.flatMap(DatasetFormat.init(rawValue:)))
    } catch {
        printError("pace: error: \(error)")
        throw PaceExitCode.badInput.exitCode
    }
}

/// Opens the response cache, mapping failures to `outputProblem`.
func openCache(_ configuration: GenerationConfiguration) throws -> ResponseCache {
    do {
        return try ResponseCache(
            directory: configuration.cacheDirectory,
            endpoint: configuration.endpoint,
            model: configuration.model
        )
    } catch {
        printError("pace: error: \(error)")
        throw PaceExitCode.outputProblem.exitCode
    }
}
