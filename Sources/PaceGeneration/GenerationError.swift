// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// A failure while asking a model for completions.
///
/// Some codes concern the whole endpoint (``Code-swift.struct/unreachable``, ``Code-swift.struct/unauthorized``,
/// ``Code-swift.struct/modelNotFound``): every other request would fail the same way, so generation stops. The
/// rest concern one request (a cut stream, a malformed body, a timeout): that sample is recorded as failed and the
/// run goes on.
public struct GenerationError: Error, Hashable, Sendable {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String {
            case unreachable, unauthorized, modelNotFound, rateLimited, serverError, badRequest, malformedResponse
            case truncatedStream, timeout, cacheUnwritable, badConfiguration, cancelled
        }
        private let kind: Kind
        /// The server cannot be reached: connection refused, unknown host, TLS failure.
        public static let unreachable = Code(kind: .unreachable)
        /// The server refused the credentials (HTTP 401 or 403).
        public static let unauthorized = Code(kind: .unauthorized)
        /// The server does not know the model or the path (HTTP 404).
        public static let modelNotFound = Code(kind: .modelNotFound)
        /// HTTP 429 after every retry.
        public static let rateLimited = Code(kind: .rateLimited)
        /// HTTP 5xx after every retry.
        public static let serverError = Code(kind: .serverError)
        /// Another HTTP 4xx: the server rejected this request (too long a prompt, an unsupported parameter).
        public static let badRequest = Code(kind: .badRequest)
        /// The body is not the JSON (or server-sent events) an OpenAI-compatible server sends.
        public static let malformedResponse = Code(kind: .malformedResponse)
        /// A streamed response stopped before its end (`[DONE]` or a finish reason).
        public static let truncatedStream = Code(kind: .truncatedStream)
        /// No complete answer within the request timeout, or the stream stalled.
        public static let timeout = Code(kind: .timeout)
        /// The response cache cannot be written.
        public static let cacheUnwritable = Code(kind: .cacheUnwritable)
        /// Bad settings: an invalid URL, a missing API key variable, no tasks.
        public static let badConfiguration = Code(kind: .badConfiguration)
        /// The run was cancelled (Ctrl-C).
        public static let cancelled = Code(kind: .cancelled)

        public var description: String { kind.rawValue }

        /// Whether this failure concerns the whole endpoint, so that no further request can succeed.
        public var isFatal: Bool {
            [.unreachable, .unauthorized, .modelNotFound, .cacheUnwritable, .badConfiguration, .cancelled].contains(
                kind
            )
        }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What failed, with the URL, status or value involved, and the fix when one is known.
    public var message: String
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// The lower-level error, described (an `HTTPClientError`, an `IOError`), when there was one.
    public var underlyingError: String?

    /// An error of kind `code`; `message` says what failed and how to fix it.
    public init(_ code: Code, _ message: String, status: Int? = nil, underlyingError: String? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.underlyingError = underlyingError
    }
}

extension GenerationError: CustomStringConvertible {
    public var description: String {
        "\(code): \(message)" + (underlyingError.map { " (\($0))" } ?? "")
    }
}
