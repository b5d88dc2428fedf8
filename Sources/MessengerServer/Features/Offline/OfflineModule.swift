import Foundation
import XMPPCore

/// XEP-0160: messages stored while the user was offline are delivered, with a
/// XEP-0203 delay stamp, when a resource sends initial presence with a
/// non-negative priority — and removed only after they were handed to it.
struct OfflineModule: Sendable {
    func flush(to session: ClientSession, context: ServerContext) async throws {
        let messages = try await context.storage.offlineMessages(for: session.username)
        guard !messages.isEmpty else { return }
        var delivered: [Int64] = []
        for message in messages {
            guard var stanza = XMLElement(storedStanza: message.stanza) else {
                context.logger.warning("dropping unreadable offline message", metadata: ["xmpp.user": "\(session.username)"])
                delivered.append(message.id)
                continue
            }
            stanza[attribute: "to"] = session.jid.bare.description
            // A message that was already delivered once from here (and came
            // back unacknowledged, XEP-0198) keeps its first stamp.
            if stanza.child("delay", namespace: XMLNamespace.delay) == nil {
                stanza.append(XMLElement(
                    name: "delay", namespace: XMLNamespace.delay,
                    attributes: ["from": context.domain.description, "stamp": Self.stamp(message.stamp)],
                    text: "Offline Storage"))
            }
            session.send(stanza)
            delivered.append(message.id)
        }
        try await context.storage.removeOffline(ids: delivered, for: session.username)
    }

    /// XEP-0082 DateTime in UTC with milliseconds.
    static func stamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
