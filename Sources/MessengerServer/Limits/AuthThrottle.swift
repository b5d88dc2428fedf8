/// Failed-authentication bookkeeping shared by every connection: one table
/// per source address, one per account. Only sign-ins reach it, so an actor
/// off the stanza path is cheap enough.
actor AuthThrottle {
    private var addresses: FailureWindowTable
    private var accounts: FailureWindowTable

    init(policy: AuthThrottlePolicy) {
        addresses = FailureWindowTable(
            limit: policy.failuresPerAddress, window: policy.window, capacity: policy.maxTrackedEntries)
        accounts = FailureWindowTable(
            limit: policy.failuresPerAccount, window: policy.window, capacity: policy.maxTrackedEntries)
    }

    func isLocked(address: String) -> Bool {
        addresses.isLocked(address, now: .now)
    }

    func isLocked(account: String) -> Bool {
        accounts.isLocked(account, now: .now)
    }

    /// One wrong password (or unknown user) from `address`, naming `account` when known.
    func recordFailure(address: String, account: String?) {
        let now = ContinuousClock.now
        addresses.recordFailure(address, now: now)
        if let account { accounts.recordFailure(account, now: now) }
    }
}
