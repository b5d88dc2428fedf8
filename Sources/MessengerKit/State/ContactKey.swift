import XMPPCore

/// How the client names a contact internally: the normalized bare address.
///
/// Sign-in names compare case-insensitively, an optional `sip:`/`sips:`/`xmpp:`
/// scheme is dropped (C23), and a name without "@" is taken to be on the
/// account's own domain. A string that is no valid JID still gets a key —
/// the API opens windows even for names that are not valid users (§3.1.5) —
/// but no `jid`, so nothing is ever sent to it.
struct ContactKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    let value: String

    var description: String { value }

    static func < (lhs: ContactKey, rhs: ContactKey) -> Bool { lhs.value < rhs.value }

    init(jid: JID) {
        value = jid.bare.description
    }

    /// The key and, when the name is a usable account address, its bare JID.
    static func resolve(_ signinName: String, defaultDomain: String?) -> (key: ContactKey, jid: JID?) {
        var name = Substring(signinName)
        for scheme in ["sip:", "sips:", "xmpp:"] where name.lowercased().hasPrefix(scheme) {
            name = name.dropFirst(scheme.count)
            break
        }
        var address = String(name)
        if !address.contains("@"), let defaultDomain, !address.isEmpty {
            address += "@" + defaultDomain
        }
        if let jid = try? JID(address), jid.localpart != nil, jid.resourcepart == nil {
            return (ContactKey(jid: jid), jid)
        }
        return (ContactKey(raw: address.lowercased()), nil)
    }

    private init(raw: String) {
        value = raw
    }
}
