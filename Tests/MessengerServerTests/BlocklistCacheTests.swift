@testable import MessengerServer
import Testing
import XMPPCore

@Suite("Block lists in memory")
struct BlocklistCacheTests {
    @Test func aLoadedListIsServedFromMemoryUntilInvalidated() async throws {
        let mallory = try JID("mallory@example.test")
        let cache = BlocklistCache()
        var loads = 0
        let first = try await cache.list(of: "alice") { loads += 1; return [mallory] }
        let second = try await cache.list(of: "alice") { loads += 1; return [] }
        #expect(first == [mallory] && second == [mallory] && loads == 1)
        cache.invalidate("alice")
        #expect(try await cache.list(of: "alice") { loads += 1; return [] } == [])
        #expect(loads == 2)
    }

    @Test func aLoadThatRacedAnInvalidationIsNotKept() async throws {
        let mallory = try JID("mallory@example.test")
        let cache = BlocklistCache()
        // The list changes (and is invalidated) while this load is under way:
        // what it read may be the old list, so the next caller must load again.
        let stale = try await cache.list(of: "alice") {
            cache.invalidate("alice")
            return [mallory]
        }
        #expect(stale == [mallory])
        #expect(try await cache.list(of: "alice") { [] } == [])
    }

    @Test func pastItsCapacityTheCacheStartsAgain() async throws {
        let cache = BlocklistCache(capacity: 2)
        for user in ["a", "b", "c"] { _ = try await cache.list(of: user) { [] } }
        var reloaded = false
        _ = try await cache.list(of: "a") { reloaded = true; return [] }
        #expect(reloaded)
    }

    @Test func onceThePrimedListsAreInUsersWithoutOneNeverTouchStorage() async throws {
        let mallory = try JID("mallory@example.test")
        let cache = BlocklistCache()
        cache.prime(["alice": [mallory]])
        var loads = 0
        #expect(try await cache.list(of: "alice") { loads += 1; return [] } == [mallory])
        #expect(try await cache.list(of: "bob") { loads += 1; return [mallory] } == [])
        #expect(loads == 0)
    }

    @Test func aChangeAfterPrimingIsReadOnceFromStorage() async throws {
        let mallory = try JID("mallory@example.test")
        let cache = BlocklistCache()
        cache.prime([:])
        cache.invalidate("bob")
        var loads = 0
        #expect(try await cache.list(of: "bob") { loads += 1; return [mallory] } == [mallory])
        #expect(try await cache.list(of: "bob") { loads += 1; return [] } == [mallory])
        cache.invalidate("bob")
        // Unblocked everyone: empty again, and known to be.
        #expect(try await cache.list(of: "bob") { loads += 1; return [] } == [])
        #expect(try await cache.list(of: "bob") { loads += 1; return [mallory] } == [])
        #expect(loads == 2)
    }

    @Test func tooManyListsToPrimeLeaveTheCacheLazy() async throws {
        let mallory = try JID("mallory@example.test")
        let cache = BlocklistCache(capacity: 1)
        cache.prime(["alice": [mallory], "bob": [mallory]])
        var loaded = false
        #expect(try await cache.list(of: "carol") { loaded = true; return [mallory] } == [mallory])
        #expect(loaded)
    }
}
