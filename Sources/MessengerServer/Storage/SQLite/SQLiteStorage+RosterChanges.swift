import SQLiteNIO
import XMPPCore

extension SQLiteStorage {
    public func applyRosterChanges(_ changes: [RosterChange]) async throws -> [RosterChangeOutcome] {
        guard !changes.isEmpty else { return [] }
        let encoded = try changes.map(Self.encode)
        // One transaction, one commit, one fsync for all of them.
        return try await transaction { db in
            var outcomes: [RosterChangeOutcome] = []
            outcomes.reserveCapacity(changes.count)
            for (change, binds) in zip(changes, encoded) {
                outcomes.append(try await Self.apply(change, binds: binds, in: db))
            }
            return outcomes
        }
    }

    public func listedRosterCount(of username: String) async throws -> Int {
        try await exclusive { db in
            let rows = try await db.query(
                "SELECT count(*) AS n FROM roster_items WHERE username = ? AND listed = 1", [.text(username)])
            guard let row = rows.first, let count = Int(exactly: try row.integer("n")) else {
                throw StorageError.corrupt("roster count missing")
            }
            return count
        }
    }

    /// The binds of a `set`'s insert (encoded before the transaction, so a bad value fails nothing else).
    private static func encode(_ change: RosterChange) throws -> [SQLiteData] {
        guard case .set(let item, let username) = change else { return [] }
        return [
            .text(username), .text(item.jid.description), .optionalText(item.name),
            .text(try RosterGroupsCoding.encode(item.groups)), .text(item.subscription.rawValue), .bool(item.askOut),
            .bool(item.pendingIn), .optionalText(item.pendingInStanza), .bool(item.listed), .text(username),
        ]
    }

    private static func apply(_ change: RosterChange, binds: [SQLiteData], in db: SQLiteConnection) async throws
        -> RosterChangeOutcome
    {
        switch change {
        case .set:
            // The account check and the write in one statement: no row comes back without an account.
            let written = try await db.query(
                """
                INSERT OR REPLACE INTO roster_items
                    (username, contact, name, groups, subscription, ask_out, pending_in, pending_in_stanza, listed)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM accounts WHERE username = ?)
                RETURNING contact
                """,
                binds
            )
            guard !written.isEmpty else { return .noAccount }
        case .remove(let contact, let username):
            let removed = try await db.query(
                "DELETE FROM roster_items WHERE username = ? AND contact = ? RETURNING contact",
                [.text(username), .text(contact.description)]
            )
            guard !removed.isEmpty else { return .noItem }
        }
        return .applied(version: try await bumpVersion(of: change.username, in: db))
    }

    private static func bumpVersion(of username: String, in db: SQLiteConnection) async throws -> Int {
        let rows = try await db.query(
            """
            INSERT INTO roster_versions (username, version) VALUES (?, 1)
            ON CONFLICT (username) DO UPDATE SET version = version + 1
            RETURNING version
            """,
            [.text(username)]
        )
        guard let row = rows.first, let version = Int(exactly: try row.integer("version")) else {
            throw StorageError.corrupt("roster version missing")
        }
        return version
    }
}
