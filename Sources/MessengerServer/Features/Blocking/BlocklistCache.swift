import NIOConcurrencyHelpers
import XMPPCore

/// Users' block lists kept in memory. Every message and presence consults
/// one or two of them (sender's and recipient's), and a storage round trip
/// each time was the largest cost of routing a chat. Only `BlockingModule`
/// changes a block list, and it invalidates here after writing.
final class BlocklistCache: Sendable {
    private struct State {
        var lists: [String: [JID]] = [:]
        /// Bumped by every invalidation: a load that began before one must
        /// not store what it read, which may already be stale.
        var generation: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())
    /// Users remembered at once; past it the cache starts again empty.
    let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    /// The block list of `username`, from memory or else from `load`.
    func list(of username: String, load: () async throws -> [JID]) async throws -> [JID] {
        let (cached, generation) = state.withLockedValue { ($0.lists[username], $0.generation) }
        if let cached { return cached }
        let loaded = try await load()
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.lists.count >= capacity { state.lists.removeAll(keepingCapacity: true) }
            state.lists[username] = loaded
        }
        return loaded
    }

    /// Forgets `username`'s list after it changed (or the account went).
    func invalidate(_ username: String) {
        state.withLockedValue { state in
            state.generation &+= 1
            state.lists[username] = nil
        }
    }
}
