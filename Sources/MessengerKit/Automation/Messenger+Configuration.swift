import Foundation
import XMPPCore

extension Messenger {
    /// The account a Communicator instance signs in to, and how it behaves.
    public struct Configuration: Sendable {
        /// `user@domain`; a `sip:` prefix is accepted (C23).
        public var signinName: String
        /// The stored password `AutoSignin` uses; nil with no `storedKeys` means
        /// "not saved" (AutoSignin fails with E_FAIL).
        public var password: String?
        /// Keys kept from an earlier SCRAM sign-in; `AutoSignin` uses them when
        /// `password` is nil, so a client need not store the password at all.
        public var storedKeys: SCRAMStoredKeys?
        /// Called (on no particular thread) after a password sign-in taught the
        /// client new keys, so that they can be stored for the next run.
        public var onKeysLearned: (@Sendable (SCRAMStoredKeys) -> Void)?
        /// Where the XMPP server is; nil means the sign-in name's domain.
        public var host: String?
        public var port: Int = 5222
        public var tlsTrust: XMPPClientConnection.TLSTrust = .system
        public var policy = ClientPolicy()
        public var reconnectPolicy = ReconnectPolicy()
        /// How long the server may take to answer one request.
        public var requestTimeout: Duration = .seconds(30)
        /// The spec's sign-in limit: no connection within 15 s is MSGR_E_LOGON_TIMEOUT (§3.1.14).
        public var signinTimeout: Duration = .seconds(15)
        /// The zone `History` writes times in.
        public var timeZone: TimeZone = .current
        /// Where conversations are kept across restarts; nil keeps none
        /// (`archivedHistory(with:)` then fails).
        public var archive: (any ConversationArchive)?
        /// The phone line for calls; nil places none (a dialled call ends
        /// with MSGR_E_PHONESERVICE_UNAVAILABLE).
        public var voice: VoiceConfiguration?

        public init(signinName: String, password: String?) {
            self.signinName = signinName
            self.password = password
        }

        /// The whole contact list comes in one roster result: at about 60
        /// bytes an item, the parser's 256 KiB default refused lists of more
        /// than about 4,200 contacts (the stream was cut and sign-in looped).
        /// 8 MiB holds well over 100,000 contacts and still bounds memory.
        static let maxIncomingStanzaBytes = 8 << 20

        /// Whether `AutoSignin` has something to sign in with.
        var hasCredentials: Bool { password != nil || storedKeys != nil }

        func connectionConfiguration(account: JID) -> XMPPClientConnection.Configuration {
            var connection = XMPPClientConnection.Configuration(jid: account, password: password ?? "")
            connection.storedKeys = storedKeys
            connection.host = host
            connection.port = port
            connection.tlsTrust = tlsTrust
            connection.connectTimeout = signinTimeout
            connection.negotiationTimeout = signinTimeout
            connection.xmlLimits.maxStanzaBytes = Self.maxIncomingStanzaBytes
            return connection
        }
    }
}
