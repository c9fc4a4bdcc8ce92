// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import GRDB
import PaceCore

extension RunStore {
    /// Every recorded run, newest first, without samples.
    public func runs() throws(StoreError) -> [RunInfo] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC").map(RunStore.runInfo)
            }
        } catch {
            throw StoreError(.readFailed, "cannot list the runs in \(path)", underlyingError: "\(error)")
        }
    }

    /// The run `id` with all its samples, in task and sample order.
    ///
    /// - Throws: ``StoreError`` with code `runNotFound` when there is no such run.
    public func run(id: Int64) throws(StoreError) -> RecordedRun {
        let loaded: RecordedRun?
        do {
            loaded = try queue.read { db -> RecordedRun? in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) else {
                    return nil
                }
                return try RunStore.samples(of: RunStore.runInfo(row), db: db)
            }
        } catch {
            throw StoreError(.readFailed, "cannot read run \(id) from \(path)", underlyingError: "\(error)")
        }
        guard let loaded else {
            throw StoreError(.runNotFound, "\(path) has no run \(id); 'pace runs --db \(path)' lists the runs")
        }
        return loaded
    }

    static func runInfo(_ row: Row) throws -> RunInfo {
        func json(_ column: String) -> JSONValue { (try? JSONParser.parse(row[column] as String)) ?? .null }
        var info = RunInfo(
            summary: json("summary_json"),
            key: row["run_key"],
            outputDirectory: row["output_dir"],
            model: row["model"]
        )
        info.id = row["id"]
        info.datasetName = row["dataset_name"]
        info.datasetPath = row["dataset_path"]
        info.datasetFormat = row["dataset_format"]
        info.datasetSHA256 = row["dataset_sha256"]
        info.samplesPath = row["samples_path"]
        info.paceVersion = row["pace_version"]
        info.startedAt = row["started_at"]
        info.durationSeconds = row["duration_s"]
        info.complete = row["complete"]
        info.taskCount = row["task_count"]
        info.sampleCount = row["sample_count"]
        info.settings = json("settings_json")
        info.host = json("host_json")
        return info
    }

    private static func samples(of info: RunInfo, db: Database) throws -> RecordedRun {
        let runID = info.id ?? -1
        let suites = try groupedRows(db, table: "suite_verdict", order: "position", runID: runID)
        let levels = try groupedRows(db, table: "level_measurement", order: "level", runID: runID)
        var results: [SampleResult] = []
        var code: [String: String] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT * FROM sample WHERE run_id = ? ORDER BY task_id, sample_index",
            arguments: [runID]
        )
        while let row = try rows.next() {
            let sampleID: Int64 = row["id"]
            let result = sampleResult(row, suites: suites[sampleID] ?? [], levels: levels[sampleID] ?? [])
            if let text: String = row["code"] { code[result.key] = text }
            results.append(result)
        }
        return RecordedRun(info: info, results: results, code: code)
    }

    private static func groupedRows(_ db: Database, table: String, order: String, runID: Int64) throws -> [Int64: [Row]]
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT t.* FROM \(table) t JOIN sample s ON s.id = t.sample_id
                WHERE s.run_id = ? ORDER BY t.sample_id, t.\(order)
                """,
            arguments: [runID]
        )
        return Dictionary(grouping: rows) { $0["sample_id"] as Int64 }
    }

    private static func verdict(_ row: Row) -> Verdict {
        Verdict(
            Outcome(rawValue: row["verdict"]) ?? .harnessError,
            detail: row["detail"],
            input: row["failing_input"],
            testsRun: row["tests_run"]
        )
    }

    private static func sampleResult(_ row: Row, suites: [Row], levels: [Row]) -> SampleResult {
        var efficiency: EfficiencyResult?
        if let score: Double = row["efficiency"] {
            efficiency = EfficiencyResult(
                score: score,
                levels: levels.map { level in
                    LevelEfficiency(
                        level: level["level"],
                        efficiency: level["efficiency"],
                        sampleSeconds: level["sample_s"],
                        referenceSeconds: level["reference_s"],
                        calibratedReferenceSeconds: level["calibrated_reference_s"]
                    )
                },
                censoredLevel: row["censored_level"],
                censorReason: row["censor_reason"],
                timeoutSeconds: row["timeout_s"] ?? 0
            )
        }
        let extraText: String? = row["extra_json"]
        return SampleResult(
            taskID: row["task_id"],
            sampleIndex: row["sample_index"],
            origin: row["origin"],
            verdict: verdict(row),
            suites: suites.map { SuiteVerdict(suite: $0["suite"], verdict: verdict($0)) },
            efficiency: efficiency,
            durationSeconds: row["duration_s"],
            extra: extraText.flatMap { try? JSONParser.parse($0) }?.objectValue ?? []
        )
    }
}
