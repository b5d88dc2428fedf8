import SQLiteNIO

extension SQLiteStorage: ProfileStore {
    public func vCard(of username: String) async throws -> String? {
        try await exclusive { db in
            let rows = try await db.query("SELECT vcard FROM vcards WHERE username = ?", [.text(username)])
            return try rows.first?.text("vcard")
        }
    }

    public func setVCard(_ vCard: String?, of username: String) async throws {
        try await transaction { db in
            guard let vCard else {
                _ = try await db.query("DELETE FROM vcards WHERE username = ?", [.text(username)])
                return
            }
            try await Self.requireAccount(username, in: db)
            _ = try await db.query(
                "INSERT OR REPLACE INTO vcards (username, vcard) VALUES (?, ?)",
                [.text(username), .text(vCard)]
            )
        }
    }
}
