// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import GRDB
import PaceCore

extension RunStore {
    /// The schema, as an ordered list of migrations.
    ///
    /// Never edit a released migration: add a new one.
    ///
    /// - `v1`: runs, samples (verdict, efficiency, code, extra fields), suite verdicts, per-level measurements.
    /// - `v2`: generation cost columns on samples (tokens, latency, US dollars), filled from the extra fields of
    ///   samples already recorded.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createVersion1)
        migrator.registerMigration("v2", migrate: addGenerationCost)
        return migrator
    }

    /// Every migration's identifier, oldest first.
    public static var migrationIdentifiers: [String] { migrator.migrations }

    @Sendable
    static func createVersion1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_key TEXT NOT NULL UNIQUE,
                    model TEXT NOT NULL,
                    dataset_name TEXT NOT NULL,
                    dataset_path TEXT NOT NULL,
                    dataset_format TEXT NOT NULL,
                    dataset_sha256 TEXT NOT NULL,
                    samples_path TEXT NOT NULL,
                    output_dir TEXT NOT NULL,
                    pace_version TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    duration_s REAL,
                    complete INTEGER NOT NULL,
                    task_count INTEGER NOT NULL,
                    sample_count INTEGER NOT NULL,
                    settings_json TEXT NOT NULL,
                    host_json TEXT NOT NULL,
                    summary_json TEXT NOT NULL
                );
                CREATE TABLE sample (
                    id INTEGER PRIMARY KEY,
                    run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    task_id TEXT NOT NULL,
                    sample_index INTEGER NOT NULL,
                    origin TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    detail TEXT,
                    failing_input TEXT,
                    tests_run INTEGER NOT NULL,
                    duration_s REAL NOT NULL,
                    efficiency REAL,
                    timeout_s REAL,
                    censored_level INTEGER,
                    censor_reason TEXT,
                    code TEXT,
                    extra_json TEXT,
                    UNIQUE (run_id, task_id, sample_index)
                );
                CREATE TABLE suite_verdict (
                    sample_id INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    suite TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    detail TEXT,
                    failing_input TEXT,
                    tests_run INTEGER NOT NULL,
                    PRIMARY KEY (sample_id, position)
                );
                CREATE TABLE level_measurement (
                    sample_id INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
                    level INTEGER NOT NULL,
                    efficiency REAL NOT NULL,
                    sample_s REAL,
                    reference_s REAL,
                    calibrated_reference_s REAL,
                    PRIMARY KEY (sample_id, level)
                );
                """
        )
    }

    @Sendable
    static func addGenerationCost(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE sample ADD COLUMN prompt_tokens INTEGER;
                ALTER TABLE sample ADD COLUMN completion_tokens INTEGER;
                ALTER TABLE sample ADD COLUMN latency_s REAL;
                ALTER TABLE sample ADD COLUMN cost_usd REAL;
                """
        )
        // Fill the new columns for samples recorded before them, with the same reading as new recordings use.
        let rows = try Row.fetchAll(db, sql: "SELECT id, extra_json FROM sample WHERE extra_json IS NOT NULL")
        let update = try db.makeStatement(
            sql: "UPDATE sample SET prompt_tokens = ?, completion_tokens = ?, latency_s = ?, cost_usd = ? WHERE id = ?"
        )
        for row in rows {
            let text: String = row["extra_json"]
            guard let extra = (try? JSONParser.parse(text))?.objectValue else { continue }
            let cost = GenerationCost(extra: extra)
            if cost.isEmpty { continue }
            let id: Int64 = row["id"]
            try update.execute(arguments: [
                cost.promptTokens, cost.completionTokens, cost.latencySeconds, cost.costUSD, id,
            ])
        }
    }
}
