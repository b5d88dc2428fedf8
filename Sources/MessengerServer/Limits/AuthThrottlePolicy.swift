/// How many failed sign-ins the server tolerates before it refuses further
/// attempts without checking the password (brute-force protection). Counted
/// across connections, per source address and per account.
public struct AuthThrottlePolicy: Sendable, Hashable {
    /// Failed attempts from one IP address within `window` before that address is locked out.
    public var failuresPerAddress: Int = 5
    /// Failed attempts on one account, from anywhere, within `window` before the account is locked out.
    public var failuresPerAccount: Int = 10
    /// How long failures are remembered, and how long a lock-out lasts.
    public var window: Duration = .seconds(60)
    /// Addresses (and, separately, accounts) remembered at once, so an attacker
    /// cannot grow the tables without limit; beyond it the stalest entry goes.
    public var maxTrackedEntries: Int = 10_000

    public init() {}
}
