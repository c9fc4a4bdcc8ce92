// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// A failure of the evaluation harness (not of a sample): bad settings, unwritable output, missing Python.
public struct EvaluationError: Error, Hashable, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case badConfiguration, outputUnwritable, harnessFailed, incompatibleOutput, unsafe }
        private let kind: Kind
        public static let badConfiguration = Code(kind: .badConfiguration)
        public static let outputUnwritable = Code(kind: .outputUnwritable)
        public static let harnessFailed = Code(kind: .harnessFailed)
        public static let incompatibleOutput = Code(kind: .incompatibleOutput)
        public static let unsafe = Code(kind: .unsafe)
        public var description: String { kind.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension EvaluationError: CustomStringConvertible {
    public var description: String { "\(code): \(message)" }
}
