/// Hands out exclusive use of the one SQLite connection, first come first served.
///
/// All statements share a single connection, so a transaction begun by one task
/// would otherwise see (and commit) statements issued by another task in the
/// middle of it. An actor alone is not enough: it is reentrant at every `await`,
/// and a transaction spans several awaited statements. Waiters queue here instead.
actor SQLiteAccessGate {
    private var isHeld = false
    private var isClosed = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Waits until the caller holds the gate. Throws once the storage was closed.
    func acquire() async throws(SQLiteStorage.ClosedError) {
        guard !isClosed else { throw SQLiteStorage.ClosedError() }
        if isHeld {
            // `release()` hands the gate straight to the first waiter, so `isHeld` stays true.
            await withCheckedContinuation { waiters.append($0) }
            guard !isClosed else {
                release()
                throw SQLiteStorage.ClosedError()
            }
        } else {
            isHeld = true
        }
    }

    func release() {
        if waiters.isEmpty {
            isHeld = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Marks the gate closed; callers already holding or waiting finish or fail in turn.
    func markClosed() {
        isClosed = true
    }
}
