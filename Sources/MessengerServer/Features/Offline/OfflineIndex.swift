import NIOConcurrencyHelpers

/// Which users may have messages waiting in offline storage, so that a
/// sign-in of anyone else (nearly everyone) skips the read.
///
/// Filled from storage at start-up; after that every offline message the
/// server writes goes through `LocalDelivery.storeOffline`, which tells this
/// index before and after. A user leaves the index only when a flush found
/// and delivered everything, no write for them was under way, and none
/// began since the flush looked.
final class OfflineIndex: Sendable {
    private struct Waiting: Sendable {
        /// Bumped by every write for the user.
        var generation: UInt64
        /// Writes begun and not yet finished.
        var writing: Int
    }

    private struct State: Sendable {
        var users: [String: Waiting] = [:]
        var nextGeneration: UInt64 = 1
        /// Until `prime`, nothing is known: every flush reads.
        var primed = false
        /// Users with a flush under way; true when another was asked for meanwhile.
        var flushing: [String: Bool] = [:]
    }

    private let state = NIOLockedValueBox(State())

    func prime(_ usernames: [String]) {
        state.withLockedValue { state in
            for username in usernames { state.users[username] = Waiting(generation: 0, writing: 0) }
            state.primed = true
        }
    }

    /// Before a message for `username` is written.
    func writing(for username: String) {
        state.withLockedValue { state in
            state.nextGeneration += 1
            let writing = (state.users[username]?.writing ?? 0) + 1
            state.users[username] = Waiting(generation: state.nextGeneration, writing: writing)
        }
    }

    /// After that write, whether it succeeded or not.
    func written(for username: String) {
        state.withLockedValue { state in
            state.users[username]?.writing -= 1
        }
    }

    /// Where a flush began, for `delivered(_:since:)`.
    struct Mark: Sendable {
        let generation: UInt64
        /// No write was under way: a read from here on sees every message.
        let sawEverything: Bool
    }

    /// nil when the user has nothing waiting: no need to read.
    func mark(for username: String) -> Mark? {
        state.withLockedValue { state in
            guard state.primed else { return Mark(generation: 0, sawEverything: false) }
            guard let waiting = state.users[username] else { return nil }
            return Mark(generation: waiting.generation, sawEverything: waiting.writing == 0)
        }
    }

    /// A flush that began at `mark` delivered everything it read. The user
    /// leaves the index only if that read could have seen every message.
    func delivered(_ username: String, since mark: Mark) {
        state.withLockedValue { state in
            guard state.primed, mark.sawEverything, let waiting = state.users[username],
                waiting.writing == 0, waiting.generation == mark.generation
            else { return }
            state.users[username] = nil
        }
    }

    // MARK: One flush at a time per user

    /// True when the caller should flush now. False when a flush for the
    /// user is already under way: it then runs once more instead, so that
    /// two flushes never read (and deliver) the same messages.
    func beginFlush(for username: String) -> Bool {
        state.withLockedValue { state in
            if state.flushing[username] != nil {
                state.flushing[username] = true
                return false
            }
            state.flushing[username] = false
            return true
        }
    }

    /// After a flush: true when another was asked for meanwhile (the caller flushes again).
    func endFlush(for username: String) -> Bool {
        state.withLockedValue { state in
            guard state.flushing[username] == true else {
                state.flushing[username] = nil
                return false
            }
            state.flushing[username] = false
            return true
        }
    }

    /// A flush failed: the next one starts afresh.
    func abandonFlush(for username: String) {
        _ = state.withLockedValue { $0.flushing.removeValue(forKey: username) }
    }
}
