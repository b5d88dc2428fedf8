import Foundation
import XMPPCore

// The server reaches persistent state only through these small protocols.
// `SQLiteStorage` is the embedded default; `InMemoryStorage` backs unit tests.
// Usernames are the already-normalized localparts of bare JIDs on our domain.

/// SCRAM salted-password material for one hash family. The password itself
/// is never stored.
public struct StoredCredential: Sendable, Hashable, Codable {
    public enum Hash: String, Sendable, Codable, CaseIterable { case sha1 = "SHA-1", sha256 = "SHA-256" }
    public var hash: Hash
    public var salt: [UInt8]
    public var iterations: Int
    public var storedKey: [UInt8]
    public var serverKey: [UInt8]

    public init(hash: Hash, salt: [UInt8], iterations: Int, storedKey: [UInt8], serverKey: [UInt8]) {
        self.hash = hash
        self.salt = salt
        self.iterations = iterations
        self.storedKey = storedKey
        self.serverKey = serverKey
    }
}

public enum StorageError: Error, Sendable, Equatable {
    case accountExists(String)
    case accountNotFound(String)
    case corrupt(String)
}

public protocol AccountStore: Sendable {
    /// Throws `StorageError.accountExists` when the username is taken.
    func createAccount(_ username: String, credentials: [StoredCredential]) async throws
    /// Throws `StorageError.accountNotFound` when there is no such account.
    func setCredentials(_ credentials: [StoredCredential], for username: String) async throws
    func credentials(for username: String) async throws -> [StoredCredential]?
    /// Removes the account and everything it owns (roster, offline, vCard, blocklist, private data).
    /// Returns false when there was no such account.
    func removeAccount(_ username: String) async throws -> Bool
    func accountExists(_ username: String) async throws -> Bool
    /// All usernames, sorted.
    func listAccounts() async throws -> [String]
}

/// One entry of a user's roster, including the subscription state machine's
/// state (RFC 6121 §3). `listed == false` marks a contact we only know as a
/// pending inbound subscription request: it is not shown in roster results.
public struct RosterItem: Sendable, Hashable {
    public enum Subscription: String, Sendable, CaseIterable { case none, to, from, both }

    public var jid: JID  // bare
    public var name: String?
    public var groups: [String]
    public var subscription: Subscription
    /// Pending Out: we asked the contact to subscribe (the `ask="subscribe"` flag).
    public var askOut: Bool
    /// Pending In: the contact asked us; the original request stanza (serialized)
    /// is kept so it can be delivered again at every login until answered.
    public var pendingIn: Bool
    public var pendingInStanza: String?
    public var listed: Bool

    public init(
        jid: JID, name: String? = nil, groups: [String] = [], subscription: Subscription = .none,
        askOut: Bool = false, pendingIn: Bool = false, pendingInStanza: String? = nil, listed: Bool = true
    ) {
        self.jid = jid
        self.name = name
        self.groups = groups
        self.subscription = subscription
        self.askOut = askOut
        self.pendingIn = pendingIn
        self.pendingInStanza = pendingInStanza
        self.listed = listed
    }
}

public protocol RosterStore: Sendable {
    /// Every item, listed or not, in a stable order (by JID string).
    func rosterItems(of username: String) async throws -> [RosterItem]
    func rosterItem(of username: String, contact: JID) async throws -> RosterItem?
    /// Inserts or replaces the item keyed by `item.jid`; bumps the roster version.
    func setRosterItem(_ item: RosterItem, of username: String) async throws
    /// Returns false when there was no such item; bumps the version when there was.
    func removeRosterItem(_ contact: JID, of username: String) async throws -> Bool
    /// Monotonic counter, 0 for a user who never had a roster change.
    func rosterVersion(of username: String) async throws -> Int
    /// The version and every item, read together: a roster get's answer.
    func rosterWithVersion(of username: String) async throws -> (version: Int, items: [RosterItem])
    /// Applies the changes in the order given, all in one transaction (one
    /// commit, one fsync): durable when this returns, and none of them
    /// written when it throws. Each change bumps its user's version.
    func applyRosterChanges(_ changes: [RosterChange]) async throws -> [RosterChangeOutcome]
    /// How many items are listed (shown) on the user's roster: the size limit counts these.
    func listedRosterCount(of username: String) async throws -> Int
}

extension RosterStore {
    public func rosterWithVersion(of username: String) async throws -> (version: Int, items: [RosterItem]) {
        (try await rosterVersion(of: username), try await rosterItems(of: username))
    }
}

