import Foundation
import XMPPCore

/// Presence: `MyStatus` (§3.1.18, C26) and contacts' status (§3.6, §4.2).
extension ClientState {
    /// States a user may choose; the others are set by the client itself (C26).
    static let userSettableStatuses: Set<MISTATUS> = [
        .online, .busy, .beRightBack, .away, .onThePhone, .outToLunch, .invisible,
        .inAMeeting, .outOfOffice, .doNotDisturb, .inAConference, .allowUrgentInterruptions,
        .mayBeAvailable, .custom,
    ]

    /// `get_MyStatus`: offline while signed out (C26).
    var reportedMyStatus: MISTATUS {
        isSignedIn ? myStatus : (phase == .signedOut ? .offline : myStatus)
    }

    /// `put_MyStatus`: E_INVALIDARG for states a user cannot choose, then
    /// MSGR_E_NOT_LOGGED_ON; publishes the state and always raises
    /// `OnMyStatusChange`, even when nothing changed.
    mutating func putMyStatus(_ rawStatus: Int32) throws(MessengerError) {
        guard let status = MISTATUS(rawValue: rawStatus), Self.userSettableStatuses.contains(status) else {
            throw MessengerError(.E_INVALIDARG, "\(rawStatus) is not a status a user can choose")
        }
        try requireSignedIn()
        setChosenStatus(status)
        if phase == .online { publish(status) }
        setMyStatus(status)
    }

    /// Sends our presence for `status`: invisible uses XEP-0186 (falling back
    /// to unavailable presence where the server lacks it); everything else is
    /// available presence with `<show/>` and our exact-status element.
    mutating func publish(_ status: MISTATUS) {
        if status == .invisible {
            request(InvisibleCommand.invisible(), .invisibility(true))
            return
        }
        if isInvisibleOnServer {
            send(InvisibleCommand.visible())
            isInvisibleOnServer = false
        }
        var presence = PresenceStatusMapping.availablePresence(status)
        if let myProfileHash { presence.append(ProfileHash.element(myProfileHash)) }
        send(presence)
    }

    // MARK: Inbound

    /// A `<presence/>` from someone else: availability updates the contact's
    /// status (raising `OnContactStatusChange` with the new state for listed
    /// contacts, C19/C20); subscription requests from listed contacts are
    /// approved, others wait for the user.
    mutating func receivePresence(_ presence: XMLElement) {
        guard let fromText = presence[attribute: "from"], let from = try? JID(fromText),
            from.localpart != nil, from.bare != account
        else { return }
        let type = presence[attribute: "type"]
        if type == "subscribe" {
            let key = knownContact(jid: from)
            if contacts[key]?.isListed == true {
                send(SubscriptionPresence.make(.subscribed, to: from))
            } else {
                pendingSubscriptionRequests.insert(key)
            }
            return
        }
        guard let status = PresenceStatusMapping.status(of: presence) else { return }
        let key = knownContact(jid: from)
        let resource = from.resourcepart ?? ""
        if status == .offline {
            contacts[key]?.resources[resource] = nil
            contacts[key]?.profileHashes[resource] = nil
        } else {
            let cameOnline = contacts[key]?.resources.isEmpty ?? true
            contacts[key]?.resources[resource] = status
            // A contact coming online may have changed its profile meanwhile;
            // one already online announces a change with a new profile hash.
            let hash = ProfileHash.hash(in: presence)
            let previousHash = contacts[key]?.profileHashes[resource]
            contacts[key]?.profileHashes[resource] = hash
            let profileChanged = hash != nil && hash != previousHash
            if cameOnline || profileChanged, contacts[key]?.isListed == true, phase == .online, let jid = contacts[key]?.jid {
                request(VCardProfile.request(for: jid), .contactProfile(key))
            }
        }
        reportStatusIfChanged(key)
    }

    mutating func reportStatusIfChanged(_ key: ContactKey) {
        guard let record = contacts[key], record.isListed else { return }
        let status = record.status
        let previous = record.lastReportedStatus ?? .offline
        guard status != previous else { return }
        contacts[key]?.lastReportedStatus = status
        emit(.contactStatusChange(key, status))
    }

    /// Every contact looks offline (signed out, or the connection dropped).
    /// Reported as status changes when the connection dropped; silently at sign-out.
    mutating func forgetPresence(report: Bool) {
        for key in contacts.keys.sorted() {
            contacts[key]?.resources.removeAll()
            contacts[key]?.profileHashes.removeAll()
            if report {
                reportStatusIfChanged(key)
            } else {
                contacts[key]?.lastReportedStatus = nil
            }
        }
    }
}

/// XEP-0186 Invisible Command.
enum InvisibleCommand {
    static let namespace = "urn:xmpp:invisible:0"

    static func invisible() -> XMLElement { command("invisible") }
    static func visible() -> XMLElement { command("visible") }

    private static func command(_ name: String) -> XMLElement {
        var iq = XMLElement(name: "iq", namespace: XMLNamespace.client, attributes: ["type": "set"])
        iq.append(XMLElement(name: name, namespace: namespace))
        return iq
    }
}
