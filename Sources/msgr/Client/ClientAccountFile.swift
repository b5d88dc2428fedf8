import Foundation
import MessengerKit
import SIPCore

/// `account.json` in the client's data folder: which account to sign in to,
/// where, which certificates to trust, the SCRAM keys learnt at the last
/// password sign-in and the SIP digest secret for the phone line. Never a password.
struct ClientAccountFile: Codable, Sendable, Equatable {
    /// Which server certificates to accept (`msgr client --insecure` / `--trust-cert`).
    enum Trust: String, Codable, Sendable {
        case system, insecure, certificate
    }

    var jid: String
    var host: String?
    var port: Int
    var trust: Trust
    /// The PEM file, when `trust` is `certificate`.
    var trustCertificate: String?
    var storedKeys: SCRAMStoredKeys?
    /// HA1 for the phone line's digest authentication (password-equivalent
    /// for SIP only), derived when a password was last given.
    var sipSecret: DigestSecret?

    var tlsTrust: XMPPClientConnection.TLSTrust {
        switch trust {
        case .system: .system
        case .insecure: .insecure
        case .certificate: .certificate(.file(trustCertificate ?? ""))
        }
    }

    /// Whether both describe the same account on the same server, so that keys learnt for one work for the other.
    func isSameServerAccount(as other: ClientAccountFile) -> Bool {
        jid.lowercased() == other.jid.lowercased() && host == other.host && port == other.port
    }
}

/// `settings.json` in the client's data folder: the client's policy
/// (`ClientPolicy`). Every key is optional; a missing key keeps the default.
///
/// - `allowsPhoneCalls` (bool, default true): whether the user may place
///   phone calls; false makes `Messenger.Phone` fail.
/// - `hasVoiceService` (bool, default true): whether a voice service is
///   configured; false makes `Messenger.Phone` fail with
///   MSGR_E_PHONESERVICE_UNAVAILABLE.
struct ClientSettingsFile: Codable, Sendable, Equatable {
    var allowsPhoneCalls: Bool?
    var hasVoiceService: Bool?

    var policy: ClientPolicy {
        let defaults = ClientPolicy()
        return ClientPolicy(
            allowsPhoneCalls: allowsPhoneCalls ?? defaults.allowsPhoneCalls,
            hasVoiceService: hasVoiceService ?? defaults.hasVoiceService)
    }
}
