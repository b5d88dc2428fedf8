import Foundation
import XMPPCore

/// XEP-0160: messages stored while the user was offline are delivered, with a
/// XEP-0203 delay stamp, when a resource sends initial presence with a
/// non-negative priority — and removed only after they were handed to it
/// (and, for a session with XEP-0198, recorded in the delivery journal).
struct OfflineModule: Sendable {
    /// One flush per user at a time (`OfflineIndex.beginFlush`): a sign-in's
    /// flush and a late offline write's catch-up may overlap.
    func flush(to session: ClientSession, context: ServerContext) async throws {
        let index = context.offlineIndex
        guard index.beginFlush(for: session.username) else { return }
        do {
            repeat {
                try await flushOnce(to: session, context: context)
            } while index.endFlush(for: session.username)
        } catch {
            index.abandonFlush(for: session.username)
            throw error
        }
    }

    private func flushOnce(to session: ClientSession, context: ServerContext) async throws {
        guard let mark = context.offlineIndex.mark(for: session.username) else { return }
        let messages = try await context.storage.offlineMessages(for: session.username)
        guard !messages.isEmpty else {
            context.offlineIndex.delivered(session.username, since: mark)
            return
        }
        var delivered: [Int64] = []
        var readable: [(message: OfflineMessage, stanza: XMLElement)] = []
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
            readable.append((message, stanza))
        }
        let journalIDs = try await journal(readable, for: session, context: context)
        var retired: [Int64] = []
        for (index, item) in readable.enumerated() {
            let journalID = journalIDs[index]
            let handoff = session.send(item.stanza, journalID: journalID)
            if handoff == .ended {
                // The session ended meanwhile: the rest stays offline.
                retired.append(contentsOf: journalIDs[index...].compactMap { $0 })
                break
            }
            if handoff == .written, let journalID { retired.append(journalID) }
            delivered.append(item.message.id)
        }
        try await context.storage.removeOffline(ids: delivered, for: session.username)
        await context.journal.remove(retired)
        if delivered.count == messages.count {
            context.offlineIndex.delivered(session.username, since: mark)
        }
    }

    /// Leaving offline storage for a session with XEP-0198, the messages
    /// stay on disk in the delivery journal until the client acknowledges
    /// them; journaled before the offline rows go, so a crash between the two
    /// only duplicates.
    private func journal(
        _ readable: [(message: OfflineMessage, stanza: XMLElement)], for session: ClientSession, context: ServerContext
    ) async throws -> [Int64?] {
        guard session.streamManagementEnabled else { return Array(repeating: nil, count: readable.count) }
        let entries = readable.map { item in
            JournalEntry(
                username: session.username, stanza: item.stanza.serialized(defaultNamespace: XMLNamespace.client),
                from: item.message.from, receivedAt: item.message.stamp)
        }
        return try await context.journal.record(entries)
    }

    /// XEP-0082 DateTime in UTC with milliseconds.
    static func stamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
