import MessengerServer
import XMPPCore

/// The demo's accounts on the embedded server: the local user and the bots,
/// each with a fresh random password at every start (kept in memory only),
/// and the contact list that makes the bots the local user's contacts.
struct DemoAccounts: Sendable {
    static let domain = "demo.test"
    static let localUser = "me"
    static let group = "Demo"

    /// The password of each account for this run, by username.
    let passwords: [String: String]

    /// Creates missing accounts, sets new passwords on all of them, and adds
    /// each bot to the local user's "Demo" group (and the local user to each
    /// bot's list), with mutual subscriptions, where missing.
    static func prepare(bots: [any DemoBot], storage: some ServerStorage) async throws -> DemoAccounts {
        let accounts = AccountManager(storage: storage, sipRealm: domain)
        var passwords: [String: String] = [:]
        for username in [localUser] + bots.map(\.username) {
            let password = randomPassword()
            if try await storage.accountExists(username) {
                try await accounts.setPassword(username, password: password)
            } else {
                try await accounts.create(username, password: password)
            }
            passwords[username] = password
        }
        let me = try JID(localpart: localUser, domainpart: domain)
        for bot in bots {
            let botJID = try JID(localpart: bot.username, domainpart: domain)
            if try await storage.rosterItem(of: localUser, contact: botJID) == nil {
                try await storage.setRosterItem(
                    RosterItem(jid: botJID, name: bot.displayName, groups: [group], subscription: .both), of: localUser)
            }
            if try await storage.rosterItem(of: bot.username, contact: me) == nil {
                try await storage.setRosterItem(RosterItem(jid: me, subscription: .both), of: bot.username)
            }
        }
        return DemoAccounts(passwords: passwords)
    }

    func password(for username: String) -> String {
        passwords[username] ?? ""
    }

    /// 24 random bytes as base64; the system generator is cryptographically secure.
    private static func randomPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64.encode((0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
