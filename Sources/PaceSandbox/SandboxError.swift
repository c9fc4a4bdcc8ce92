// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// A failure of the harness itself while launching or talking to a sandboxed program.
///
/// A program that misbehaves (exits, times out, floods output) is not an error: see ``ProcessEnd``.
public struct SandboxError: Error, Hashable, Sendable {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case spawnFailed, ioFailed, setupFailed, protocolViolation }
        private let kind: Kind
        public static let spawnFailed = Code(kind: .spawnFailed)
        public static let ioFailed = Code(kind: .ioFailed)
        public static let setupFailed = Code(kind: .setupFailed)
        public static let protocolViolation = Code(kind: .protocolViolation)
        public var description: String { kind.rawValue }
    }

    public var code: Code
    /// What failed, with the path or value involved.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension SandboxError: CustomStringConvertible {
    public var description: String { "\(code): \(message)" }
}
