import Foundation
import XMPPCore

/// XEP-0198 outbound bookkeeping for one session, a plain value: every stanza
/// sent after `<enabled/>` keeps its sequence number until the client's
/// `<a h/>` covers it. Counters wrap at 2^32 as the XEP requires (§4).
struct StreamManagementQueue: Sendable {
    struct Entry: Sendable {
        /// The value of the outbound counter once this stanza was sent (1-based).
        let sequence: UInt32
        let stanza: XMLElement
        /// When the server handed it to this session: the stamp if it ends up offline.
        let queuedAt: Date
        /// Its delivery journal row, removed once the client acknowledges it.
        var journalID: Int64? = nil
    }

    /// The client acknowledged more than it was sent (XEP-0198 §4).
    struct HandledCountTooHigh: Error, Equatable {
        let h: UInt32
        let sendCount: UInt32
    }

    enum AppendOutcome: Equatable {
        /// Queued; `requestAck` when enough unrequested stanzas piled up for an `<r/>`.
        case queued(requestAck: Bool)
        /// Queued, but beyond the bound: the session must end.
        case overflow
        /// Not queued: the queue overflowed earlier and takes nothing more,
        /// so the stanza must be kept elsewhere (offline storage).
        case refused
    }

    let maxUnacked: Int
    let ackRequestEvery: Int
    /// Stanzas sent so far, modulo 2^32.
    private(set) var sent: UInt32 = 0
    /// The client's last `h`.
    private(set) var acked: UInt32 = 0
    /// Stanzas sent since the last `<r/>` we sent.
    private(set) var unrequested = 0
    private var entries: [Entry] = []
    private var head = 0

    /// `startingAt` is for tests that cross the 2^32 boundary.
    init(maxUnacked: Int, ackRequestEvery: Int, startingAt start: UInt32 = 0) {
        self.maxUnacked = max(1, maxUnacked)
        self.ackRequestEvery = max(1, ackRequestEvery)
        self.sent = start
        self.acked = start
    }

    var unackedCount: Int { entries.count - head }
    var unacked: ArraySlice<Entry> { entries[head...] }

    /// Set once the queue went beyond `maxUnacked`; stays set, because the
    /// session is ending even if acks bring the count back down.
    private(set) var overflowed = false

    mutating func append(_ stanza: XMLElement, at date: Date, journalID: Int64? = nil) -> AppendOutcome {
        guard !overflowed else { return .refused }
        sent &+= 1
        entries.append(Entry(sequence: sent, stanza: stanza, queuedAt: date, journalID: journalID))
        unrequested += 1
        if unackedCount > maxUnacked {
            overflowed = true
            return .overflow
        }
        return .queued(requestAck: unrequested >= ackRequestEvery)
    }

    /// Call when an `<r/>` went out.
    mutating func ackRequested() { unrequested = 0 }

    /// Applies the client's `h`: everything up to it leaves the queue.
    /// Returns the journal rows of what it acknowledged. Throws `HandledCountTooHigh`.
    @discardableResult
    mutating func acknowledge(_ h: UInt32) throws -> [Int64] {
        let newlyAcked = h &- acked
        guard Int(newlyAcked) <= unackedCount else { throw HandledCountTooHigh(h: h, sendCount: sent) }
        let journalIDs = entries[head..<(head + Int(newlyAcked))].compactMap(\.journalID)
        head += Int(newlyAcked)
        acked = h
        if head > 64, head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
        return journalIDs
    }

    /// Empties the queue, handing back what the client never acknowledged.
    mutating func drain() -> [Entry] {
        defer {
            entries = []
            head = 0
        }
        return Array(unacked)
    }
}
