import Foundation
import XMPPCore

/// DESIGN: a message the server has acknowledged is durable before the ack.
/// A message in a recipient session's queue lives only in memory, so before
/// a message people wrote is handed to online sessions it is recorded in the
/// delivery journal. Routing is awaited before the sender's stanza counts
/// for its XEP-0198 `h`, so no `<a h/>` can cover a message not yet on disk.
/// The row goes when the message is safe elsewhere: a session acknowledged
/// it (the first one, with several resources), it went to offline storage,
/// or it was written to a session without stream management. A message for
/// sessions none of which has stream management is not journaled at all:
/// such clients have no acks, so for them delivery is at-most-once on a crash.
/// At start-up whatever is left in the journal moves to offline storage.
extension LocalDelivery {
    /// Records `stanza` in the journal, then hands it to `targets`.
    func deliverDurably(_ stanza: XMLElement, to targets: [ClientSession], username: String, sender: JID) async throws {
        guard !targets.isEmpty else { return }
        // Without XEP-0198 no target can hold the message until it acks, so
        // a journal row would be removed right after the write: skip it.
        guard Self.deservesRedelivery(stanza), targets.contains(where: \.streamManagementEnabled) else {
            try await handOffUnjournaled(stanza, to: targets, username: username, sender: sender)
            return
        }
        let entry = JournalEntry(
            username: username, stanza: stanza.serialized(defaultNamespace: XMLNamespace.client), from: sender,
            receivedAt: Date())
        guard let recorded = try await context.journal.record([entry]).first, let journalID = recorded else {
            // The account was removed meanwhile.
            throw StanzaError(.serviceUnavailable)
        }
        try await handOff(stanza, journalID: journalID, to: targets, username: username, sender: sender, stamp: entry.receivedAt)
    }

    /// Writes to sessions that cannot acknowledge; when all of them ended
    /// meanwhile, a message worth keeping goes to offline storage instead.
    ///
    /// A target may enable stream management after the check in
    /// `deliverDurably`, so a send here can come back `.heldUntilAcknowledged`
    /// with no journal row. Accepted: that session still redelivers it if it
    /// ends unacknowledged; only a crash before the ack loses it, the same
    /// at-most-once as had the client enabled a moment later. Journaling
    /// here would cost every non-XEP-0198 message a commit to close that race.
    private func handOffUnjournaled(_ stanza: XMLElement, to targets: [ClientSession], username: String, sender: JID) async throws {
        var written = false
        for target in targets where target.send(stanza) != .ended { written = true }
        if !written, Self.deservesRedelivery(stanza) {
            try await storeOffline(stanza, username: username, sender: sender, stamp: Date())
        }
    }

    /// Hands an already journaled message to `targets` and retires its row
    /// unless a session now holds it until acknowledged. When every target
    /// ended meanwhile it goes to offline storage instead.
    func handOff(
        _ stanza: XMLElement, journalID: Int64, to targets: [ClientSession], username: String, sender: JID, stamp: Date
    ) async throws {
        var held = false
        var written = false
        for target in targets {
            switch target.send(stanza, journalID: journalID) {
            case .heldUntilAcknowledged: held = true
            case .written: written = true
            case .ended: break
            }
        }
        if held && !written { return }
        if !held && !written {
            do {
                try await storeOffline(stanza, username: username, sender: sender, stamp: stamp)
            } catch {
                // Bounced to the sender instead (offline storage full).
                await context.journal.remove([journalID])
                throw error
            }
        }
        await context.journal.remove([journalID])
    }
}
