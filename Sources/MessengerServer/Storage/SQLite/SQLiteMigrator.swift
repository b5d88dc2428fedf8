import Foundation
import Logging
import SQLiteNIO

/// One forward-only schema change. sqlite-nio prepares a single statement per
/// query, so a migration is a list of statements run in one transaction.
struct SQLiteMigration: Sendable {
    let name: String
    let statements: [String]
}

/// Applies the migrations a database is missing, in order, each in its own
/// transaction, and records them in `schema_migrations`.
struct SQLiteMigrator {
    let connection: SQLiteConnection
    let logger: Logger

    /// The schema's history, oldest first.
    ///
    /// NEVER edit or reorder a migration once it has shipped: databases that
    /// already applied it will not run it again. Change the schema by
    /// appending a new migration with a new name.
    static let migrations: [SQLiteMigration] = [
        SQLiteMigration(
            name: "2025-01-01-initial-schema",
            statements: [
                """
                CREATE TABLE accounts (
                    username TEXT PRIMARY KEY NOT NULL,
                    created_at INTEGER NOT NULL  -- unix milliseconds
                )
                """,
                """
                CREATE TABLE credentials (
                    username TEXT NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
                    hash TEXT NOT NULL,
                    salt BLOB NOT NULL,
                    iterations INTEGER NOT NULL,
                    stored_key BLOB NOT NULL,
                    server_key BLOB NOT NULL,
                    PRIMARY KEY (username, hash)
                )
                """,
                """
                CREATE TABLE roster_items (
                    username TEXT NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
                    contact TEXT NOT NULL,
                    name TEXT,
                    groups TEXT NOT NULL,  -- JSON array of strings, in the user's order
                    subscription TEXT NOT NULL,
                    ask_out INTEGER NOT NULL,
                    pending_in INTEGER NOT NULL,
                    pending_in_stanza TEXT,
                    listed INTEGER NOT NULL,
                    PRIMARY KEY (username, contact)
                )
                """,
                """
                CREATE TABLE roster_versions (
                    username TEXT PRIMARY KEY NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
                    version INTEGER NOT NULL
                )
                """,
                """
                CREATE TABLE offline_messages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    username TEXT NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
                    sender TEXT NOT NULL,
                    stamp INTEGER NOT NULL,  -- unix milliseconds
                    stanza TEXT NOT NULL
                )
                """,
                "CREATE INDEX offline_messages_by_user ON offline_messages(username, id)",
                """
                CREATE TABLE vcards (
                    username TEXT PRIMARY KEY NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
                    vcard TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE blocklist (
                    username TEXT NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
                    jid TEXT NOT NULL,
                    PRIMARY KEY (username, jid)
                )
                """,
            ]
        ),
        SQLiteMigration(
            name: "2026-11-21-private-xml-storage",
            statements: [
                """
                CREATE TABLE private_data (
                    username TEXT NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
                    namespace TEXT NOT NULL,
                    name TEXT NOT NULL,
                    element TEXT NOT NULL,  -- the XEP-0049 element, serialized
                    PRIMARY KEY (username, namespace, name)
                )
                """
            ]
        ),
        // SIP digest HA1 (hex) per account; NULL until the password is set after this migration.
        SQLiteMigration(
            name: "2026-12-01-sip-digest-credentials",
            statements: [
                "ALTER TABLE accounts ADD COLUMN sip_realm TEXT",
                "ALTER TABLE accounts ADD COLUMN sip_ha1_md5 TEXT",
                "ALTER TABLE accounts ADD COLUMN sip_ha1_sha256 TEXT",
            ]
        ),
        // Messages handed to online sessions and not yet acknowledged (DeliveryJournal).
        SQLiteMigration(
            name: "2026-12-05-delivery-journal",
            statements: [
                """
                CREATE TABLE delivery_journal (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    username TEXT NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
                    sender TEXT NOT NULL,
                    received_at INTEGER NOT NULL,  -- unix milliseconds
                    stanza TEXT NOT NULL
                )
                """
            ]
        ),
    ]

    func migrate() async throws {
        _ = try await connection.query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY NOT NULL, applied_at INTEGER NOT NULL)"
        )
        // Rows for migrations we do not know come from a newer version of this program; they are left alone.
        let applied = Set(try await connection.query("SELECT name FROM schema_migrations").map { try $0.text("name") })
        for migration in Self.migrations where !applied.contains(migration.name) {
            try await apply(migration)
        }
    }

    private func apply(_ migration: SQLiteMigration) async throws {
        _ = try await connection.query("BEGIN IMMEDIATE")
        do {
            // Another process may have applied it while we waited for the write lock.
            let done = try await connection.query("SELECT 1 FROM schema_migrations WHERE name = ?", [.text(migration.name)])
            if done.isEmpty {
                for statement in migration.statements {
                    _ = try await connection.query(statement)
                }
                _ = try await connection.query(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                    [.text(migration.name), .integer(SQLiteInt64(Date().unixMilliseconds))]
                )
                logger.notice("Applied storage migration", metadata: ["storage.migration": .string(migration.name)])
            }
            _ = try await connection.query("COMMIT")
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }
}
