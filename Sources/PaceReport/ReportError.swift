// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// A failure to build or write a report or comparison.
public struct ReportError: Error, Hashable, Sendable {
    /// What kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case runNotFound, noCommonTasks, emptyRun, writeFailed }
        private let kind: Kind
        /// A RUN argument is neither an output directory nor a run id in the database.
        public static let runNotFound = Code(kind: .runNotFound)
        /// Two runs to compare share no task.
        public static let noCommonTasks = Code(kind: .noCommonTasks)
        /// A run has no results to report.
        public static let emptyRun = Code(kind: .emptyRun)
        /// The report file cannot be written.
        public static let writeFailed = Code(kind: .writeFailed)
        public var description: String { kind.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What failed, naming the run or path, and the fix when one is known.
    public var message: String
    /// The error underneath, in words.
    public var underlyingError: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, underlyingError: String? = nil) {
        self.code = code
        self.message = message
        self.underlyingError = underlyingError
    }
}

extension ReportError: CustomStringConvertible {
    public var description: String {
        "\(code): \(message)" + (underlyingError.map { " (\($0))" } ?? "")
    }
}
