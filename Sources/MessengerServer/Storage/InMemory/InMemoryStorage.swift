import Foundation
import XMPPCore

/// Storage that lives in memory, for unit tests. It keeps exactly what
/// `SQLiteStorage` keeps, in the same order, with the same errors:
/// writes that would store data for a username without an account throw
/// `StorageError.accountNotFound`; removals for such a username do nothing.
public actor InMemoryStorage {
    struct Account {
        var credentials: [StoredCredential.Hash: StoredCredential] = [:]
        var roster: [JID: RosterItem] = [:]
        var rosterVersion = 0
        var offline: [OfflineMessage] = []
        var vCard: String?
        var blocked: Set<JID> = []
        /// XEP-0049 elements, serialized, by (namespace, name).
        var privateData: [PrivateDataKey: String] = [:]
        var sipDigest: SIPDigestCredential?
    }

    struct PrivateDataKey: Hashable {
        let namespace: String
        let name: String
    }

    var accounts: [String: Account] = [:]
    /// Offline ids are never reused, like SQLite's AUTOINCREMENT.
    var lastOfflineID: Int64 = 0
    /// The delivery journal, oldest first; its ids are never reused either.
    var journal: [JournalEntry] = []
    var lastJournalID: Int64 = 0

    public init() {}

    /// Runs `change` on an existing account; throws `accountNotFound` when there is none.
    func updateAccount<T>(_ username: String, _ change: (inout Account) throws -> T) throws -> T {
        guard var account = accounts[username] else { throw StorageError.accountNotFound(username) }
        let result = try change(&account)
        accounts[username] = account
        return result
    }
}

extension InMemoryStorage: AccountStore {
    public func createAccount(_ username: String, credentials: [StoredCredential]) throws {
        guard accounts[username] == nil else { throw StorageError.accountExists(username) }
        accounts[username] = Account(credentials: Self.byHash(credentials))
    }

    public func setCredentials(_ credentials: [StoredCredential], for username: String) throws {
        try updateAccount(username) { $0.credentials = Self.byHash(credentials) }
    }

    public func credentials(for username: String) -> [StoredCredential]? {
        accounts[username].map { $0.credentials.values.sorted(by: StoredCredential.storageOrder) }
    }

    public func removeAccount(_ username: String) -> Bool {
        journal.removeAll { $0.username == username }
        return accounts.removeValue(forKey: username) != nil
    }

    public func accountExists(_ username: String) -> Bool {
        accounts[username] != nil
    }

    public func listAccounts() -> [String] {
        accounts.keys.sorted()
    }

    /// A later credential of the same hash family replaces an earlier one.
    private static func byHash(_ credentials: [StoredCredential]) -> [StoredCredential.Hash: StoredCredential] {
        Dictionary(credentials.map { ($0.hash, $0) }, uniquingKeysWith: { _, later in later })
    }
}

extension InMemoryStorage: SIPCredentialStore {
    public func setSIPDigest(_ credential: SIPDigestCredential?, for username: String) throws {
        try updateAccount(username) { $0.sipDigest = credential }
    }

    public func sipDigest(for username: String) -> SIPDigestCredential? {
        accounts[username]?.sipDigest
    }
}

extension InMemoryStorage: RosterStore {
    public func rosterItems(of username: String) -> [RosterItem] {
        (accounts[username]?.roster.values).map { $0.sorted { $0.jid < $1.jid } } ?? []
    }

    public func rosterItem(of username: String, contact: JID) -> RosterItem? {
        accounts[username]?.roster[contact]
    }

    public func setRosterItem(_ item: RosterItem, of username: String) throws {
        try updateAccount(username) { account in
            account.roster[item.jid] = item
            account.rosterVersion += 1
        }
    }

    public func removeRosterItem(_ contact: JID, of username: String) -> Bool {
        guard var account = accounts[username], account.roster.removeValue(forKey: contact) != nil else { return false }
        account.rosterVersion += 1
        accounts[username] = account
        return true
    }

    public func rosterVersion(of username: String) -> Int {
        accounts[username]?.rosterVersion ?? 0
    }
}

extension InMemoryStorage: OfflineStore {
    @discardableResult
    public func storeOffline(_ message: OfflineMessage, for username: String) throws -> Int64 {
        let id = lastOfflineID + 1
        try updateAccount(username) { account in
            var stored = message
            stored.id = id
            stored.stamp = message.stamp.storagePrecision
            account.offline.append(stored)
        }
        lastOfflineID = id
        return id
    }

    public func offlineMessages(for username: String) -> [OfflineMessage] {
        accounts[username]?.offline ?? []
    }

    public func removeOffline(ids: [Int64], for username: String) {
        guard accounts[username] != nil else { return }
        let doomed = Set(ids)
        accounts[username]?.offline.removeAll { doomed.contains($0.id) }
    }

    public func offlineCount(for username: String) -> Int {
        accounts[username]?.offline.count ?? 0
    }

    public func usersWithOfflineMessages() -> [String] {
        accounts.filter { !$0.value.offline.isEmpty }.map(\.key).sorted()
    }
}

extension InMemoryStorage: ProfileStore {
    public func vCard(of username: String) -> String? {
        accounts[username]?.vCard
    }

    public func setVCard(_ vCard: String?, of username: String) throws {
        guard let vCard else {
            accounts[username]?.vCard = nil
            return
        }
        try updateAccount(username) { $0.vCard = vCard }
    }
}

extension InMemoryStorage: BlockingStore {
    public func blocklist(of username: String) -> [JID] {
        accounts[username]?.blocked.sorted() ?? []
    }

    public func allBlocklists() -> [String: [JID]] {
        accounts.compactMapValues { $0.blocked.isEmpty ? nil : $0.blocked.sorted() }
    }

    public func block(_ jids: [JID], for username: String) throws {
        try updateAccount(username) { $0.blocked.formUnion(jids) }
    }

    public func unblock(_ jids: [JID], for username: String) {
        accounts[username]?.blocked.subtract(jids)
    }

    public func unblockAll(for username: String) {
        accounts[username]?.blocked.removeAll()
    }
}
