import XMPPCore

/// One roster write, as `RosterStore.applyRosterChanges` takes them: several
/// users' changes commit together (see `RosterWriter`).
public enum RosterChange: Sendable, Hashable {
    /// Inserts or replaces the item keyed by `item.jid` on `username`'s roster.
    case set(RosterItem, of: String)
    /// Removes `username`'s item for the contact.
    case remove(JID, of: String)

    public var username: String {
        switch self {
        case .set(_, let username), .remove(_, let username): username
        }
    }
}

/// What one `RosterChange` did. Per change, so that one user's missing
/// account does not fail the others' changes committed with it.
public enum RosterChangeOutcome: Sendable, Hashable {
    /// Written; the user's roster version counting this change.
    case applied(version: Int)
    /// A `set` for a username without an account: nothing written.
    case noAccount
    /// A `remove` of an item that was not there: nothing written, version unchanged.
    case noItem
}
