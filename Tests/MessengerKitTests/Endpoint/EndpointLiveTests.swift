import Foundation
@testable import MessengerAutomation
import MessengerKit
import Testing

/// The endpoint in front of a client signed in to the in-process server,
/// with a second user on another client: what a program on the socket sees.
@Suite("automation endpoint: a signed-in client")
struct EndpointLiveTests {
    /// Alice's client behind an endpoint, friends with Bob's client.
    static func withAliceOnSocket(
        _ body: (EndpointFixture, LiveMessenger, LiveMessenger) async throws -> Void
    ) async throws {
        try await withLiveServer { server in
            let (alice, bob) = try await TwoMessengersTests.friends(on: server)
            let fixture = try await EndpointFixture.start(alice.messenger)
            do {
                try await body(fixture, alice, bob)
            } catch {
                await fixture.stop()
                throw error
            }
            await fixture.stop()
        }
    }

    /// Index of the first received line matching `predicate`.
    static func position(in lines: [JSONValue], _ predicate: (JSONValue) -> Bool) -> Int? {
        lines.firstIndex(where: predicate)
    }

    @Test("InstantMessage, geometry, SendText to the other user, History with both sides, Close twice")
    func conversation() async throws {
        try await Self.withAliceOnSocket { fixture, _, bob in
            let client = try await fixture.connect()
            #expect(try await client.call("Events.Subscribe", id: 1)["result"] == ["hr": 0])

            let opened = try await client.call("Messenger.InstantMessage", ["contact": "bob@example.test"], id: 2)
            let window = try #require(opened.resultValue)
            #expect(window.stringValue?.hasPrefix("window:") == true)
            // The window-created event comes after the reply that returned the window.
            let created = try await client.firstLine("OnIMWindowCreated") { $0["method"] == "Event.OnIMWindowCreated" }
            #expect(created["params"] == ["window": window])
            let lines = await client.received
            let replyAt = try #require(Self.position(in: lines) { $0["id"] == 2 })
            let eventAt = try #require(Self.position(in: lines) { $0["method"] == "Event.OnIMWindowCreated" })
            #expect(replyAt < eventAt)

            // Reuse (R5): the same contact, by name or by handle, gives the same window.
            let again = try await client.call("Messenger.InstantMessage", ["contact": ["handle": "contact:bob@example.test"]], id: 3)
            #expect(again.resultValue == window)

            // Geometry set through the API is what the API reads back.
            for (index, (edge, value)) in [("Left", 10), ("Top", 20), ("Width", 640), ("Height", 480)].enumerated() {
                let put = try await client.call("Window.put_\(edge)", ["handle": window, "value": JSONValue(value)], id: 10 + index)
                #expect(put["result"] == ["hr": 0])
                let get = try await client.call("Window.get_\(edge)", ["handle": window], id: 20 + index)
                #expect(get.resultValue == JSONValue(value))
            }
            let zeroWidth = try await client.call("Window.put_Width", ["handle": window, "value": 0], id: 30)
            #expect(zeroWidth.errorName == "E_INVALIDARG")

            // SendText reaches Bob; his answer lands in Alice's History.
            #expect(try await client.call("ConversationWnd.SendText", ["handle": window, "text": "Hi Bob"], id: 31)["result"] == ["hr": 0])
            let bobCreated = try await bob.expect("bob's window") { if case .imWindowCreated = $0 { true } else { false } }
            guard case .imWindowCreated(let bobWindow) = bobCreated else { return }
            try await bob.eventually("Bob has the text") { try await bobWindow.history.contains("alice@example.test: Hi Bob") }
            try await bobWindow.sendText("Hello Alice")
            try await bob.eventually("Alice's History has both sides") {
                let history = try await client.call("ConversationWnd.get_History", ["handle": window]).resultValue?.stringValue ?? ""
                let lines = history.split(separator: "\n")
                return lines.count == 2 && lines[0].hasSuffix("alice@example.test: Hi Bob")
                    && lines[1].hasSuffix("bob@example.test: Hello Alice")
            }
            let participants = try await client.call("ConversationWnd.get_Contacts", ["handle": window], id: 33)
            #expect(participants.resultValue?["items"] == ["contact:bob@example.test"])

            // Close: S_OK, then S_FALSE; the window is gone for every other member.
            #expect(try await client.call("Window.Close", ["handle": window], id: 40)["result"] == ["hr": 0])
            #expect(try await client.call("Window.Close", ["handle": window], id: 41)["result"] == ["hr": 1])
            #expect(try await client.call("Window.get_IsClosed", ["handle": window], id: 42).resultValue == true)
            #expect(try await client.call("ConversationWnd.get_History", ["handle": window], id: 43).errorName == "E_FAIL")
            let destroyed = try await client.firstLine("OnIMWindowDestroyed") { $0["method"] == "Event.OnIMWindowDestroyed" }
            #expect(destroyed["params"] == ["window": window])
            await client.close()
        }
    }

