import NIOConcurrencyHelpers
import XMPPCore

/// Users' block lists kept in memory. Every message and presence consults
/// one or two of them (sender's and recipient's), and a storage round trip
/// each time was the largest cost of routing a chat. Only `BlockingModule`
/// changes a block list, and it invalidates here after writing.
///
/// `prime` loads every list at start-up; from then on a user the cache does
/// not know has an empty list, so routing never waits on storage (a cold
/// cache made the first message to each user queue behind the others' loads).
final class BlocklistCache: Sendable {
    private struct State {
        var lists: [String: [JID]] = [:]
        /// Every list is here (absent = empty), except those in `stale`.
        var complete = false
        /// Invalidated while complete: read from storage again on next use.
        var stale: Set<String> = []
        /// Bumped by every invalidation: a load that began before one must
        /// not store what it read, which may already be stale.
        var generation: UInt64 = 0

        mutating func forgetAll() {
            lists.removeAll(keepingCapacity: true)
            stale.removeAll()
            complete = false
        }
    }

    private let state = NIOLockedValueBox(State())
    /// Users remembered at once; past it the cache starts again empty (and incomplete).
    let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    /// Every non-empty list, read before anyone can connect. Too many to
    /// hold: the cache stays lazy.
    func prime(_ lists: [String: [JID]]) {
        state.withLockedValue { state in
            guard lists.count <= capacity else { return }
            state.lists = lists
            state.stale = []
            state.complete = true
        }
    }

    /// The block list of `username`, from memory or else from `load`.
    func list(of username: String, load: () async throws -> [JID]) async throws -> [JID] {
        let (cached, generation) = state.withLockedValue { state -> ([JID]?, UInt64) in
            if let list = state.lists[username] { return (list, state.generation) }
            if state.complete, !state.stale.contains(username) { return ([], state.generation) }
            return (nil, state.generation)
        }
        if let cached { return cached }
        let loaded = try await load()
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.lists.count >= capacity { state.forgetAll() }
            state.stale.remove(username)
            if loaded.isEmpty, state.complete {
                state.lists[username] = nil
            } else {
                state.lists[username] = loaded
            }
        }
        return loaded
    }

    /// Forgets `username`'s list after it changed (or the account went).
    func invalidate(_ username: String) {
        state.withLockedValue { state in
            state.generation &+= 1
            state.lists[username] = nil
            guard state.complete else { return }
            state.stale.insert(username)
            if state.stale.count > capacity { state.forgetAll() }
        }
    }
}
