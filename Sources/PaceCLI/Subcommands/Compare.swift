// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCore
import PaceReport

extension PaceCommand {
    /// `pace compare`: a paired comparison of two runs on their common tasks.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare run B against run A on the tasks both cover: pass@1 and eff@1 differences with "
                + "bootstrap intervals and paired sign-flip tests.",
            discussion: """
                A and B are output directories of 'pace evaluate' or run ids in the results database. With \
                --fail-if-worse, exits with code 5 when B is significantly worse than A on pass@1 or eff@1.
                """
        )

        @Argument(help: "The baseline run.")
        var a: String

        @Argument(help: "The candidate run.")
        var b: String

        @Option(help: "Results database for run ids (default: $PACE_DB, else ./pace.sqlite).")
        var db: String?

        @Flag(help: "Exit with code 5 (regression) when B is significantly worse than A.")
        var failIfWorse = false

        @Option(help: "Significance level of the tests.")
        var alpha: Double = 0.05

        @Option(help: "Random sign patterns for the test when there are too many tasks to enumerate them all.")
        var permutations: Int = 10_000

        @Flag(help: "Print the comparison as Markdown.")
        var markdown = false

        @OptionGroup var statistics: StatisticsOptions

        func validate() throws {
            guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must lie between 0 and 1, like 0.05.") }
            guard permutations >= 100 else { throw ValidationError("--permutations must be at least 100.") }
        }

        func run() throws {
            let locator = RunLocator(databasePath: DatabaseLocation.forReading(db))
            let comparison: RunComparison
            do {
                comparison = try RunComparison(
                    a: locator.load(a, artifacts: false),
                    b: locator.load(b, artifacts: false),
                    bootstrap: statistics.bootstrap,
                    permutations: permutations
                )
            } catch {
                throw reportFailure(error)
            }
            print(
                markdown
                    ? MarkdownReport.comparison(comparison, alpha: alpha)
                    : ComparisonText.render(comparison, alpha: alpha)
            )
            let regressions = comparison.regressions(alpha: alpha)
            if failIfWorse && !regressions.isEmpty {
                printError(
                    "pace: regression: B is significantly worse than A on \(regressions.joined(separator: " and "))"
                )
                throw PaceExitCode.regression.exitCode
            }
        }
    }
}
