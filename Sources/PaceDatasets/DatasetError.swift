// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// Bad input: a file that cannot be read or does not hold what it should. Names the file, the line and the field.
public struct DatasetError: Error, Hashable, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case unreadable, malformed, unknownTasks, unknownFormat, notFound }
        private let kind: Kind
        public static let unreadable = Code(kind: .unreadable)
        public static let malformed = Code(kind: .malformed)
        public static let unknownTasks = Code(kind: .unknownTasks)
        public static let unknownFormat = Code(kind: .unknownFormat)
        public static let notFound = Code(kind: .notFound)
        public var description: String { kind.rawValue }
    }

    public var code: Code
    /// The file the problem is in.
    public var path: String
    /// 1-based line number, when the problem is on one line.
    public var line: Int?
    /// What was expected and what was found.
    public var message: String

    public init(_ code: Code, path: String, line: Int? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.line = line
        self.message = message
    }
}

extension DatasetError: CustomStringConvertible {
    public var description: String {
        let place = line.map { "\(path):\($0)" } ?? path
        return "\(place): \(message)"
    }
}
