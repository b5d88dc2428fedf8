import NIOConcurrencyHelpers
import NIOCore

/// Hands out exclusive use of the one SQLite connection, first come first served.
///
/// All statements share a single connection, so a transaction begun by one task
/// would otherwise see (and commit) statements issued by another task in the
/// middle of it. An actor alone is not enough: it is reentrant at every `await`,
/// and a transaction spans several awaited statements. Waiters queue here instead.
///
/// A lock, not an actor: a free gate is taken without suspending. As an actor,
/// taking and giving back the gate were two hops to Swift's shared pool and
/// two back to the caller's event loop for every statement.
final class SQLiteAccessGate: Sendable {
    private struct State {
        var isHeld = false
        var isClosed = false
        var waiters = CircularBuffer<CheckedContinuation<Void, Never>>()
    }

    private let state = NIOLockedValueBox(State())

    /// Waits until the caller holds the gate. Throws once the storage was closed.
    func acquire() async throws(SQLiteStorage.ClosedError) {
        enum Attempt { case taken, closed, busy }
        let attempt = state.withLockedValue { state -> Attempt in
            if state.isClosed { return .closed }
            if state.isHeld { return .busy }
            state.isHeld = true
            return .taken
        }
        switch attempt {
        case .taken: return
        case .closed: throw SQLiteStorage.ClosedError()
        case .busy: break
        }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let takenMeanwhile = state.withLockedValue { state -> Bool in
                guard state.isHeld else {
                    state.isHeld = true
                    return true
                }
                state.waiters.append(waiter)
                return false
            }
            if takenMeanwhile { waiter.resume() }
        }
        // `release()` handed the gate straight to this waiter, so `isHeld` stayed true.
        if state.withLockedValue({ $0.isClosed }) {
            release()
            throw SQLiteStorage.ClosedError()
        }
    }

    func release() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard let next = state.waiters.popFirst() else {
                state.isHeld = false
                return nil
            }
            return next
        }
        next?.resume()
    }

    /// Marks the gate closed; callers already holding or waiting finish or fail in turn.
    func markClosed() {
        state.withLockedValue { $0.isClosed = true }
    }
}
