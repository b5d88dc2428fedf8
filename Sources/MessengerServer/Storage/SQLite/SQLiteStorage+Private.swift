import SQLiteNIO

extension SQLiteStorage: PrivateStore {
    public func privateData(of username: String, namespace: String, name: String) async throws -> String? {
        try await exclusive { db in
            let rows = try await db.query(
                "SELECT element FROM private_data WHERE username = ? AND namespace = ? AND name = ?",
                [.text(username), .text(namespace), .text(name)]
            )
            return try rows.first?.text("element")
        }
    }

    public func setPrivateData(_ xml: String?, of username: String, namespace: String, name: String) async throws {
        try await transaction { db in
            let key: [SQLiteData] = [.text(username), .text(namespace), .text(name)]
            guard let xml else {
                _ = try await db.query("DELETE FROM private_data WHERE username = ? AND namespace = ? AND name = ?", key)
                return
            }
            try await Self.requireAccount(username, in: db)
            let existing = try await db.query(
                "SELECT 1 FROM private_data WHERE username = ? AND namespace = ? AND name = ?", key)
            let count = try await db.query(
                "SELECT COUNT(*) AS stored FROM private_data WHERE username = ?", [.text(username)])
            let stored = try count.first.map { try $0.integer("stored") } ?? 0
            try PrivateStoreQuota.check(xml, isNew: existing.isEmpty, storedCount: Int(stored))
            _ = try await db.query(
                "INSERT OR REPLACE INTO private_data (username, namespace, name, element) VALUES (?, ?, ?, ?)",
                key + [.text(xml)]
            )
        }
    }
}
