import NIOSSL
import XMPPCore

extension XMPPServer {
    /// Everything an operator can set. Defaults are the documented ones.
    public struct Configuration: Sendable {
        /// The one domain this server hosts, e.g. `example.test`.
        public var domain: String
        public var bindHost: String = "127.0.0.1"
        /// 0 lets the system pick a free port (tests); `listeningPort` tells which.
        public var c2sPort: Int = 5222
        /// The TLS identity offered by STARTTLS.
        public var tls: TLSConfiguration
        /// XEP-0077 in-band registration; off unless the operator asks.
        public var allowRegistration: Bool = false
        public var xmlLimits: XMLStreamLimits = .init()
        /// Seconds a new connection may take to authenticate and bind.
        public var handshakeTimeoutSeconds: Int64 = 60
        /// Seconds of silence (no bytes at all) before a stream is closed.
        public var idleTimeoutSeconds: Int64 = 600
        /// Failed SASL attempts allowed on one connection before it is closed.
        public var maxAuthFailuresPerConnection: Int = 3
        /// Parsed-but-unprocessed stanzas one connection may have queued before
        /// we stop reading from it (backpressure, not an error).
        public var maxQueuedStanzasPerConnection: Int = 64
        /// Messages kept for one offline user; beyond this senders get `resource-constraint`.
        public var maxOfflineMessagesPerUser: Int = 10_000
        /// PBKDF2 iterations for newly stored SCRAM keys.
        public var scramIterations: Int = 4096

        public init(domain: String, tls: TLSConfiguration) {
            self.domain = domain
            self.tls = tls
        }
    }
}
