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
        guard case .applied = try await applyRosterChanges([.set(item, of: username)]).first else {
            throw StorageError.accountNotFound(username)
        }
    }

    public func removeRosterItem(_ contact: JID, of username: String) async throws -> Bool {
        guard case .applied = try await applyRosterChanges([.remove(contact, of: username)]).first else { return false }
        return true
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

    /// One statement, so one trip to the database thread instead of two
    /// (every sign-in asks), and the version matches the items. The outer
    /// joins give one row even for an empty roster, with a NULL contact.
    public func rosterWithVersion(of username: String) async throws -> (version: Int, items: [RosterItem]) {
        try await exclusive { db in
            let rows = try await db.query(
                """
                SELECT v.version AS roster_version, r.* FROM (SELECT ? AS name) AS wanted
                LEFT JOIN roster_versions AS v ON v.username = wanted.name
                LEFT JOIN roster_items AS r ON r.username = wanted.name
                """,
                [.text(username)]
            )
            var version = 0
            if let row = rows.first, let stored = try row.optionalInteger("roster_version") {
                guard let value = Int(exactly: stored) else { throw StorageError.corrupt("roster version out of range") }
                version = value
            }
            let items = try rows.filter { try $0.optionalText("contact") != nil }.map(Self.rosterItem)
            return (version, items.sorted { $0.jid < $1.jid })
        }
    }

    // MARK: Rows

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
