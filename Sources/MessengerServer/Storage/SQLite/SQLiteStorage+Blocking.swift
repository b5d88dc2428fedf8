import SQLiteNIO
import XMPPCore

extension SQLiteStorage: BlockingStore {
    public func blocklist(of username: String) async throws -> [JID] {
        try await exclusive { db in
            let rows = try await db.query("SELECT jid FROM blocklist WHERE username = ?", [.text(username)])
            return try rows.map { try JID(stored: $0.text("jid")) }.sorted()
        }
    }

    public func allBlocklists() async throws -> [String: [JID]] {
        try await exclusive { db in
            var lists: [String: [JID]] = [:]
            for row in try await db.query("SELECT username, jid FROM blocklist") {
                try lists[row.text("username"), default: []].append(JID(stored: row.text("jid")))
            }
            return lists.mapValues { $0.sorted() }
        }
    }

    public func block(_ jids: [JID], for username: String) async throws {
        try await transaction { db in
            try await Self.requireAccount(username, in: db)
            for jid in jids {
                _ = try await db.query(
                    "INSERT OR IGNORE INTO blocklist (username, jid) VALUES (?, ?)",
                    [.text(username), .text(jid.description)]
                )
            }
        }
    }

    public func unblock(_ jids: [JID], for username: String) async throws {
        try await transaction { db in
            for jid in jids {
                _ = try await db.query(
                    "DELETE FROM blocklist WHERE username = ? AND jid = ?",
                    [.text(username), .text(jid.description)]
                )
            }
        }
    }

    public func unblockAll(for username: String) async throws {
        try await exclusive { db in
            _ = try await db.query("DELETE FROM blocklist WHERE username = ?", [.text(username)])
        }
    }
}
