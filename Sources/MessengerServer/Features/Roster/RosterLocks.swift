/// One roster change at a time per user. A subscription stanza reads an item,
/// runs the state machine and writes the result; two of them on the same
/// user's roster at once (one from each side of a handshake) would otherwise
/// both start from the same item and the later write would undo the earlier.
/// Users do not wait for each other.
actor RosterLocks {
    private var held: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Runs `body` while holding `username`'s lock. Not reentrant for the same
    /// user; `body` must not take another user's lock either (no nesting, no deadlock).
    nonisolated func withLock<T: Sendable>(
        _ username: String, _ body: () async throws -> T
    ) async throws -> T {
        await acquire(username)
        do {
            let result = try await body()
            await release(username)
            return result
        } catch {
            await release(username)
            throw error
        }
    }

    private func acquire(_ username: String) async {
        if held.insert(username).inserted { return }
        // `release` hands the lock straight to the first waiter, so it stays held.
        await withCheckedContinuation { waiters[username, default: []].append($0) }
    }

    private func release(_ username: String) {
        guard var queue = waiters[username], !queue.isEmpty else {
            held.remove(username)
            return
        }
        let next = queue.removeFirst()
        waiters[username] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