    @Test("two automation clients both receive every event, in the order the state changed")
    func twoClientsSeeTheSameEvents() async throws {
        try await Self.withAliceOnSocket { fixture, _, bob in
            let first = try await fixture.connect()
            let second = try await fixture.connect()
            _ = try await first.call("Events.Subscribe", ["names": ["OnContactStatusChange"]], id: 1)
            _ = try await second.call("Events.Subscribe", id: 1)
            let sequence: [MISTATUS] = [.busy, .away, .onThePhone, .online]
            for status in sequence {
                try await bob.messenger.setMyStatus(status)
            }
            for client in [first, second] {
                _ = try await client.firstLine("last status") {
                    $0["method"] == "Event.OnContactStatusChange" && $0["params"]?["status"] == JSONValue(MISTATUS.online.rawValue)
                }
                let statuses = await client.received
                    .filter { $0["method"] == "Event.OnContactStatusChange" }
                    .compactMap { $0["params"]?["status"]?.integerValue }
                #expect(statuses == sequence.map { Int64($0.rawValue) })
            }
            // The first client asked for status changes only.
            #expect(await first.received.allSatisfy { $0["method"] == nil || $0["method"] == "Event.OnContactStatusChange" })
            await first.close()
            await second.close()
        }
    }

    @Test("MessengerPrivate.AddContact: S_OK now, OnContactListAdd after the reply; the contact is then listed")
    func addContactRaisesListAdd() async throws {
        try await withLiveServer { server in
            let alice = try await LiveMessenger.signedIn("alice", on: server)
            let fixture = try await EndpointFixture.start(alice.messenger)
            let client = try await fixture.connect()
            _ = try await client.call("Events.Subscribe", id: 1)
            let added = try await client.call("MessengerPrivate.AddContact", ["signinName": "bob@example.test"], id: 2)
            #expect(added["result"] == ["hr": 0])
            let event = try await client.firstLine("OnContactListAdd") { $0["method"] == "Event.OnContactListAdd" }
            #expect(event["params"] == ["hr": 0, "contact": "contact:bob@example.test"])
            let lines = await client.received
            #expect(Self.position(in: lines) { $0["id"] == 2 }! < Self.position(in: lines) { $0["method"] == "Event.OnContactListAdd" }!)
            let list = try await client.call("Messenger.get_MyContacts", id: 3)
            #expect(list.resultValue == ["handle": "contacts:mine", "count": 1, "items": ["contact:bob@example.test"]])
            let name = try await client.call("Contact.get_SigninName", ["handle": "contact:bob@example.test"], id: 4)
            #expect(name.resultValue == "bob@example.test")
            await client.close()
            await fixture.stop()
            await alice.signout()
        }
    }

    @Test("Signout closes the conversation windows and raises OnSignout")
    func signoutClosesWindows() async throws {
        try await Self.withAliceOnSocket { fixture, _, _ in
            let client = try await fixture.connect()
            _ = try await client.call("Events.Subscribe", id: 1)
            let window = try #require(try await client.call("Messenger.InstantMessage", ["contact": "bob@example.test"], id: 2).resultValue)
            #expect(try await client.call("Messenger.Signout", id: 3)["result"] == ["hr": 0])
            _ = try await client.firstLine("OnSignout") { $0["method"] == "Event.OnSignout" }
            #expect(try await client.call("Window.get_IsClosed", ["handle": window], id: 4).resultValue == true)
            let listed = try await client.call("Communicator.ListWindows", id: 5)
            #expect(listed.resultValue?["items"] == ["window:1"])
            let afterwards = try await client.call("Messenger.InstantMessage", ["contact": "bob@example.test"], id: 6)
            #expect(afterwards.errorName == "MSGR_E_NOT_LOGGED_ON")
            await client.close()
        }
    }
}
