import SIPUserAgent

extension Messenger {
    /// The SIP phone line `Phone` and `StartVoice` use. The account is the
    /// sign-in name and password of the `Configuration` (the server keeps
    /// digest credentials for the same password); a client signed in with
    /// stored SCRAM keys alone cannot register a phone (docs/phone.md).
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

        public init(serverHost: String, serverPort: Int, media: @escaping CallMediaFactory) {
            self.serverHost = serverHost
            self.serverPort = serverPort
            self.media = media
        }
    }
}
