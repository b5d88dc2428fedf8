import SQLiteNIO

// Read-only views of the database's settings and history, for diagnostics and tests.
extension SQLiteStorage {
    enum Setting: String, CaseIterable {
        case journalMode = "journal_mode"
        case synchronous
        case foreignKeys = "foreign_keys"
        case busyTimeout = "busy_timeout"
    }

    /// The current value of a PRAGMA, as SQLite reports it (e.g. "wal", "2").
    func currentValue(of setting: Setting) async throws -> String? {
        try await exclusive { db in
            // The name comes from the closed enum above, never from outside; PRAGMA names cannot be bound.
            let rows = try await db.query("PRAGMA \(setting.rawValue)")
            return rows.first?.columns.first?.data.string
        }
    }

    /// Applied migrations by name, with the unix-millisecond time each was applied.
    func appliedMigrations() async throws -> [String: Int64] {
        try await exclusive { db in
            var applied: [String: Int64] = [:]
            for row in try await db.query("SELECT name, applied_at FROM schema_migrations") {
                applied[try row.text("name")] = try row.integer("applied_at")
            }
            return applied
        }
    }

    /// Runs one statement with text parameters; lets tests plant rows a newer or broken program would leave.
    func executeForTesting(_ sql: String, _ texts: [String]) async throws {
        try await exclusive { db in
            _ = try await db.query(sql, texts.map { .text($0) })
        }
    }
}
