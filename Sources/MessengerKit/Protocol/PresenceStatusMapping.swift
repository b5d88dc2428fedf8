import XMPPCore

/// MISTATUS ↔ XMPP presence (spec §8). Other clients see the standard
/// `<show/>`; ours also read the exact state from our extension element
/// `<status xmlns='urn:xmpp:communicator:presence:0' value='10'/>` (the
/// decimal MISTATUS value), so "Out to lunch" survives the round trip.
enum PresenceStatusMapping {
    static let namespace = "urn:xmpp:communicator:presence:0"

    /// The `<show/>` text for a state; nil means no `<show/>` (plain available).
    static func show(for status: MISTATUS) -> String? {
        switch status {
        case .away, .beRightBack, .outToLunch, .idle, .mayBeAvailable:
            "away"
        case .busy, .onThePhone, .inAMeeting, .inAConference, .doNotDisturb, .allowUrgentInterruptions:
            "dnd"
        case .outOfOffice:
            "xa"
        case .online, .custom, .unknown, .offline, .invisible, .localFindingServer, .localConnectingToServer,
            .localSynchronizingWithServer, .localDisconnectingFromServer:
            nil
        }
    }

    /// An available `<presence/>` (no type, no `to`) announcing `status`.
    ///
    /// The extension element is left out for states a contact can never be in
    /// (unknown, offline, invisible, local transitions) so that, say, an
    /// invisible user is never announced as such.
    static func availablePresence(_ status: MISTATUS, priority: Int = 0) -> XMLElement {
        var presence = XMLElement(name: "presence", namespace: XMLNamespace.client)
        if let show = show(for: status) {
            presence.append(XMLElement(name: "show", namespace: XMLNamespace.client, text: show))
        }
        // RFC 6121 §4.7.2.3: priority is a signed byte.
        let clamped = min(max(priority, -128), 127)
        if clamped != 0 {
            presence.append(XMLElement(name: "priority", namespace: XMLNamespace.client, text: String(clamped)))
        }
        if isReportable(status) {
            presence.append(XMLElement(name: "status", namespace: namespace, attributes: ["value": String(status.rawValue)]))
        }
        return presence
    }

    /// The state an inbound `<presence/>` announces; nil for presence that is
    /// not about availability (subscriptions, probes, errors).
    static func status(of presence: XMLElement) -> MISTATUS? {
        guard presence.name == "presence" else { return nil }
        switch presence[attribute: "type"] {
        case nil:
            break
        case "unavailable":
            return .offline
        default:
            return nil
        }
        let show = presence.child("show", namespace: presence.namespace)
            .map { $0.text.trimmingXMLWhitespace }
        if let exact = extensionStatus(of: presence), Self.show(for: exact) == show {
            return exact
        }
        switch show {
        case "away", "xa": return .away
        case "dnd": return .busy
        // None, "chat", or a value RFC 6121 does not define: still available.
        default: return .online
        }
    }

    /// The extension's state, when it is a state a contact can be in.
    private static func extensionStatus(of presence: XMLElement) -> MISTATUS? {
        guard let value = presence.child("status", namespace: namespace)?[attribute: "value"],
            let raw = Int32(value), let status = MISTATUS(rawValue: raw), isReportable(status)
        else { return nil }
        return status
    }

    /// States worth telling contacts about: connected and not hidden.
    private static func isReportable(_ status: MISTATUS) -> Bool {
        status.isOnline && status != .invisible && !status.isLocalTransition
    }
}
