import Foundation
import Logging
import SQLiteNIO

/// The embedded default storage: one SQLite database file in WAL mode.
///
/// Every operation runs with exclusive use of a single connection (see
/// `SQLiteAccessGate`), so multi-statement transactions never interleave.
/// SQLite allows one writer at a time anyway; a server of this size does not
/// need a connection pool.
///
/// Writes that would store data for a username without an account throw
/// `StorageError.accountNotFound`; removals for such a username do nothing.
///
/// Call `close()` before dropping the last reference.
public final class SQLiteStorage: Sendable {
    /// Thrown by every operation after `close()`.
    public struct ClosedError: Error, Sendable, Equatable {}

    let connection: SQLiteConnection
    let logger: Logger
    private let gate = SQLiteAccessGate()

    private init(connection: SQLiteConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Opens (creating it and its parent folder when missing) the database at
    /// `path` and brings its schema up to date.
    public static func open(path: String, logger: Logger) async throws -> SQLiteStorage {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let storage = try await prepare(connection, logger: logger)
        logger.info("Opened storage", metadata: ["storage.path": .string(path)])
        return storage
    }

    /// A private database that lives until `close()`; for tests, so it logs nothing unless given a logger.
    public static func openInMemory(
        logger: Logger = Logger(label: "communicator.storage", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> SQLiteStorage {
        let connection = try await SQLiteConnection.open(storage: .memory, logger: logger)
        return try await prepare(connection, logger: logger)
    }

    private static func prepare(_ connection: SQLiteConnection, logger: Logger) async throws -> SQLiteStorage {
        do {
            try await configure(connection)
            try await SQLiteMigrator(connection: connection, logger: logger).migrate()
        } catch {
            // sqlite-nio asserts that a connection is closed before it is released.
            try? await connection.close()
            throw error
        }
        return SQLiteStorage(connection: connection, logger: logger)
    }

    private static func configure(_ connection: SQLiteConnection) async throws {
        // WAL: readers do not block the writer and commits append instead of rewriting pages.
        _ = try await connection.query("PRAGMA journal_mode = WAL")
        // FULL: a commit is fsynced before it returns, so an acknowledged offline message survives a power cut.
        _ = try await connection.query("PRAGMA synchronous = FULL")
        // Off by default in SQLite, and only settable outside a transaction; cascades need it.
        _ = try await connection.query("PRAGMA foreign_keys = ON")
        // Replaces sqlite-nio's retry-forever busy handler: another process holding the lock
        // makes us wait at most this long, then fail with SQLITE_BUSY.
        _ = try await connection.query("PRAGMA busy_timeout = 5000")
    }

    /// Closes the database; later calls of any operation throw `ClosedError`. Idempotent.
    public func close() async throws {
        do {
            try await gate.acquire()
        } catch {
            return  // already closed
        }
        gate.markClosed()
        do {
            try await connection.close()
        } catch {
            gate.release()
            throw error
        }
        gate.release()
        logger.debug("Closed storage")
    }

    // MARK: Exclusive access

    /// Runs `body` with the connection to itself. Not reentrant: `body` must not call back into
    /// `exclusive` or `transaction`, or it waits for itself forever.
    func exclusive<T>(_ body: (SQLiteConnection) async throws -> T) async throws -> T {
        try await gate.acquire()
        do {
            let result = try await body(connection)
            gate.release()
            return result
        } catch {
            gate.release()
            throw error
        }
    }

    /// Runs `body` in one write transaction: all of it is committed, or none.
    func transaction<T>(_ body: (SQLiteConnection) async throws -> T) async throws -> T {
        try await exclusive { db in
            // IMMEDIATE takes the write lock now, so a read-then-write cannot fail halfway on SQLITE_BUSY.
            _ = try await db.query("BEGIN IMMEDIATE")
            do {
                let result = try await body(db)
                _ = try await db.query("COMMIT")
                return result
            } catch {
                // The original error says more than a failed rollback would.
                _ = try? await db.query("ROLLBACK")
                throw error
            }
        }
    }

    /// Throws `accountNotFound` unless the account exists; call inside a transaction.
    static func requireAccount(_ username: String, in db: SQLiteConnection) async throws {
        let rows = try await db.query("SELECT 1 FROM accounts WHERE username = ?", [.text(username)])
        guard !rows.isEmpty else { throw StorageError.accountNotFound(username) }
    }
}
