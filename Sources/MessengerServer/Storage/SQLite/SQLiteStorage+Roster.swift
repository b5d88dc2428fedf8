import SQLiteNIO
import XMPPCore

extension SQLiteStorage: RosterStore {
    public func rosterItems(of username: String) async throws -> [RosterItem] {
        try await exclusive { db in
            let rows = try await db.query("SELECT * FROM roster_items WHERE username = ?", [.text(username)])
            return try rows.map(Self.rosterItem).sorted { $0.jid < $1.jid }
        }
    }

    public func rosterItem(of username: String, contact: JID) async throws -> RosterItem? {
        try await exclusive { db in
            let rows = try await db.query(
                "SELECT * FROM roster_items WHERE username = ? AND contact = ?",
                [.text(username), .text(contact.description)]
            )
            return try rows.first.map(Self.rosterItem)
        }
    }

    public func setRosterItem(_ item: RosterItem, of username: String) async throws {
        let groups = try RosterGroupsCoding.encode(item.groups)
        try await transaction { db in
            try await Self.requireAccount(username, in: db)
            _ = try await db.query(
                """
                INSERT OR REPLACE INTO roster_items
                    (username, contact, name, groups, subscription, ask_out, pending_in, pending_in_stanza, listed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(username), .text(item.jid.description), .optionalText(item.name), .text(groups),
                    .text(item.subscription.rawValue), .bool(item.askOut), .bool(item.pendingIn),
                    .optionalText(item.pendingInStanza), .bool(item.listed),
                ]
            )
            try await Self.bumpRosterVersion(of: username, in: db)
        }
    }

    public func removeRosterItem(_ contact: JID, of username: String) async throws -> Bool {
        try await transaction { db in
            let removed = try await db.query(
                "DELETE FROM roster_items WHERE username = ? AND contact = ? RETURNING contact",
                [.text(username), .text(contact.description)]
            )
            guard !removed.isEmpty else { return false }
            try await Self.bumpRosterVersion(of: username, in: db)
            return true
        }
    }

    public func rosterVersion(of username: String) async throws -> Int {
        try await exclusive { db in
            let rows = try await db.query("SELECT version FROM roster_versions WHERE username = ?", [.text(username)])
            guard let row = rows.first else { return 0 }
            guard let version = Int(exactly: try row.integer("version")) else {
                throw StorageError.corrupt("roster version out of range")
            }
            return version
        }
    }

    // MARK: Rows

    private static func bumpRosterVersion(of username: String, in db: SQLiteConnection) async throws {
        _ = try await db.query(
            """
            INSERT INTO roster_versions (username, version) VALUES (?, 1)
            ON CONFLICT (username) DO UPDATE SET version = version + 1
            """,
            [.text(username)]
        )
    }

    private static func rosterItem(_ row: SQLiteRow) throws -> RosterItem {
        let subscriptionName = try row.text("subscription")
        guard let subscription = RosterItem.Subscription(rawValue: subscriptionName) else {
            throw StorageError.corrupt("unknown roster subscription \(subscriptionName.debugDescription)")
        }
        return RosterItem(
            jid: try JID(stored: row.text("contact")),
            name: try row.optionalText("name"),
            groups: try RosterGroupsCoding.decode(row.text("groups")),
            subscription: subscription,
            askOut: try row.bool("ask_out"),
            pendingIn: try row.bool("pending_in"),
            pendingInStanza: try row.optionalText("pending_in_stanza"),
            listed: try row.bool("listed")
        )
    }
}
