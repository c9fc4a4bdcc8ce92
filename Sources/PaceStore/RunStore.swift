// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import GRDB
import PaceCore

/// The results database: every recorded evaluation run with its samples, verdicts, per-level measurements and
/// generation costs, in one SQLite file.
///
/// Opening a database migrates it to the current schema (see ``RunStore/migrator``); a database written by a
/// newer Pace is refused rather than altered.
public final class RunStore: Sendable {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue

    /// The file name used when a directory is given instead of a database file.
    public static let defaultFileName = "pace.sqlite"

    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// - Parameter path: A database file, or a directory, meaning `DIR/pace.sqlite`.
    /// - Throws: ``StoreError`` with code `cannotOpen` or `newerSchema`.
    public init(path: String) throws(StoreError) {
        self.path = RunStore.resolve(path)
        let directory = (self.path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        do {
            queue = try DatabaseQueue(path: self.path)
        } catch {
            throw StoreError(.cannotOpen, "cannot open the results database \(self.path)", underlyingError: "\(error)")
        }
        try migrate()
    }

    /// `path`, or `path/pace.sqlite` when `path` is an existing directory.
    public static func resolve(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return (path as NSString).appendingPathComponent(defaultFileName)
        }
        return path
    }

    private func migrate() throws(StoreError) {
        let migrator = RunStore.migrator
        do {
            let superseded = try queue.read { try migrator.hasBeenSuperseded($0) }
            if superseded {
                throw StoreError(
                    .newerSchema,
                    "\(path) was written by a newer version of Pace; upgrade Pace to read it (it was left unchanged)"
                )
            }
            try migrator.migrate(queue)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.cannotOpen, "cannot prepare the results database \(path)", underlyingError: "\(error)")
        }
    }

    /// The migrations applied to this database, oldest first.
    public func appliedMigrations() throws(StoreError) -> [String] {
        do {
            return try queue.read { try RunStore.migrator.appliedMigrations($0) }
        } catch {
            throw StoreError(.readFailed, "cannot read the schema version of \(path)", underlyingError: "\(error)")
        }
    }
}
