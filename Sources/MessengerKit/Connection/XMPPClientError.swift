import XMPPCore

/// Why an `XMPPClientConnection` could not connect, or why it ended.
///
/// A struct around a `Code`, so that new failure kinds do not break callers'
/// `switch` statements; the details that go with some codes (the server's
/// stream error, the SASL condition, the stanza error of a failed bind) are
/// optional fields.
public struct XMPPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// Nothing listens on the host and port (TCP RST).
        case connectionRefused = "connection-refused"
        /// The host name did not resolve, the network is unreachable or the connect timed out.
        case unreachable
        /// The TLS handshake failed (untrusted certificate, wrong host name, protocol mismatch),
        /// or the server refused STARTTLS.
        case tlsFailure = "tls-failure"
        /// The server does not offer STARTTLS: we never authenticate in plaintext.
        case startTLSNotOffered = "starttls-not-offered"
        /// None of the SASL mechanisms we allow is offered.
        case noSupportedMechanism = "no-supported-mechanism"
        /// The server refused our credentials; `saslCondition` says how (`not-authorized` is a wrong password).
        case authenticationFailed = "authentication-failed"
        /// The server could not prove it knows our password (SCRAM server signature): it may be an impostor.
        case serverNotVerified = "server-not-verified"
        /// The server refused the resource binding; `stanzaError` says why.
        case bindFailed = "bind-failed"
        /// The server ended the stream with `<stream:error/>`; `streamError` carries it.
        case streamError = "stream-error"
        /// The server sent something that breaks the protocol (malformed or oversized XML, unexpected elements).
        case protocolViolation = "protocol-violation"
        /// Stream negotiation (TLS, SASL, bind) took longer than the configured limit.
        case negotiationTimeout = "negotiation-timeout"
        /// An iq request got no answer in time.
        case requestTimeout = "request-timeout"
        /// The reader of `stanzas` fell further behind than the inbound queue allows.
        case inboundQueueFull = "inbound-queue-full"
        /// The stanza handed to `send` or `request` cannot be sent as it is.
        case invalidStanza = "invalid-stanza"
        /// The configuration cannot work (a JID without a user, no mechanism), or `connect()` was called twice.
        case invalidConfiguration = "invalid-configuration"
        /// The operation needs a connected, bound stream and there is none.
        case notConnected = "not-connected"
        /// The connection closed (by the server, the network or `disconnect()`).
        case closed
    }

    public var code: Code
    /// A readable account of what happened; never contains credentials.
    public var message: String
    /// For `.streamError`.
    public var streamError: StreamError?
    /// For `.authenticationFailed`.
    public var saslCondition: SASLFailureCondition?
    /// For `.bindFailed`.
    public var stanzaError: StanzaError?

    public init(
        _ code: Code, _ message: String = "", streamError: StreamError? = nil,
        saslCondition: SASLFailureCondition? = nil, stanzaError: StanzaError? = nil
    ) {
        self.code = code
        self.message = message
        self.streamError = streamError
        self.saslCondition = saslCondition
        self.stanzaError = stanzaError
    }

    static func received(_ error: StreamError) -> XMPPClientError {
        XMPPClientError(.streamError, error.description, streamError: error)
    }

    static func protocolViolation(_ message: String) -> XMPPClientError {
        XMPPClientError(.protocolViolation, message)
    }

    public var description: String {
        message.isEmpty ? code.rawValue : "\(code.rawValue): \(message)"
    }
}
