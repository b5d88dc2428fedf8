import Foundation
import XMPPCore

/// Stanzas the server sends without being asked: pushes, presence, messages.
extension ClientState {
    /// Routes one inbound stanza; iq requests are answered (pushes acknowledged, the rest refused).
    mutating func receive(_ stanza: XMLElement, now: Date) {
        switch stanza.name {
        case "message":
            if receivePageReply(stanza) { return }
            if let message = ChatMessage(element: stanza) { receive(message, now: now) }
        case "presence":
            receivePresence(stanza)
        case "iq":
            receiveIQ(stanza)
        default:
            return
        }
    }

    private mutating func receiveIQ(_ iq: XMLElement) {
        let type = iq[attribute: "type"]
        guard type == "set" || type == "get" else { return }
        if let push = RosterIQ.parsePush(iq, account: account) {
            applyRosterPush(push.entry)
            send(Self.emptyResult(to: iq))
        } else if let push = BlockingIQ.parsePush(iq, account: account) {
            applyBlockingPush(push)
            send(Self.emptyResult(to: iq))
        } else {
            send(Self.serviceUnavailable(to: iq))
        }
    }

    // MARK: Roster

    mutating func applyRoster(_ entries: [RosterEntry]) {
        for key in contacts.keys { contacts[key]?.rosterEntry = nil }
        for entry in entries where entry.subscription != .remove {
            let key = knownContact(jid: entry.jid)
            contacts[key]?.rosterEntry = entry
            for name in entry.groups { knownGroup(named: name) }
        }
    }

    /// A roster push (RFC 6121 §2.1.6): the list changed here or on another device.
    mutating func applyRosterPush(_ entry: RosterEntry) {
        let key = knownContact(jid: entry.jid)
        let previousName = contacts[key]?.friendlyName
        if entry.subscription == .remove {
            contacts[key]?.rosterEntry = nil
            contacts[key]?.lastReportedStatus = nil
            return
        }
        contacts[key]?.rosterEntry = entry
        for name in entry.groups { knownGroup(named: name) }
        if let previousName, let record = contacts[key], record.friendlyName != previousName, record.isListed {
            emit(.contactFriendlyNameChange(.S_OK, key, previousName: previousName))
        }
    }

    // MARK: Blocking

    mutating func applyBlocklist(_ jids: [JID]) {
        for key in contacts.keys { contacts[key]?.isBlocked = false }
        for jid in jids where jid.localpart != nil {
            contacts[knownContact(jid: jid)]?.isBlocked = true
        }
    }

    mutating func applyBlockingPush(_ push: BlockingIQ.BlockingPush) {
        switch push {
        case .blocked(let jids):
            for jid in jids where jid.localpart != nil { contacts[knownContact(jid: jid)]?.isBlocked = true }
        case .unblocked(let jids):
            for jid in jids where jid.localpart != nil { contacts[knownContact(jid: jid)]?.isBlocked = false }
        case .unblockedAll:
            for key in contacts.keys { contacts[key]?.isBlocked = false }
        }
    }

    // MARK: Profiles

    /// A contact's vCard arrived: raise `OnContactPhoneChange` for numbers that
    /// changed since the last one and `OnContactPagerChange` when `CanPage`
    /// flipped (not for the first load after sign-in).
    mutating func applyProfile(_ profile: VCardProfile, of key: ContactKey) {
        guard let record = contacts[key] else { return }
        let hadProfile = record.hasLoadedProfile
        let previousName = record.friendlyName
        contacts[key]?.profile = profile
        contacts[key]?.hasLoadedProfile = true
        guard hadProfile, record.isListed else { return }
        for type in [MPHONE_TYPE.home, .work, .mobile] where record.profile.phoneNumbers[type] != profile.phoneNumbers[type] {
            emit(.contactPhoneChange(.S_OK, key, type, number: profile.phoneNumbers[type] ?? ""))
        }
        if record.profile.canPage != profile.canPage {
            emit(.contactPagerChange(.S_OK, key, pageable: profile.canPage))
        }
        if contacts[key]?.friendlyName != previousName {
            emit(.contactFriendlyNameChange(.S_OK, key, previousName: previousName))
        }
    }

    // MARK: Replies

    static func emptyResult(to iq: XMLElement) -> XMLElement {
        var reply = XMLElement(name: "iq", namespace: XMLNamespace.client, attributes: ["type": "result"])
        reply[attribute: "id"] = iq[attribute: "id"]
        reply[attribute: "to"] = iq[attribute: "from"]
        return reply
    }

    /// RFC 6120 §8.2.3: a request we do not understand still gets an answer.
    static func serviceUnavailable(to iq: XMLElement) -> XMLElement {
        iq.errorReply(StanzaError(.serviceUnavailable))
    }
}
