import Foundation
import SQLiteNIO
import XMPPCore

extension SQLiteStorage: DeliveryJournal {
    public func recordInJournal(_ entries: [JournalEntry], removing: [Int64]) async throws -> [Int64?] {
        guard !entries.isEmpty else {
            try await removeFromJournal(ids: removing)
            return []
        }
        // One commit (one fsync) for the whole batch: the writer groups concurrent messages.
        return try await transaction { db in
            if !removing.isEmpty {
                _ = try await db.query(
                    "DELETE FROM delivery_journal WHERE id IN (SELECT value FROM json_each(?))", [.text(Self.idList(removing))])
            }
            var ids: [Int64?] = []
            ids.reserveCapacity(entries.count)
            for entry in entries {
                let rows = try await db.query(
                    """
                    INSERT INTO delivery_journal (username, sender, received_at, stanza)
                    SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM accounts WHERE username = ?)
                    RETURNING id
                    """,
                    [
                        .text(entry.username), .text(entry.from.description), .int(entry.receivedAt.unixMilliseconds),
                        .text(entry.stanza), .text(entry.username),
                    ]
                )
                ids.append(try rows.first?.integer("id"))
            }
            return ids
        }
    }

    public func removeFromJournal(ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        let idList = Self.idList(ids)
        try await exclusive { db in
            // Not fsynced: a removal lost to a power cut only brings back a row, which means a
            // duplicate the recipient drops by id, never a loss. (A killed process loses nothing
            // either way: in WAL mode the commit is in the file before this returns.)
            _ = try await db.query("PRAGMA synchronous = NORMAL")
            do {
                _ = try await db.query(
                    "DELETE FROM delivery_journal WHERE id IN (SELECT value FROM json_each(?))", [.text(idList)])
            } catch {
                _ = try? await db.query("PRAGMA synchronous = FULL")
                throw error
            }
            _ = try await db.query("PRAGMA synchronous = FULL")
        }
    }

    @discardableResult
    public func moveJournalToOffline() async throws -> Int {
        try await transaction { db in
            let counted = try await db.query("SELECT count(*) AS n FROM delivery_journal")
            guard let row = counted.first, let count = Int(exactly: try row.integer("n")) else {
                throw StorageError.corrupt("journal count missing")
            }
            guard count > 0 else { return 0 }
            // Inserted in journal order, so the new offline ids keep it.
            _ = try await db.query(
                """
                INSERT INTO offline_messages (username, sender, stamp, stanza)
                SELECT username, sender, received_at, stanza FROM delivery_journal ORDER BY id
                """
            )
            _ = try await db.query("DELETE FROM delivery_journal")
            return count
        }
    }

    /// The ids as one JSON array, bound as a single parameter however many there are.
    private static func idList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    public func journalEntries() async throws -> [JournalEntry] {
        try await exclusive { db in
            let rows = try await db.query(
                "SELECT id, username, sender, received_at, stanza FROM delivery_journal ORDER BY id")
            return try rows.map { row in
                JournalEntry(
                    id: try row.integer("id"),
                    username: try row.text("username"),
                    stanza: try row.text("stanza"),
                    from: try JID(stored: row.text("sender")),
                    receivedAt: Date(unixMilliseconds: try row.integer("received_at"))
                )
            }
        }
    }
}
