import Foundation
import Testing
@testable import MessengerKit
import XMPPCore

/// Sent messages carry stable ids; a message shown once is not shown again
/// when it arrives a second time (resent after the sender reconnected).
@Suite struct MessageDedupeTests {
    static func chat(from sender: String = "bob@example.test/phone", id: String?, body: String = "hello") throws -> XMLElement {
        let idAttribute = id.map { " id='\($0)'" } ?? ""
        return try WireXML.stanza("<message from='\(sender)' to='alice@example.test/kit' type='chat'\(idAttribute)><body>\(body)</body></message>")
    }

    static func windowsCreated(_ effects: [ClientEffect]) -> Int {
        effects.filter { if case .emit(.imWindowCreated) = $0 { true } else { false } }.count
    }

    static func transcript(_ state: ClientState) -> [String] {
        state.windows.values.compactMap(\.conversation).flatMap(\.transcript).map(\.text)
    }

    @Test("the same message twice: one transcript line, one OnIMWindowCreated")
    func duplicateShownOnce() throws {
        var state = try ClientStateFixture.signedIn()
        state.receive(try Self.chat(id: "b-1"), now: .now)
        let first = state.takeEffects()
        state.receive(try Self.chat(id: "b-1"), now: .now)
        let second = state.takeEffects()
        #expect(Self.windowsCreated(first) == 1)
        #expect(second.isEmpty)
        #expect(Self.transcript(state) == ["hello"])
    }

    @Test("a new id, another sender with the same id, or no id at all: all shown")
    func distinctMessagesShown() throws {
        var state = try ClientStateFixture.signedIn()
        state.receive(try Self.chat(id: "b-1", body: "one"), now: .now)
        state.receive(try Self.chat(id: "b-2", body: "two"), now: .now)
        state.receive(try Self.chat(from: "carol@example.test/x", id: "b-1", body: "carol's"), now: .now)
        state.receive(try Self.chat(id: nil, body: "no id"), now: .now)
        state.receive(try Self.chat(id: nil, body: "no id"), now: .now)
        #expect(Self.transcript(state).sorted() == ["carol's", "no id", "no id", "one", "two"])
    }

    @Test("a sender that restarts its id counter: the same id with another text is a new message")
    func reusedIDWithNewTextShown() throws {
        var state = try ClientStateFixture.signedIn()
        state.receive(try Self.chat(id: "m1", body: "first session"), now: .now)
        state.receive(try Self.chat(id: "m1", body: "second session"), now: .now)
        state.receive(try Self.chat(id: "m1", body: "second session"), now: .now)
        #expect(Self.transcript(state) == ["first session", "second session"])
    }

    @Test("the same id from another resource of the same contact is the same message")
    func sameSenderOtherResource() throws {
        var state = try ClientStateFixture.signedIn()
        state.receive(try Self.chat(from: "bob@example.test/phone", id: "b-1"), now: .now)
        state.receive(try Self.chat(from: "bob@example.test/desk", id: "b-1"), now: .now)
        #expect(Self.transcript(state) == ["hello"])
    }

    @Test("memory is bounded: past capacity the oldest id is forgotten")
    func boundedMemory() throws {
        var recent = RecentMessageIDs(capacity: 2)
        let bob = ContactKey(jid: try JID("bob@example.test"))
        var firstSeen: [Bool] = []
        for id in ["1", "2", "2", "3"] { firstSeen.append(recent.insert(sender: bob, id: id, body: "x")) }
        #expect(firstSeen == [true, true, false, true])
        #expect(recent.count == 2)
        // "1" was forgotten to make room for "3"; "3" is still known.
        let again = [recent.insert(sender: bob, id: "1", body: "x"), recent.insert(sender: bob, id: "3", body: "x")]
        #expect(again == [true, false])
    }

    @Test("SendText gives each message the next id of the injected sequence")
    func sentIDsArePredictable() throws {
        var state = ClientState(account: try JID(ClientStateFixture.alice), hasStoredCredentials: true, stanzaIDPrefix: "t")
        state.setPhase(.online)
        let window = try state.instantMessage(.signinName(ClientStateFixture.bob))
        try state.sendText("one", in: window, now: .now)
        try state.sendText("two", in: window, now: .now)
        let ids = state.takeEffects().compactMap { effect -> String? in
            if case .send(let stanza) = effect, stanza.name == "message" { stanza[attribute: "id"] } else { nil }
        }
        #expect(ids == ["t-1", "t-2"])
    }
}
