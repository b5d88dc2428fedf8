import NIOConcurrencyHelpers
import Testing
@testable import MessengerServer

/// The gate in front of the one SQLite connection: one holder at a time,
/// and nobody gets in once the storage is closed.
@Suite("SQLite access gate")
struct SQLiteAccessGateTests {
    @Test func holdersNeverOverlap() async throws {
        let gate = SQLiteAccessGate()
        let inside = NIOLockedValueBox((now: 0, most: 0, done: 0))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for _ in 0..<200 {
                tasks.addTask {
                    try await gate.acquire()
                    inside.withLockedValue { $0.now += 1; $0.most = max($0.most, $0.now) }
                    await Task.yield()  // a statement's await, while holding the gate
                    inside.withLockedValue { $0.now -= 1; $0.done += 1 }
                    gate.release()
                }
            }
            try await tasks.waitForAll()
        }
        let seen = inside.withLockedValue { $0 }
        #expect(seen.most == 1)
        #expect(seen.done == 200)
    }

    @Test func closingTurnsAwayWaitersAndLaterCallers() async throws {
        let gate = SQLiteAccessGate()
        try await gate.acquire()
        let waiter = Task { try await gate.acquire() }
        try await Task.sleep(for: .milliseconds(20))  // queued by now, or it finds the gate closed: both must throw
        gate.markClosed()
        gate.release()
        await #expect(throws: SQLiteStorage.ClosedError.self) { try await waiter.value }
        await #expect(throws: SQLiteStorage.ClosedError.self) { try await gate.acquire() }
    }
}
