import XMPPCore

extension InMemoryStorage {
    /// All or nothing like the SQLite transaction: the actor runs it without a suspension.
    public func applyRosterChanges(_ changes: [RosterChange]) -> [RosterChangeOutcome] {
        changes.map { change in
            switch change {
            case .set(let item, let username):
                guard var account = accounts[username] else { return .noAccount }
                account.roster[item.jid] = item
                account.rosterVersion += 1
                accounts[username] = account
                return .applied(version: account.rosterVersion)
            case .remove(let contact, let username):
                guard var account = accounts[username], account.roster.removeValue(forKey: contact) != nil else {
                    return .noItem
                }
                account.rosterVersion += 1
                accounts[username] = account
                return .applied(version: account.rosterVersion)
            }
        }
    }

    public func listedRosterCount(of username: String) -> Int {
        accounts[username]?.roster.values.lazy.filter(\.listed).count ?? 0
    }
}
