// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import GRDB
import PaceCore

extension RunStore {
    /// Records `run` in one transaction and returns its id.
    ///
    /// A run already recorded under the same ``RunInfo/key`` (the same output directory and run identity, for
    /// example after a resumed evaluation) is replaced and keeps its id.
    ///
    /// - Throws: ``StoreError`` with code `writeFailed`; nothing is written then.
    @discardableResult
    public func record(_ run: RecordedRun) throws(StoreError) -> Int64 {
        do {
            return try queue.write { db in
                let id = try upsertRun(run.info, db: db)
                try db.execute(sql: "DELETE FROM sample WHERE run_id = ?", arguments: [id])
                try insertSamples(run, runID: id, db: db)
                return id
            }
        } catch {
            throw StoreError(.writeFailed, "cannot record the run in \(path)", underlyingError: "\(error)")
        }
    }

    /// Deletes the run `id` and everything recorded with it.
    ///
    /// - Returns: Whether a run was deleted.
    @discardableResult
    public func delete(runID id: Int64) throws(StoreError) -> Bool {
        do {
            return try queue.write { db in
                try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [id])
                return db.changesCount > 0
            }
        } catch {
            throw StoreError(.writeFailed, "cannot delete run \(id) from \(path)", underlyingError: "\(error)")
        }
    }

    private func upsertRun(_ info: RunInfo, db: Database) throws -> Int64 {
        let recordedAt = ISO8601DateFormatter().string(from: Date())
        let arguments: StatementArguments = [
            info.model, info.datasetName, info.datasetPath, info.datasetFormat, info.datasetSHA256, info.samplesPath,
            info.outputDirectory, info.paceVersion, info.startedAt, recordedAt, info.durationSeconds, info.complete,
            info.taskCount, info.sampleCount, info.settings.jsonText, info.host.jsonText, info.summary.jsonText,
        ]
        let columns = """
            model, dataset_name, dataset_path, dataset_format, dataset_sha256, samples_path, output_dir, pace_version, \
            started_at, recorded_at, duration_s, complete, task_count, sample_count, settings_json, host_json, summary_json
            """
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM run WHERE run_key = ?", arguments: [info.key]) {
            let assignments = columns.split(separator: ",").map { "\($0.trimmingCharacters(in: .whitespaces)) = ?" }
            try db.execute(
                sql: "UPDATE run SET \(assignments.joined(separator: ", ")) WHERE id = ?",
                arguments: arguments + [existing]
            )
            return existing
        }
        let placeholders = Array(repeating: "?", count: 18).joined(separator: ", ")
        try db.execute(
            sql: "INSERT INTO run (run_key, \(columns)) VALUES (\(placeholders))",
            arguments: [info.key] + arguments
        )
        return db.lastInsertedRowID
    }

    private func insertSamples(_ run: RecordedRun, runID: Int64, db: Database) throws {
        let sample = try db.makeStatement(
            sql: """
                INSERT INTO sample (run_id, task_id, sample_index, origin, verdict, detail, failing_input, tests_run,
                    duration_s, efficiency, timeout_s, censored_level, censor_reason, code, extra_json,
                    prompt_tokens, completion_tokens, latency_s, cost_usd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let suite = try db.makeStatement(
            sql: """
                INSERT INTO suite_verdict (sample_id, position, suite, verdict, detail, failing_input, tests_run)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        )
        let level = try db.makeStatement(
            sql: """
                INSERT INTO level_measurement (sample_id, level, efficiency, sample_s, reference_s, calibrated_reference_s)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        )
        for result in run.results {
            let verdict = result.verdict
            let efficiency = result.efficiency
            let cost = GenerationCost(extra: result.extra)
            let extra: String? = result.extra.isEmpty ? nil : JSONValue.object(result.extra).jsonText
            try sample.execute(arguments: [
                runID, result.taskID, result.sampleIndex, result.origin, verdict.outcome.rawValue, verdict.detail,
                verdict.input, verdict.testsRun, result.durationSeconds, efficiency?.score, efficiency?.timeoutSeconds,
                efficiency?.censoredLevel, efficiency?.censorReason, run.code[result.key], extra,
                cost.promptTokens, cost.completionTokens, cost.latencySeconds, cost.costUSD,
            ])
            let sampleID = db.lastInsertedRowID
            for (position, entry) in result.suites.enumerated() {
                let v = entry.verdict
                try suite.execute(arguments: [
                    sampleID, position, entry.suite, v.outcome.rawValue, v.detail, v.input, v.testsRun,
                ])
            }
            for measurement in efficiency?.levels ?? [] {
                try level.execute(arguments: [
                    sampleID, measurement.level, measurement.efficiency, measurement.sampleSeconds,
                    measurement.referenceSeconds, measurement.calibratedReferenceSeconds,
                ])
            }
        }
    }
}
