// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import PaceStore

/// Finds the runs that `pace report` and `pace compare` name.
///
/// A run is an output directory of `pace evaluate` or a run id in the results database. The locator also loads the
/// dataset (for reference solutions) and, for a directory, the samples' code, noting rather than failing when
/// either has moved.
public struct RunLocator: Sendable {
    /// The results database that run ids refer to; nil when none was given.
    public var databasePath: String?

    /// Creates a locator for run ids in `databasePath` (a file, or a directory holding `pace.sqlite`).
    public init(databasePath: String?) {
        self.databasePath = databasePath.map(RunStore.resolve)
    }

    /// Loads the run `argument` names.
    ///
    /// - Parameter artifacts: Also load the dataset's references and the samples' code (the HTML report shows
    ///   them; Markdown, CSV and comparisons do not need them).
    /// - Throws: ``ReportError`` with code `runNotFound`, or `emptyRun` for a run without results.
    public func load(_ argument: String, artifacts: Bool = true) throws(ReportError) -> ReportRun {
        var run = try recordedRun(argument)
        guard !run.results.isEmpty else {
            throw ReportError(.emptyRun, "\(argument) has no results yet")
        }
        guard artifacts else { return ReportRun(run: run) }
        var notes: [String] = []
        var references: [String: String] = [:]
        do {
            let dataset = try RunArtifacts.dataset(for: run.info)
            if !run.info.datasetSHA256.isEmpty, dataset.sha256 != run.info.datasetSHA256 {
                notes.append(
                    "the dataset at \(run.info.datasetPath) has changed since the run (SHA-256 differs); references may not match"
                )
            }
            for task in dataset.tasks {
                references[task.id] = RunArtifacts.referenceCode(task)
            }
            if run.code.isEmpty {
                do {
                    run.code = try RunArtifacts.code(samplesPath: run.info.samplesPath, dataset: dataset)
                } catch {
                    notes.append("sample code not shown: \(error)")
                }
            }
        } catch {
            notes.append("reference solutions not shown: \(error)")
        }
        return ReportRun(run: run, references: references, notes: notes)
    }

    private func recordedRun(_ argument: String) throws(ReportError) -> RecordedRun {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
            do {
                return try RunDirectory.load(argument)
            } catch {
                throw ReportError(.runNotFound, error.message, underlyingError: error.underlyingError)
            }
        }
        guard let id = Int64(argument.hasPrefix("#") ? String(argument.dropFirst()) : argument) else {
            throw ReportError(
                .runNotFound,
                "'\(argument)' is neither an output directory of 'pace evaluate' nor a run id"
            )
        }
        guard let databasePath, FileManager.default.fileExists(atPath: databasePath) else {
            throw ReportError(
                .runNotFound,
                "run id \(id) needs a results database: pass --db PATH (or set PACE_DB)"
                    + (databasePath.map { "; \($0) does not exist" } ?? "")
            )
        }
        do {
            return try RunStore(path: databasePath).run(id: id)
        } catch {
            throw ReportError(.runNotFound, error.message, underlyingError: error.underlyingError)
        }
    }
}
