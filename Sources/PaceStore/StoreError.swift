// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// A failure reading or writing where runs are kept: the results database or an output directory.
public struct StoreError: Error, Hashable, Sendable {
    /// What kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case cannotOpen, newerSchema, writeFailed, readFailed, runNotFound, badDirectory }
        private let kind: Kind
        /// The database file cannot be created or opened, or is not a Pace database.
        public static let cannotOpen = Code(kind: .cannotOpen)
        /// The database was migrated by a newer Pace than this one.
        public static let newerSchema = Code(kind: .newerSchema)
        /// Recording a run failed.
        public static let writeFailed = Code(kind: .writeFailed)
        /// Reading a run back failed.
        public static let readFailed = Code(kind: .readFailed)
        /// No run has the given id.
        public static let runNotFound = Code(kind: .runNotFound)
        /// A directory does not hold the output of `pace evaluate`.
        public static let badDirectory = Code(kind: .badDirectory)
        public var description: String { kind.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What failed, with the path or id, and the fix when one is known.
    public var message: String
    /// The error from SQLite or the file system, in words.
    public var underlyingError: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, underlyingError: String? = nil) {
        self.code = code
        self.message = message
        self.underlyingError = underlyingError
    }
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        "\(code): \(message)" + (underlyingError.map { " (\($0))" } ?? "")
    }
}
