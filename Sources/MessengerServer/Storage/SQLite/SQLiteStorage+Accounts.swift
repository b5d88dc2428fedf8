import Foundation
import SQLiteNIO

extension SQLiteStorage: AccountStore {
    public func createAccount(_ username: String, credentials: [StoredCredential]) async throws {
        try await transaction { db in
            let existing = try await db.query("SELECT 1 FROM accounts WHERE username = ?", [.text(username)])
            guard existing.isEmpty else { throw StorageError.accountExists(username) }
            _ = try await db.query(
                "INSERT INTO accounts (username, created_at) VALUES (?, ?)",
                [.text(username), .int(Date().unixMilliseconds)]
            )
            try await Self.insert(credentials, for: username, in: db)
        }
    }

    public func setCredentials(_ credentials: [StoredCredential], for username: String) async throws {
        try await transaction { db in
            try await Self.requireAccount(username, in: db)
            _ = try await db.query("DELETE FROM credentials WHERE username = ?", [.text(username)])
            try await Self.insert(credentials, for: username, in: db)
        }
    }

    public func credentials(for username: String) async throws -> [StoredCredential]? {
        // One statement, asked at every sign-in: no row, no account; an
        // account without credentials gives one row of NULLs.
        try await exclusive { db in
            let rows = try await db.query(
                """
                SELECT c.hash, c.salt, c.iterations, c.stored_key, c.server_key FROM accounts AS a
                LEFT JOIN credentials AS c ON c.username = a.username WHERE a.username = ?
                """,
                [.text(username)]
            )
            guard !rows.isEmpty else { return nil }
            return try rows.filter { try $0.optionalText("hash") != nil }.map(Self.credential)
                .sorted(by: StoredCredential.storageOrder)
        }
    }

    public func removeAccount(_ username: String) async throws -> Bool {
        try await exclusive { db in
            // One statement is one transaction; the foreign keys cascade to everything the user owns.
            let removed = try await db.query("DELETE FROM accounts WHERE username = ? RETURNING username", [.text(username)])
            return !removed.isEmpty
        }
    }

    public func accountExists(_ username: String) async throws -> Bool {
        try await exclusive { db in
            try await !db.query("SELECT 1 FROM accounts WHERE username = ?", [.text(username)]).isEmpty
        }
    }

    public func listAccounts() async throws -> [String] {
        try await exclusive { db in
            try await db.query("SELECT username FROM accounts").map { try $0.text("username") }.sorted()
        }
    }

    // MARK: Rows

    /// Inserts credentials; a second one of the same hash family replaces the first.
    private static func insert(_ credentials: [StoredCredential], for username: String, in db: SQLiteConnection) async throws {
        for credential in credentials {
            // sqlite-nio binds an empty buffer as NULL; COALESCE keeps it an empty blob.
            _ = try await db.query(
                """
                INSERT OR REPLACE INTO credentials (username, hash, salt, iterations, stored_key, server_key)
                VALUES (?, ?, COALESCE(?, x''), ?, COALESCE(?, x''), COALESCE(?, x''))
                """,
                [
                    .text(username), .text(credential.hash.rawValue), .bytes(credential.salt),
                    .int(Int64(credential.iterations)), .bytes(credential.storedKey), .bytes(credential.serverKey),
                ]
            )
        }
    }

    private static func credential(_ row: SQLiteRow) throws -> StoredCredential {
        let hashName = try row.text("hash")
        guard let hash = StoredCredential.Hash(rawValue: hashName) else {
            throw StorageError.corrupt("unknown credential hash \(hashName.debugDescription)")
        }
        guard let iterations = Int(exactly: try row.integer("iterations")) else {
            throw StorageError.corrupt("credential iteration count out of range")
        }
        return StoredCredential(
            hash: hash, salt: try row.bytes("salt"), iterations: iterations,
            storedKey: try row.bytes("stored_key"), serverKey: try row.bytes("server_key")
        )
    }
}
