import Foundation
import SQLiteNIO
import XMPPCore

extension SQLiteStorage: OfflineStore {
    @discardableResult
    public func storeOffline(_ message: OfflineMessage, for username: String) async throws -> Int64 {
        // The commit returns only after `synchronous = FULL` has synced it to disk.
        try await transaction { db in
            try await Self.requireAccount(username, in: db)
            let rows = try await db.query(
                "INSERT INTO offline_messages (username, sender, stamp, stanza) VALUES (?, ?, ?, ?) RETURNING id",
                [.text(username), .text(message.from.description), .int(message.stamp.unixMilliseconds), .text(message.stanza)]
            )
            guard let row = rows.first else { throw StorageError.corrupt("offline message insert returned no id") }
            return try row.integer("id")
        }
    }

    public func offlineMessages(for username: String) async throws -> [OfflineMessage] {
        try await exclusive { db in
            let rows = try await db.query(
                "SELECT id, sender, stamp, stanza FROM offline_messages WHERE username = ? ORDER BY id",
                [.text(username)]
            )
            return try rows.map { row in
                OfflineMessage(
                    id: try row.integer("id"),
                    stanza: try row.text("stanza"),
                    from: try JID(stored: row.text("sender")),
                    stamp: Date(unixMilliseconds: try row.integer("stamp"))
                )
            }
        }
    }

    public func removeOffline(ids: [Int64], for username: String) async throws {
        guard !ids.isEmpty else { return }
        // The ids travel as one bound JSON array, however many there are.
        let idList = "[" + ids.map(String.init).joined(separator: ",") + "]"
        try await exclusive { db in
            _ = try await db.query(
                "DELETE FROM offline_messages WHERE username = ? AND id IN (SELECT value FROM json_each(?))",
                [.text(username), .text(idList)]
            )
        }
    }

    public func usersWithOfflineMessages() async throws -> [String] {
        try await exclusive { db in
            try await db.query("SELECT DISTINCT username FROM offline_messages").map { try $0.text("username") }
        }
    }

    public func offlineCount(for username: String) async throws -> Int {
        try await exclusive { db in
            let rows = try await db.query("SELECT count(*) AS n FROM offline_messages WHERE username = ?", [.text(username)])
            guard let row = rows.first, let count = Int(exactly: try row.integer("n")) else {
                throw StorageError.corrupt("offline count missing")
            }
            return count
        }
    }
}
