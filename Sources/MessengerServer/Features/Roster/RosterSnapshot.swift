import NIOConcurrencyHelpers

/// Counts committed roster changes, server-wide. A roster read notes the
/// count before it begins; while the count has not moved, nothing it read
/// can have changed since.
final class RosterChangeCounter: Sendable {
    private let count = NIOLockedValueBox<UInt64>(0)

    var current: UInt64 { count.withLockedValue { $0 } }

    /// After every commit that may have changed a roster.
    func changed() { count.withLockedValue { $0 &+= 1 } }
}

/// The roster a session fetched while signing in, kept in its registry
/// entry for the initial presence that follows, which needs the same items:
/// one database read per sign-in instead of two.
struct RosterSnapshot: Sendable {
    let items: [RosterItem]
    /// `RosterChangeCounter.current` from before the read.
    let changeCount: UInt64
}
