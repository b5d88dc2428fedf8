import Foundation
import XMPPCore

/// Never into the void: what a session never acknowledged goes back to the
/// account when the session ends unresumed.
extension LocalDelivery {
    /// Messages people wrote (chat, normal, headline with a body) go to the
    /// bare JID as if they had just arrived: another available resource, or
    /// offline storage stamped with when the server first had them. Errors,
    /// groupchat, body-less notifications, iq and presence are dropped.
    func redeliver(_ entries: [StreamManagementQueue.Entry], of session: ClientSession) async {
        let bare = session.jid.bare
        let username = session.username
        for entry in entries where Self.deservesRedelivery(entry.stanza) {
            var stanza = entry.stanza
            stanza[attribute: "to"] = bare.description
            let sender = stanza[attribute: "from"].flatMap { try? JID($0) } ?? context.domain
            let targets: [ClientSession]
            if stanza.stanzaType == "headline" {
                targets = context.registry.availableEntries(of: username).filter { $0.priority >= 0 }.map(\.session)
            } else {
                targets = context.registry.messageTargets(of: username)
            }
            do {
                if let journalID = entry.journalID {
                    // Still journaled: the row follows the message to its next home.
                    try await handOff(stanza, journalID: journalID, to: targets, username: username, sender: sender, stamp: entry.queuedAt)
                } else {
                    // Offline when no target took it (none left, or all ended meanwhile).
                    var taken = false
                    for target in targets where target.send(stanza) != .ended { taken = true }
                    if !taken {
                        try await storeOffline(stanza, username: username, sender: sender, stamp: entry.queuedAt)
                    }
                }
            } catch {
                context.logger.warning(
                    "unacknowledged message not stored", metadata: ["xmpp.user": "\(username)", "error": "\(error)"])
                await bounce(stanza, (error as? StanzaError) ?? StanzaError(.internalServerError), to: sender)
            }
        }
    }

    static func deservesRedelivery(_ stanza: XMLElement) -> Bool {
        guard stanza.isMessage, stanza.child("body", namespace: XMLNamespace.client) != nil else { return false }
        switch stanza.stanzaType {
        case nil, "chat", "normal", "headline": return true
        default: return false
        }
    }
}
