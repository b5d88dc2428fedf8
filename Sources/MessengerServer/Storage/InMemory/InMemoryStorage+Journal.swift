import Foundation
import XMPPCore

extension InMemoryStorage: DeliveryJournal {
    public func recordInJournal(_ entries: [JournalEntry], removing: [Int64]) -> [Int64?] {
        removeFromJournal(ids: removing)
        return entries.map { entry in
            guard accounts[entry.username] != nil else { return nil }
            lastJournalID += 1
            var stored = entry
            stored.id = lastJournalID
            stored.receivedAt = entry.receivedAt.storagePrecision
            journal.append(stored)
            return lastJournalID
        }
    }

    public func removeFromJournal(ids: [Int64]) {
        let doomed = Set(ids)
        journal.removeAll { doomed.contains($0.id) }
    }

    @discardableResult
    public func moveJournalToOffline() -> Int {
        let moving = journal
        for entry in moving {
            lastOfflineID += 1
            let message = OfflineMessage(id: lastOfflineID, stanza: entry.stanza, from: entry.from, stamp: entry.receivedAt)
            accounts[entry.username]?.offline.append(message)
        }
        journal = []
        return moving.count
    }

    public func journalEntries() -> [JournalEntry] {
        journal
    }
}
