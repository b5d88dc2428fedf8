import XMPPCore

extension XMPPClientConnection {
    /// Everything needed to reach one account. Defaults follow RFC 6120.
    public struct Configuration: Sendable {
        /// The account: `user@domain`, or `user@domain/resource` to ask for that resource.
        public var jid: JID
        /// The password; empty means "none", and then `storedKeys` must be set.
        public var password: String
        /// A SaltedPassword kept from an earlier sign-in, used when `password`
        /// is empty: only its mechanism is offered, and only while the server
        /// asks for the same salt and iteration count. After a password
        /// sign-in with SCRAM, `XMPPClientConnection.learnedKeys` holds new ones.
        public var storedKeys: SCRAMStoredKeys?
        /// Where to connect; nil means the JID's domain. (No SRV lookup.)
        public var host: String?
        public var port: Int = 5222
        public var tlsTrust: TLSTrust = .system
        /// SASL mechanisms we may use, most preferred first. PLAIN is safe only
        /// because we never authenticate before TLS is up.
        public var mechanisms: [SASLMechanism] = SASLMechanism.allCases
        /// Bounds on what the server may send us.
        public var xmlLimits: XMLStreamLimits = .init()
        public var connectTimeout: Duration = .seconds(10)
        /// From TCP connect to a bound resource: TLS, SASL and bind together.
        public var negotiationTimeout: Duration = .seconds(30)
        /// Inbound stanzas waiting for the reader of `stanzas`. When the reader falls
        /// this far behind, the connection is closed with `.inboundQueueFull` rather
        /// than silently dropping stanzas: the layer above reconnects and resyncs.
        public var maxQueuedStanzas: Int = 1000
        /// Answer XEP-0199 pings (`<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>`) ourselves.
        public var answersPing: Bool = true
        /// Which inbound iq get/set requests reach `stanzas`.
        public var iqRequests: IQRequestHandling = .deliverAll
        /// Ask for XEP-0198 stream management when the server offers it: acks,
        /// and resumption after a drop (see `XMPPClientConnection.resumption`).
        public var streamManagement: Bool = true
        /// A dropped stream to resume instead of binding a new session
        /// (`XMPPClientConnection.resumption` of the old connection).
        public var resume: StreamResumption?
        /// Ask the server for an ack (`<r/>`) after this many unacknowledged stanzas…
        public var ackRequestEvery: Int = 5
        /// …or once sending has been idle this long with stanzas unacknowledged.
        public var ackRequestAfterIdle: Duration = .seconds(1)
        /// Stanzas the server may leave unacknowledged; beyond this the
        /// connection is treated as dropped (and can be resumed).
        public var maxUnackedStanzas: Int = 5000

        public init(jid: JID, password: String) {
            self.jid = jid
            self.password = password
        }

        /// Signs in with keys kept from an earlier sign-in, no password.
        public init(jid: JID, storedKeys: SCRAMStoredKeys) {
            self.jid = jid
            self.password = ""
            self.storedKeys = storedKeys
        }

        var connectHost: String { host ?? jid.domainpart }
    }

    /// Which certificates the server may present after STARTTLS.
    public enum TLSTrust: Sendable, Hashable {
        /// The system's trust store; the certificate must name the JID's domain.
        case system
        /// Only certificates that chain to this one (a self-signed server
        /// certificate or a private CA); the certificate must still name the JID's domain.
        case certificate(CertificateSource)
        /// No verification at all: encrypted but not authenticated. Tests and labs only.
        case insecure
    }

    public enum CertificateSource: Sendable, Hashable {
        /// PEM text (`-----BEGIN CERTIFICATE-----…`).
        case pem(String)
        /// A PEM file on disk.
        case file(String)
    }

    public enum SASLMechanism: String, Sendable, Hashable, CaseIterable {
        case scramSHA256 = "SCRAM-SHA-256"
        case scramSHA1 = "SCRAM-SHA-1"
        case plain = "PLAIN"
    }

    /// RFC 6120 §8.2.3 requires every iq get/set to be answered. The layer
    /// above answers what it understands; this says who answers the rest.
    public enum IQRequestHandling: Sendable, Hashable {
        /// Every get/set (except answered pings) goes to `stanzas`; the reader must reply.
        case deliverAll
        /// Only requests whose payload is in one of these namespaces go to
        /// `stanzas`; the others are answered `service-unavailable` at once.
        case deliver(namespaces: Set<String>)
    }
}
