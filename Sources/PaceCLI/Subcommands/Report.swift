// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCore
import PaceReport
import PaceStore

extension PaceCommand {
    /// `pace report`: HTML, Markdown or CSV reports of one or more runs.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report on runs: a self-contained HTML page with charts, a Markdown table, or per-sample CSV.",
            discussion: """
                RUN is an output directory of 'pace evaluate' or a run id in the results database (see 'pace runs'). \
                With no --html, --markdown or --csv, the HTML report is written to the first RUN's directory as \
                report.html (./report.html for a run id).
                """
        )

        @Argument(help: "Runs: output directories or run ids.")
        var runs: [String]

        @Option(help: "Results database for run ids (default: $PACE_DB, else ./pace.sqlite).")
        var db: String?

        @Option(help: "Write the HTML report to this file.")
        var html: String?

        @Flag(help: "Print the summary as a Markdown table.")
        var markdown = false

        @Option(help: "Write per-sample results to this CSV file.")
        var csv: String?

        @Option(help: "Worst tasks shown with code, per run.")
        var worst: Int = 10

        @OptionGroup var statistics: StatisticsOptions

        func validate() throws {
            guard !runs.isEmpty else {
                throw ValidationError("Name at least one run: an output directory or a run id.")
            }
            guard worst >= 0 else { throw ValidationError("--worst must be 0 or more.") }
        }

        func run() throws {
            let htmlPath = html ?? (markdown || csv != nil ? nil : defaultHTMLPath)
            let locator = RunLocator(databasePath: DatabaseLocation.forReading(db))
            do {
                let loaded = try runs.map { argument throws(ReportError) in
                    try locator.load(argument, artifacts: htmlPath != nil)
                }
                if let csv {
                    try write(CSVExport.render(loaded), to: csv)
                }
                guard htmlPath != nil || markdown else { return }
                let analyses = loaded.map { RunAnalysis(run: $0, bootstrap: statistics.bootstrap) }
                if markdown {
                    print(MarkdownReport.summary(analyses), terminator: "")
                }
                if let htmlPath {
                    try write(HTMLReport(analyses: analyses, worstTaskCount: worst).render(), to: htmlPath)
                }
            } catch {
                throw reportFailure(error)
            }
        }

        private var defaultHTMLPath: String {
            var isDirectory: ObjCBool = false
            if let first = runs.first, FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                return (first as NSString).appendingPathComponent("report.html")
            }
            return "report.html"
        }

        private func write(_ text: String, to path: String) throws(ReportError) {
            let data = Data(text.utf8)
            do {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw ReportError(.writeFailed, "cannot write \(path)", underlyingError: error.localizedDescription)
            }
            printError(
                "pace: wrote \(path) (\(ByteCountFormatter.string(fromByteCount: Int64(data.count), countStyle: .file)))"
            )
        }
    }
}
