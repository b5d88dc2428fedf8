import NIOSSL
import SIPCore
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
        /// STARTTLS before authentication. When false (benchmarks on loopback
        /// only, like Prosody's and ejabberd's plaintext setups), STARTTLS is
        /// still offered but optional, and SCRAM and binding work without it;
        /// PLAIN is never offered on plaintext. `XMPPServer.start()` refuses
        /// false unless `bindHost` is a loopback address.
        public var requireTLS: Bool = true
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
        /// Sessions (bound resources) one account may have at once; one more
        /// bind gets `resource-constraint` (RFC 6120 §7.6.2.1).
        public var maxSessionsPerAccount: Int = 10
        /// Contacts on one roster; adding one more gets `resource-constraint` (RFC 6121 §2.3.3).
        public var maxRosterItems: Int = 1000
        /// What one connection may send; beyond it the stream ends with `policy-violation`.
        public var rateLimits: ConnectionRateLimits = .init()
        /// Failed sign-ins tolerated per source address and per account, across connections.
        public var authThrottle: AuthThrottlePolicy = .init()
        /// XEP-0198 stream management (acks, resumption) offered to clients.
        public var streamManagement: Bool = true
        /// Seconds a session whose connection dropped is kept for resumption
        /// (a client's smaller `max` wins); 0 turns resumption off.
        public var smResumptionSeconds: Int = 300
        /// Stanzas a session may have unacknowledged (or queued while
        /// hibernating); beyond this the stream ends with `resource-constraint`
        /// and the messages go back to the account.
        ///
        /// Must stay above what sign-in alone can queue before the client has
        /// read anything: a full offline store (`maxOfflineMessagesPerUser`,
        /// 10,000) plus the contacts' presence (`maxRosterItems`, 1000, one
        /// per available resource) and the roster push. At 10,000 a user with
        /// a full offline store overflowed at every sign-in and could never
        /// drain it. Raise it with those two limits.
        public var smMaxUnacked: Int = 16_000
        /// The server asks for an ack (`<r/>`) after this many unrequested stanzas…
        public var smAckRequestEvery: Int = 5
        /// …or this long after the first of them, whichever comes first.
        public var smAckRequestDelay: Duration = .seconds(2)
        /// PBKDF2 iterations for newly stored SCRAM keys.
        public var scramIterations: Int = 4096

        /// SIP registrar and proxy on UDP and TCP of `bindHost` (0 picks a free
        /// port, see `XMPPServer.sipPort`); nil runs no SIP.
        public var sipPort: Int?
        /// Where calls to numbers and addresses we do not host go (`sip:HOST:PORT`,
        /// an IP address); nil answers them 404.
        public var sipGateway: SIPURI?
        /// Digest algorithms the registrar and proxy challenge with and accept,
        /// most preferred first. `[.md5]` serves clients that give up on a
        /// challenge list containing an algorithm they lack (baresip 1.0).
        public var sipDigestAlgorithms: [DigestAlgorithm] = [.sha256, .md5]
        /// SIP transaction timers (RFC 3261 §17); tests shorten them.
        public var sipTimers: TransactionTimers = .default
        /// Timer C (RFC 3261 §16.8): an INVITE still ringing after this is cancelled (408).
        public var sipInviteTimeout: Duration = .seconds(180)
        /// Registered contacts kept per user; a REGISTER beyond it gets 503.
        public var sipMaxBindingsPerUser: Int = 10
        /// Requests the proxy forwards at once; beyond it new ones get 503.
        public var sipMaxActiveRequests: Int = 1000

        /// Hosts and ports a user's pager gateway (a webhook URL in their
        /// private storage) may name, as `HOST[:PORT]`: a bare host allows
        /// port 80 only, `host:8080` that port. Empty — the default — disables gateways: a
        /// webhook is a request the server makes to an address a user chose,
        /// so which hosts it may reach is the administrator's decision.
        public var pagerWebhookHosts: Set<String> = []
        /// How long one webhook POST may take, connecting included.
        public var pagerWebhookTimeout: Duration = .seconds(5)
        /// Webhook POSTs under way at once; a page beyond it reports the gateway as failed.
        public var pagerWebhooksInFlight: Int = 32

        public init(domain: String, tls: TLSConfiguration) {
            self.domain = domain
            self.tls = tls
        }
    }
}

extension XMPPServer.Configuration {
    /// A gateway the proxy can reach: `sip:HOST[:PORT]` with an IP address
    /// host (no DNS) and no user part; nil for anything else.
    public static func sipGateway(parsing text: String) -> SIPURI? {
        guard let uri = try? SIPURI(parsing: text), !uri.isSecure, uri.user == nil,
            SIPTargetResolver.destination(for: uri) != nil
        else { return nil }
        return uri
    }
}
