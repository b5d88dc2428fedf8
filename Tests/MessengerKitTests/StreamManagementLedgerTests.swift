import Testing
@testable import MessengerKit
import XMPPCore

/// The XEP-0198 counters: what is kept until acknowledged, when to ask for
/// an ack, 32-bit wraparound, and a server that acknowledges too much.
@Suite("StreamManagementLedger")
struct StreamManagementLedgerTests {
    static func message(_ n: Int) -> XMLElement {
        XMLElement(name: "message", namespace: XMLNamespace.client, attributes: ["id": "m-\(n)"])
    }

    static func ids(_ stanzas: [XMLElement]) -> [String?] {
        stanzas.map { $0[attribute: "id"] }
    }

    @Test("every 5th stanza asks for an ack; <a h='3'/> drops the first three and keeps the rest in order")
    func countsAndAcks() throws {
        var ledger = StreamManagementLedger(resumptionID: "sm-1", maxResumptionSeconds: nil)
        let asks = (1...7).map { ledger.sent(Self.message($0), requestAckEvery: 5) }
        #expect(asks == [false, false, false, false, true, false, false])
        #expect(ledger.sentCount == 7)
        try ledger.acknowledge(3)
        #expect(Self.ids(ledger.unacked) == ["m-4", "m-5", "m-6", "m-7"])
        #expect(ledger.acknowledged == 3)
        // The same h again acknowledges nothing new.
        try ledger.acknowledge(3)
        #expect(ledger.unacked.count == 4)
        try ledger.acknowledge(7)
        #expect(ledger.unacked.isEmpty)
    }

    @Test("after a resume, iq get/set are forgotten (their callers were told they failed); messages and presence stay, and the count continues from the server's h")
    func resumeForgetsRequests() throws {
        var ledger = StreamManagementLedger(resumptionID: "sm-1", maxResumptionSeconds: nil)
        let stanzas = [
            Self.message(1),
            XMLElement(name: "iq", namespace: XMLNamespace.client, attributes: ["id": "q-get", "type": "get"]),
            XMLElement(name: "presence", namespace: XMLNamespace.client, attributes: ["id": "p-1"]),
            XMLElement(name: "iq", namespace: XMLNamespace.client, attributes: ["id": "q-set", "type": "set"]),
            XMLElement(name: "iq", namespace: XMLNamespace.client, attributes: ["id": "q-result", "type": "result"]),
            Self.message(2),
        ]
        for stanza in stanzas { _ = ledger.sent(stanza, requestAckEvery: 100) }
        try ledger.acknowledge(1)
        ledger.forgetUnacked(where: StreamManagementLedger.isRequest)
        #expect(Self.ids(ledger.unacked) == ["p-1", "q-result", "m-2"])
        #expect(ledger.sentCount == 4)
        // The server, at h=1, receives these three again: h=4 covers them all.
        try ledger.acknowledge(4)
        #expect(ledger.unacked.isEmpty)
    }

    @Test("an idle request is due only when something was sent since the last <r/>")
    func idleRequest() {
        var ledger = StreamManagementLedger(resumptionID: nil, maxResumptionSeconds: nil)
        let beforeSending = ledger.takeIdleRequest()
        _ = ledger.sent(Self.message(1), requestAckEvery: 5)
        let afterSending = ledger.takeIdleRequest()
        let again = ledger.takeIdleRequest()
        #expect([beforeSending, afterSending, again] == [false, true, false])
    }

    @Test("<a/> answers <r/> with the number of stanzas handled")
    func ackElement() {
        var ledger = StreamManagementLedger(resumptionID: nil, maxResumptionSeconds: nil)
        for _ in 0..<3 { ledger.handledInbound() }
        #expect(WireXML.text(ledger.ackElement) == "<a xmlns='urn:xmpp:sm:3' h='3'/>")
    }

    @Test("an h above what we sent is refused, and nothing is dropped")
    func handledCountTooHigh() throws {
        var ledger = StreamManagementLedger(resumptionID: nil, maxResumptionSeconds: nil)
        for n in 1...5 { _ = ledger.sent(Self.message(n), requestAckEvery: 5) }
        #expect(throws: StreamManagementLedger.HandledCountTooHigh(h: 6, sent: 5)) { try ledger.acknowledge(6) }
        #expect(ledger.unacked.count == 5)
    }

    @Test("counters wrap at 2^32: h=1 after 2^32-2 acknowledges the three stanzas around the wrap")
    func wraparound() throws {
        var ledger = StreamManagementLedger(
            resumptionID: nil, maxResumptionSeconds: nil, inboundHandled: .max, acknowledged: .max - 1)
        for n in 1...4 { _ = ledger.sent(Self.message(n), requestAckEvery: 10) }
        #expect(ledger.sentCount == 2)
        try ledger.acknowledge(1)
        #expect(Self.ids(ledger.unacked) == ["m-4"])
        ledger.handledInbound()
        #expect(ledger.inboundHandled == 0)
        #expect(throws: StreamManagementLedger.HandledCountTooHigh(h: 3, sent: 2)) { try ledger.acknowledge(3) }
    }

    @Test("only message, presence and iq count")
    func whatCounts() {
        #expect(StreamManagementLedger.isStanza(XMLElement(name: "presence")))
        #expect(StreamManagementLedger.isStanza(XMLElement(name: "iq", namespace: XMLNamespace.client)))
        #expect(!StreamManagementLedger.isStanza(XMLElement(name: "r", namespace: XMLNamespace.streamManagement)))
        #expect(!StreamManagementLedger.isStanza(XMLElement(name: "message", namespace: XMLNamespace.streamManagement)))
    }

    @Test("a snapshot is resumable while the server's window lasts, and only with an id")
    func resumableWindow() throws {
        let ended = ContinuousClock.now
        let snapshot = StreamResumption(
            id: "sm-1", jid: try JID("alice@example.test/desk"), inboundHandled: 0, acknowledged: 0, unacked: [],
            maxResumptionSeconds: 60, endedAt: ended)
        #expect(snapshot.isResumable(at: ended + .seconds(59)))
        #expect(!snapshot.isResumable(at: ended + .seconds(60)))
        var noMax = snapshot
        noMax.maxResumptionSeconds = nil
        #expect(noMax.isResumable(at: ended + .seconds(3600)))
        var noID = snapshot
        noID.id = nil
        #expect(!noID.isResumable(at: ended))
    }
}
