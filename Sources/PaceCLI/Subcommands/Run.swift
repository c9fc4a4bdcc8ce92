// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCore
import PaceDatasets
import PaceEvaluation
import PaceGeneration
import PaceSandbox

extension PaceCommand {
    /// `pace run`: generate and evaluate in one go; each sample is evaluated as soon as it is generated.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate samples from an OpenAI-compatible server and evaluate them as they arrive.",
            discussion: """
                OUTPUT holds samples.jsonl (with samples.generation.json), results.jsonl and summary.json, whose \
                "generation" key accounts tokens, cost and latency per model. Responses are cached and results \
                stream to disk: re-running the same command resumes.
                """
        )

        @Option(
            help:
                "Dataset: a path (HumanEval/HumanEval+ JSONL[.gz], ENAMEL CSV, Pace task directory), 'humaneval' or 'pace-bench'."
        )
        var dataset: String

        @Option(help: "Force the dataset format: humaneval, humanevalplus, enamel, pace.")
        var datasetFormat: String?

        @Option(help: "Task ids or problem indexes, comma-separated (default: the dataset's standard set).")
        var tasks: String?

        @Option(help: "Output directory (default: pace-out/<model>).")
        var output: String?

        @Flag(help: "Start over when the output directory holds results of a different run.")
        var overwrite = false

        @Flag(help: "Print summary.json to stdout.")
        var json = false

        @OptionGroup var generation: GenerationOptions
        @OptionGroup var runOptions: RunOptions
        @OptionGroup var efficiency: EfficiencyOptions

        func validate() throws {
            try validateDatasetFormat(datasetFormat)
        }

        func run() async throws {
            var evaluation = try runOptions.configuration()
            efficiency.apply(to: &evaluation)
            if let tasks {
                evaluation.taskFilter = taskSet(tasks)
            }
            let configuration = try generation.configuration()
            let dataset = try loadDataset(dataset, format: datasetFormat)
            let selected = Evaluator(
                dataset: dataset,
                samples: [],
                samplesPath: "",
                outputDirectory: "",
                configuration: evaluation
            )
            .selectedTasks
            guard !selected.isEmpty else {
                printError("pace: error: no task of \(dataset.name) matches --tasks \(tasks ?? "")")
                throw PaceExitCode.badInput.exitCode
            }
            let plans = RequestPlan.plan(tasks: selected, configuration: configuration)
            let cache = try openCache(configuration)
            let directory = output ?? "pace-out/\(slug(configuration.model))"
            var evaluator = StreamingEvaluator(
                dataset: dataset,
                tasks: selected,
                expectedSamples: plans.count,
                samplesPath: directory + "/samples.jsonl",
                outputDirectory: directory,
                configuration: evaluation,
                generation: generationIdentity(configuration)
            )
            evaluator.overwrite = overwrite
            let progress = StderrProgress(quiet: runOptions.quiet)
            progress.note(
                "\(plans.count) samples (\(selected.count) tasks × \(configuration.samplesPerTask)) from \(configuration.model) at \(configuration.endpoint), evaluated as they arrive"
            )
            let (report, outcome, interrupted) = await generateAndEvaluate(
                plans,
                configuration,
                cache,
                evaluator,
                progress
            )
            progress.note(GenerationText.reportLine(report, path: evaluator.samplesPath))
            try finish(
                report: report,
                outcome: outcome,
                interrupted: interrupted,
                configuration: configuration,
                dataset: dataset,
                samplesPath: evaluator.samplesPath
            )
        }

        private func generateAndEvaluate(
            _ plans: [RequestPlan],
            _ configuration: GenerationConfiguration,
            _ cache: ResponseCache,
            _ evaluator: StreamingEvaluator,
            _ progress: StderrProgress
        ) async -> (GenerationReport, Result<EvaluationSummary, EvaluationError>, Bool) {
            let feed = SampleFeed()
            let lines = Dictionary(
                plans.enumerated().map { ($0.element.key, $0.offset + 1) },
                uniquingKeysWith: { first, _ in first }
            )
            let samplesPath = evaluator.samplesPath
            let generator = Generator(configuration: configuration)
            let generating = Task {
                await generator.run(plans: plans, cache: cache) { sample in
                    feed.push(sample.sample(origin: "\(samplesPath):\(lines[sample.plan.key] ?? 0)"))
                }
            }
            let watch = SignalWatch {
                generating.cancel()
                SandboxRegistry.shared.killAll()
                feed.finish()
            }
            async let evaluated = onThread { () -> Result<EvaluationSummary, EvaluationError> in
                let result = Result { () throws(EvaluationError) in try evaluator.run(feed: feed, progress: progress) }
                if case .failure = result { generating.cancel() }
                return result
            }
            let report = await generating.value
            feed.finish()
            let outcome = await evaluated
            watch.cancel()
            return (report, outcome, watch.wasInterrupted)
        }

        private func finish(
            report: GenerationReport,
            outcome: Result<EvaluationSummary, EvaluationError>,
            interrupted: Bool,
            configuration: GenerationConfiguration,
            dataset: Dataset,
            samplesPath: String
        ) throws {
            let summary: EvaluationSummary
            switch outcome {
            case .failure(let error):
                printError("pace: error: \(error.message)")
                switch error.code {
                case .outputUnwritable, .incompatibleOutput: throw PaceExitCode.outputProblem.exitCode
                case .badConfiguration: throw PaceExitCode.badInput.exitCode
                default: throw PaceExitCode.harnessError.exitCode
                }
            case .success(let value):
                summary = value
            }
            if report.complete {
                try writeSamples(report, configuration: configuration, dataset: dataset, to: samplesPath)
            }
            print(json ? summary.json.jsonText : SummaryText.render(summary))
            try exitIfStopped(report, interrupted: interrupted)
            if !summary.complete || interrupted {
                printError(
                    "pace: the run is incomplete (\(summary.results.count) samples evaluated); run the same command again to resume"
                )
                throw PaceExitCode.interrupted.exitCode
            }
            if report.failed > 0 {
                printError(
                    "pace: warning: \(report.failed) request(s) failed and were scored as empty solutions; run again to retry them"
                )
            }
        }
    }
}