/// A message kept for a user who was offline.
public struct OfflineMessage: Sendable, Hashable {
    public var id: Int64
    /// The stanza as received, serialized.
    public var stanza: String
    public var from: JID
    public var stamp: Date

    public init(id: Int64 = 0, stanza: String, from: JID, stamp: Date) {
        self.id = id
        self.stanza = stanza
        self.from = from
        self.stamp = stamp
    }
}

public protocol OfflineStore: Sendable {
    /// Durable when this returns (the SQLite store commits before returning).
    /// Returns the id assigned to the message.
    @discardableResult
    func storeOffline(_ message: OfflineMessage, for username: String) async throws -> Int64
    /// Oldest first.
    func offlineMessages(for username: String) async throws -> [OfflineMessage]
    /// Removes the given messages once they have been delivered.
    func removeOffline(ids: [Int64], for username: String) async throws
    func offlineCount(for username: String) async throws -> Int
    /// Every user with at least one offline message (read at start-up).
    func usersWithOfflineMessages() async throws -> [String]
}

/// A message the server handed to an online session that has not yet
/// acknowledged it (XEP-0198), kept on disk so a crash cannot lose it.
public struct JournalEntry: Sendable, Hashable {
    public var id: Int64
    /// The recipient's username.
    public var username: String
    /// The stanza as delivered, serialized.
    public var stanza: String
    public var from: JID
    /// When the server accepted it: the offline stamp if it ends up there.
    public var receivedAt: Date

    public init(id: Int64 = 0, username: String, stanza: String, from: JID, receivedAt: Date) {
        self.id = id
        self.username = username
        self.stanza = stanza
        self.from = from
        self.receivedAt = receivedAt
    }
}

/// The delivery journal: what makes an acknowledged message durable while it
/// is only in a recipient session's memory. Rows are written before the
/// sender's stanza counts as handled and removed once the message is safe
/// elsewhere (acknowledged by the recipient, or in offline storage).
public protocol DeliveryJournal: Sendable {
    /// Records the entries in one transaction, durable when this returns, in
    /// the order given, and removes the rows `removing` in the same commit
    /// (so a busy server pays one commit for both). Returns each entry's id,
    /// or nil for one whose username has no account (not recorded).
    func recordInJournal(_ entries: [JournalEntry], removing: [Int64]) async throws -> [Int64?]
    /// Unknown ids are ignored.
    func removeFromJournal(ids: [Int64]) async throws
    /// In one transaction, every row becomes an offline message for its user,
    /// in id order, whatever the offline cap; the journal is then empty.
    /// Returns how many moved. For start-up, before anyone can connect.
    @discardableResult
    func moveJournalToOffline() async throws -> Int
    /// Every row, oldest first.
    func journalEntries() async throws -> [JournalEntry]
}

extension DeliveryJournal {
    public func recordInJournal(_ entries: [JournalEntry]) async throws -> [Int64?] {
        try await recordInJournal(entries, removing: [])
    }
}

public protocol ProfileStore: Sendable {
    /// The user's vCard (`<vCard xmlns="vcard-temp">…`) serialized, or nil.
    func vCard(of username: String) async throws -> String?
    func setVCard(_ vCard: String?, of username: String) async throws
}

public protocol BlockingStore: Sendable {
    /// Blocked JIDs (as given: bare, full or domain), sorted by string.
    func blocklist(of username: String) async throws -> [JID]
    /// Every non-empty block list, by username: read once at start-up so
    /// routing never waits on storage for a list (`BlocklistCache`).
    func allBlocklists() async throws -> [String: [JID]]
    func block(_ jids: [JID], for username: String) async throws
    func unblock(_ jids: [JID], for username: String) async throws
    func unblockAll(for username: String) async throws
}

/// XEP-0049 private XML storage: one element per (account, name, namespace).
/// Both implementations enforce `PrivateStoreQuota` and throw `PrivateStoreQuotaError`.
public protocol PrivateStore: Sendable {
    /// The stored element, serialized, or nil when there is none.
    func privateData(of username: String, namespace: String, name: String) async throws -> String?
    /// Stores (replacing) the element, or removes it when `xml` is nil.
    func setPrivateData(_ xml: String?, of username: String, namespace: String, name: String) async throws
}

/// Everything the server stores.
public typealias ServerStorage = AccountStore & RosterStore & OfflineStore & ProfileStore & BlockingStore & PrivateStore
    & SIPCredentialStore & DeliveryJournal
