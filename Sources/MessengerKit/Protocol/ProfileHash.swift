import Crypto
import XMPPCore

/// Telling contacts that a vCard changed, without them polling: our clients
/// put `<profile xmlns='urn:xmpp:communicator:profile:0' hash='…'/>` in every
/// available presence, the hash being SHA-256 (first 16 bytes, hex) of the
/// vCard as last published or loaded. A contact whose hash changes is
/// re-read (docs/protocol.md, "Profile changes"). Not XEP-0153: its hash
/// names the avatar image, and other clients would treat ours as one.
enum ProfileHash {
    static let maxLength = 64

    static func of(_ vCard: XMLElement) -> String {
        SHA256.hash(data: Array(vCard.serialized().utf8)).prefix(16)
            .map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func element(_ hash: String) -> XMLElement {
        XMLElement(name: "profile", namespace: XMLNamespace.profile, attributes: ["hash": hash])
    }

    /// The hash in a presence; nil when it has none (or an overlong one).
    static func hash(in presence: XMLElement) -> String? {
        ProtocolLimits.bounded(presence.child("profile", namespace: XMLNamespace.profile)?[attribute: "hash"], limit: maxLength)
    }
}
