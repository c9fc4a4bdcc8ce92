// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import GRDB
import PaceCore
import PaceStore
import Testing

@Suite("Results database")
struct RunStoreTests {
    @Test("a new database is migrated to the latest schema")
    func migrates() throws {
        let store = try RunStore(path: StoreFixtures.scratchDirectory() + "/runs.sqlite")
        #expect(try store.appliedMigrations() == RunStore.migrationIdentifiers)
        #expect(RunStore.migrationIdentifiers == ["v1", "v2"])
        #expect(try store.runs().isEmpty)
    }

    @Test("a recorded run reads back the same: results, code, metadata")
    func roundTrip() throws {
        let store = try RunStore(path: StoreFixtures.scratchDirectory())
        #expect(store.path.hasSuffix("/pace.sqlite"))
        let run = StoreFixtures.run()
        let id = try store.record(run)
        let back = try store.run(id: id)
        #expect(StoreFixtures.lines(back.results) == StoreFixtures.lines(run.results))
        #expect(back.code == run.code)
        #expect(back.info.id == id)
        #expect(back.info.model == "fixture")
        #expect(back.info.datasetSHA256 == "abc123")
        #expect(back.info.settings == run.info.settings)
        #expect(back.info.host == run.info.host)
        #expect(back.info.summaryMetrics.map(\.0) == ["pass@1", "eff@1", "dpe"])
        #expect(back.info.durationSeconds == 12.5)
        #expect(try store.runs().map(\.id) == [id])
    }

    @Test("generation cost and per-level measurements get their own columns")
    func columns() throws {
        let store = try RunStore(path: StoreFixtures.scratchDirectory())
        let id = try store.record(StoreFixtures.run())
        let queue = try DatabaseQueue(path: store.path)
        let cost = try queue.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT prompt_tokens, completion_tokens, latency_s, cost_usd FROM sample WHERE cost_usd IS NOT NULL"
            )
        }
        let row = try #require(cost)
        #expect(row["prompt_tokens"] as Int? == 100)
        #expect(row["completion_tokens"] as Int? == 42)
        #expect(row["latency_s"] as Double? == 1.25)
        #expect(row["cost_usd"] as Double? == 0.0031)
        let levels = try queue.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM level_measurement l JOIN sample s ON s.id = l.sample_id WHERE s.run_id = ?",
                arguments: [id]
            )
        }
        #expect(levels == 5)
    }

    @Test("recording the same run again replaces it and keeps its id; other runs get new ids")
    func upsert() throws {
        let store = try RunStore(path: StoreFixtures.scratchDirectory())
        let first = try store.record(StoreFixtures.run())
        var again = StoreFixtures.run()
        again.results.removeLast()
        #expect(try store.record(again) == first)
        #expect(try store.run(id: first).results.count == 3)
        let other = try store.record(StoreFixtures.run(key: "key-2", model: "other"))
        #expect(other != first)
        #expect(try store.runs().map(\.model) == ["other", "fixture"])
        #expect(try store.delete(runID: first))
        #expect(throws: StoreError.self) { try store.run(id: first) }
    }

    @Test("an unknown run id is a clear error")
    func missingRun() throws {
        let store = try RunStore(path: StoreFixtures.scratchDirectory())
        do {
            _ = try store.run(id: 42)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .runNotFound)
            #expect(error.message.contains("no run 42"))
        }
    }

    @Test("a database from a newer Pace is refused and left unchanged")
    func newerSchema() throws {
        let path = StoreFixtures.scratchDirectory() + "/pace.sqlite"
        _ = try RunStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        do {
            _ = try RunStore(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .newerSchema)
        }
    }
}
