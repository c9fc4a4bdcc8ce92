// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import GRDB
import PaceCore
import PaceStore
import Testing

/// Opening a database written with the v1 schema must migrate it and keep every run.
///
/// `Fixtures/pace-v1.sqlite` was written by ``writeFixture()`` (run it with
/// `PACE_WRITE_FIXTURES=1 swift test --filter SchemaFixtureTests`).
@Suite("Results database written by an earlier schema", .serialized)
struct SchemaFixtureTests {
    static let fixtureName = "pace-v1"

    @Test("a v1 database migrates to the current schema and reads back its run, with costs filled in")
    func openVersion1() throws {
        let source = try #require(
            Bundle.module.url(forResource: Self.fixtureName, withExtension: "sqlite", subdirectory: "Fixtures")
        )
        let path = StoreFixtures.scratchDirectory() + "/copy.sqlite"
        try FileManager.default.copyItem(atPath: source.path, toPath: path)
        let before = try DatabaseQueue(path: path).read { try RunStore.migrator.appliedMigrations($0) }
        #expect(before == ["v1"])

        let store = try RunStore(path: path)
        #expect(try store.appliedMigrations() == ["v1", "v2"])
        let runs = try store.runs()
        #expect(runs.map(\.model) == ["fixture-v1"])
        let run = try store.run(id: try #require(runs.first?.id))
        #expect(StoreFixtures.lines(run.results) == StoreFixtures.lines(StoreFixtures.results()))
        #expect(run.code.count == 4)

        let cost = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT completion_tokens, cost_usd FROM sample WHERE cost_usd IS NOT NULL")
        }
        #expect(cost.count == 1)
        #expect(cost.first?["completion_tokens"] as Int? == 42)
        #expect(cost.first?["cost_usd"] as Double? == 0.0031)
    }

    /// Writes the v1 fixture into the source tree with the SQL that v1 recorded runs with (frozen here).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PACE_WRITE_FIXTURES"] == "1"))
    func writeFixture() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let path = fixtures.appendingPathComponent("\(Self.fixtureName).sqlite").path
        try? FileManager.default.removeItem(atPath: path)
        let queue = try DatabaseQueue(path: path)
        try RunStore.migrator.migrate(queue, upTo: "v1")
        let run = StoreFixtures.run(key: "fixture-v1", model: "fixture-v1")
        try queue.write { db in try Self.insertVersion1(run, db: db) }
        try queue.writeWithoutTransaction { try $0.execute(sql: "VACUUM") }
    }

    private static func insertVersion1(_ run: RecordedRun, db: Database) throws {
        let info = run.info
        try db.execute(
            sql: """
                INSERT INTO run (run_key, model, dataset_name, dataset_path, dataset_format, dataset_sha256, samples_path,
                    output_dir, pace_version, started_at, recorded_at, duration_s, complete, task_count, sample_count,
                    settings_json, host_json, summary_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                info.key, info.model, info.datasetName, info.datasetPath, info.datasetFormat, info.datasetSHA256,
                info.samplesPath, info.outputDirectory, info.paceVersion, info.startedAt, "2026-11-24T08:00:00Z",
                info.durationSeconds, info.complete, info.taskCount, info.sampleCount, info.settings.jsonText,
                info.host.jsonText, info.summary.jsonText,
            ]
        )
        let runID = db.lastInsertedRowID
        for result in run.results {
            let v = result.verdict
            let e = result.efficiency
            try db.execute(
                sql: """
                    INSERT INTO sample (run_id, task_id, sample_index, origin, verdict, detail, failing_input, tests_run,
                        duration_s, efficiency, timeout_s, censored_level, censor_reason, code, extra_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    runID, result.taskID, result.sampleIndex, result.origin, v.outcome.rawValue, v.detail, v.input,
                    v.testsRun, result.durationSeconds, e?.score, e?.timeoutSeconds, e?.censoredLevel, e?.censorReason,
                    run.code[result.key], result.extra.isEmpty ? nil : JSONValue.object(result.extra).jsonText,
                ]
            )
            let sampleID = db.lastInsertedRowID
            for (position, suite) in result.suites.enumerated() {
                try db.execute(
                    sql: "INSERT INTO suite_verdict VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        sampleID, position, suite.suite, suite.verdict.outcome.rawValue, suite.verdict.detail,
                        suite.verdict.input, suite.verdict.testsRun,
                    ]
                )
            }
            for level in e?.levels ?? [] {
                try db.execute(
                    sql: "INSERT INTO level_measurement VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [
                        sampleID, level.level, level.efficiency, level.sampleSeconds, level.referenceSeconds,
                        level.calibratedReferenceSeconds,
                    ]
                )
            }
        }
    }
}
