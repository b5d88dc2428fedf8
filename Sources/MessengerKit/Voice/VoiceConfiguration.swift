import SIPCore
import SIPUserAgent

extension Messenger {
    /// The SIP phone line `Phone` and `StartVoice` use. The account is the
    /// sign-in name and password of the `Configuration` (the server keeps
    /// digest credentials for the same password), or `storedSecret` for a
    /// client that keeps no password (docs/phone.md).
    public struct VoiceConfiguration: Sendable {
        /// The SIP registrar and proxy: an IP address (no DNS) and port.
        public var serverHost: String
        public var serverPort: Int
        /// SIP over TCP instead of UDP.
        public var usesTCP = false
        /// Our SIP and RTP address.
        public var bindHost = "127.0.0.1"
        /// Makes each call's audio: what we send, where received audio goes.
        public var media: CallMediaFactory
        /// How long an outgoing call may ring before it ends as no answer.
        public var ringTimeout: Duration = .seconds(60)
        /// The registration lifetime we ask for, in seconds.
        public var registrationExpiry = 600
        /// HA1 kept from an earlier password sign-in (`DigestSecret.derive`
        /// with the account's localpart and domain); used when there is no password.
        public var storedSecret: DigestSecret?

        public init(serverHost: String, serverPort: Int, media: @escaping CallMediaFactory) {
            self.serverHost = serverHost
            self.serverPort = serverPort
            self.media = media
        }
    }
}
