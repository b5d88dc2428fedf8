import XMPPCore

/// Messages that could not go out because no stream was up — sent while a
/// dropped connection was being resumed, or left unacknowledged by a stream
/// that could not be resumed. They wait here, in order, and leave on the
/// next stream with their original ids (recipients drop repeats by id).
extension MessengerEngine {
    /// At most this many messages wait; beyond it the newest are dropped (and logged).
    static let maxHeldMessages = 1000

    /// Only messages a person wrote are worth resending: presence is
    /// published afresh after a reconnect, and iq answers belong to a stream.
    static func needsDelivery(_ stanza: XMLElement) -> Bool {
        guard stanza.name == "message", stanza.namespace == nil || stanza.namespace == XMLNamespace.client else {
            return false
        }
        let type = stanza[attribute: "type"] ?? "normal"
        guard type == "chat" || type == "normal" || type == "headline" else { return false }
        return stanza.child("body", namespace: XMLNamespace.client) != nil || stanza.child("body") != nil
    }

    /// Our own broadcast presence (no `to`): a status change made while no
    /// stream is up; only the latest one matters.
    static func isOwnPresence(_ stanza: XMLElement) -> Bool {
        stanza.name == "presence" && stanza[attribute: "to"] == nil
            && (stanza.namespace == nil || stanza.namespace == XMLNamespace.client)
    }

    /// Sends now when a stream takes it; otherwise a message (or the latest
    /// own presence) waits for the next stream.
    func send(_ stanza: XMLElement) {
        if let connection {
            do {
                try connection.enqueue(stanza)
                return
            } catch {
                logger.debug("stanza not sent", metadata: ["xmpp.error": "\(error)"])
            }
        }
        if Self.needsDelivery(stanza) {
            hold([stanza])
        } else if Self.isOwnPresence(stanza) {
            heldPresence = stanza
        }
    }

    /// Keeps messages for the next stream. `first` puts them before those
    /// already waiting: they were sent earlier (a dead stream's unacknowledged ones).
    func hold(_ stanzas: [XMLElement], first: Bool = false) {
        let messages = stanzas.filter(Self.needsDelivery)
        guard !messages.isEmpty else { return }
        var combined = first ? messages + heldMessages : heldMessages + messages
        if combined.count > Self.maxHeldMessages {
            logger.warning("messages dropped while offline", metadata: ["xmpp.dropped": "\(combined.count - Self.maxHeldMessages)"])
            combined.removeLast(combined.count - Self.maxHeldMessages)
        }
        heldMessages = combined
    }

    /// The stream is up: the latest presence, then what waited, oldest first.
    func sendHeldMessages() {
        let waiting = (heldPresence.map { [$0] } ?? []) + heldMessages
        heldMessages = []
        heldPresence = nil
        for stanza in waiting { send(stanza) }
    }
}
