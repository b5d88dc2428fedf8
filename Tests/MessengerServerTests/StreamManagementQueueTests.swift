import Foundation
import Testing
@testable import MessengerServer
import XMPPCore

@Suite("XEP-0198 unacked queue: sequence numbers, acks, wraparound, bound")
struct StreamManagementQueueTests {
    static func message(_ n: Int) -> XMLElement {
        XMLElement(name: "message", namespace: XMLNamespace.client, attributes: ["id": "m\(n)"])
    }

    static func ids(_ entries: some Sequence<StreamManagementQueue.Entry>) -> [String] {
        entries.compactMap { $0.stanza[attribute: "id"] }
    }

    @Test func ackRemovesExactlyTheAcknowledgedPrefix() throws {
        var queue = StreamManagementQueue(maxUnacked: 100, ackRequestEvery: 100)
        for n in 1...4 { _ = queue.append(Self.message(n), at: Date()) }
        try queue.acknowledge(1)
        #expect(Self.ids(queue.unacked) == ["m2", "m3", "m4"])
        try queue.acknowledge(3)
        #expect(Self.ids(queue.unacked) == ["m4"])
        try queue.acknowledge(3)
        #expect(Self.ids(queue.unacked) == ["m4"])
        #expect(queue.unacked.map(\.sequence) == [4])
    }

    @Test func ackingMoreThanWasSentIsRejectedWithTheCounts() {
        var queue = StreamManagementQueue(maxUnacked: 100, ackRequestEvery: 100)
        _ = queue.append(Self.message(1), at: Date())
        #expect(throws: StreamManagementQueue.HandledCountTooHigh(h: 2, sendCount: 1)) { try queue.acknowledge(2) }
        #expect(queue.unackedCount == 1)
    }

    @Test func countersWrapAroundAt2To32() throws {
        var queue = StreamManagementQueue(maxUnacked: 100, ackRequestEvery: 100, startingAt: UInt32.max - 1)
        for n in 1...4 { _ = queue.append(Self.message(n), at: Date()) }
        #expect(queue.unacked.map(\.sequence) == [UInt32.max, 0, 1, 2])
        try queue.acknowledge(0)
        #expect(Self.ids(queue.unacked) == ["m3", "m4"])
        #expect(throws: StreamManagementQueue.HandledCountTooHigh(h: 3, sendCount: 2)) { try queue.acknowledge(3) }
        try queue.acknowledge(2)
        #expect(queue.unackedCount == 0)
    }

    @Test func asksForAnAckEveryNStanzas() {
        var queue = StreamManagementQueue(maxUnacked: 100, ackRequestEvery: 3)
        let outcomes = (1...4).map { n -> StreamManagementQueue.AppendOutcome in
            let outcome = queue.append(Self.message(n), at: Date())
            if outcome == .queued(requestAck: true) { queue.ackRequested() }
            return outcome
        }
        #expect(outcomes == [.queued(requestAck: false), .queued(requestAck: false), .queued(requestAck: true), .queued(requestAck: false)])
    }

    @Test func overflowsOneBeyondTheBoundAndDrainsEverything() {
        var queue = StreamManagementQueue(maxUnacked: 2, ackRequestEvery: 100)
        #expect(queue.append(Self.message(1), at: Date()) == .queued(requestAck: false))
        #expect(queue.append(Self.message(2), at: Date()) == .queued(requestAck: false))
        #expect(queue.append(Self.message(3), at: Date()) == .overflow)
        #expect(Self.ids(queue.drain()) == ["m1", "m2", "m3"])
        #expect(queue.unackedCount == 0)
    }

    @Test func refusesEverythingOnceOverflowedEvenAfterAnAck() throws {
        var queue = StreamManagementQueue(maxUnacked: 1, ackRequestEvery: 100)
        #expect(queue.append(Self.message(1), at: Date()) == .queued(requestAck: false))
        #expect(queue.append(Self.message(2), at: Date()) == .overflow)
        try queue.acknowledge(2)
        #expect(queue.append(Self.message(3), at: Date()) == .refused)
        #expect(queue.sent == 2)
        #expect(queue.unackedCount == 0)
    }
}
