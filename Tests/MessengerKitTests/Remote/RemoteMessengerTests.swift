@testable import MessengerKit
import Testing

/// A `Messenger` attached to Alice's running client (through the endpoint's
/// dispatcher) used exactly like an in-process one.
@Suite struct RemoteMessengerTests {
    /// Alice and Bob are friends; `remote` drives Alice's client from outside,
    /// with its own event stream.
    static func attached(on server: LiveServer) async throws
        -> (alice: LiveMessenger, bob: LiveMessenger, remote: Messenger, events: Collector<MessengerEvent>)
    {
        let (alice, bob) = try await TwoMessengersTests.friends(on: server)
        let remote = try await Messenger(attachingTo: DispatcherTransport(alice.messenger))
        return (alice, bob, remote, Collector(await remote.events()))
    }

    @Test func conversationThroughAnAttachedMessenger() async throws {
        try await withLiveServer { server in
            let (alice, bob, remote, events) = try await Self.attached(on: server)
            #expect(remote.isAttached)
            #expect(!alice.messenger.isAttached)
            #expect(try await remote.mySigninName == "alice@example.test")
            #expect(await remote.myStatus == .online)

            // The same handle is the same object, however it was reached.
            let window = try await remote.instantMessage("bob@example.test")
            #expect(try await remote.instantMessage("bob@example.test") === window)
            let bobContact = try await remote.getContact("bob@example.test", serviceID: "")
            #expect(try await remote.getContact("bob@example.test", serviceID: "") === bobContact)
            #expect(try await remote.myContacts.item(0) === bobContact)
            #expect(try await remote.instantMessage(.contact(bobContact)) === window)
            #expect(await remote.knownWindow(id: window.id) === window)
            #expect(await remote.openWindows().contains { $0 === window })
            #expect(bobContact.signinName == "bob@example.test")
            #expect(await bobContact.status == .online)
            let localBob = try await alice.messenger.getContact("bob@example.test", serviceID: "")
            #expect(await bobContact.friendlyName == (await localBob.friendlyName))

            // The proxy names the in-process window.
            let local = try #require(await alice.messenger.knownWindow(id: window.id) as? MessengerConversationWindow)
            #expect(await window.kind == .conversation)
            #expect(try await window.hwnd == (try await local.hwnd))
            let created = await events.first { if case .imWindowCreated(let w) = $0 { w === window } else { false } }
            #expect(created != nil, "OnIMWindowCreated carries the window instantMessage returned")

            // Geometry set through the proxy is the client's.
            try await window.setLeft(120)
            #expect(try await local.left == 120)
            #expect(await thrownError { try await window.setWidth(0) } == (await thrownError { try await local.setWidth(0) }))

            try await window.sendText("Hi Bob")
            let bobCreated = try await bob.expect("bob's window") { if case .imWindowCreated = $0 { true } else { false } }
            guard case .imWindowCreated(let bobWindow) = bobCreated else { return }
            try await bob.eventually("Bob has the message") { try await bobWindow.history.contains("alice@example.test: Hi Bob") }
            try await bobWindow.sendText("Hello Alice")
            try await alice.eventually("both lines in the attached window's History") {
                let lines = try await window.history.split(separator: "\n")
                return lines.count == 2 && lines[0].hasSuffix("alice@example.test: Hi Bob")
                    && lines[1].hasSuffix("bob@example.test: Hello Alice")
            }
            #expect(try await window.contacts.snapshot() == [bobContact])

            // Close twice: S_OK, then S_FALSE; afterwards members fail as in-process.
            #expect(await window.close().hresult == .S_OK)
            #expect(await window.close().hresult == .S_FALSE)
            #expect(await window.isClosed)
            let destroyed = await events.first { if case .imWindowDestroyed(let w) = $0 { w === window } else { false } }
            #expect(destroyed != nil)
            let closedError = await thrownError { try await window.sendText("again") }
            #expect(closedError?.hresult == .E_FAIL)
            #expect(closedError == (await thrownError { try await local.sendText("again") }))
            #expect(await thrownError { try await window.history } == (await thrownError { try await local.history }))
            #expect(await thrownError { try await window.hwnd } == (await thrownError { try await local.hwnd }))
            await alice.signout()
            await bob.signout()
        }
    }

    @Test func eventsCarryProxyObjects() async throws {
        try await withLiveServer { server in
            let (alice, bob, remote, events) = try await Self.attached(on: server)
            let bobContact = try await remote.getContact("bob@example.test", serviceID: "")

            try await bob.messenger.setMyStatus(.busy)
            let change = await events.first { if case .contactStatusChange(_, .busy) = $0 { true } else { false } }
            guard case .contactStatusChange(let contact, _)? = change else {
                Issue.record("no OnContactStatusChange(BUSY) through the attached messenger")
                return
            }
            #expect(contact.signinName == "bob@example.test")
            #expect(contact === bobContact)
            #expect(await contact.status == .busy)

            // Groups: the success code MSGR_S_GROUP_ALREADY_EXISTS survives the trip.
            let created = try await remote.createGroup("Work")
            #expect(created.hresult == .S_OK)
            let added = await events.first { if case .groupAdded(.S_OK, let g) = $0 { g === created.value } else { false } }
            #expect(added != nil)
            let again = try await remote.createGroup("work")
            #expect(again.hresult == .MSGR_S_GROUP_ALREADY_EXISTS)
            #expect(again.value === created.value)
            #expect(try await created.value.name == "Work")
            try await created.value.addContact(.contact(bobContact))
            let joined = await events.first {
                if case .contactAddedToGroup(.S_OK, let g, let c) = $0 { g === created.value && c === bobContact } else { false }
            }
            #expect(joined != nil)
            #expect(try await remote.myGroups.item(0) === created.value)
            #expect(await remote.myGroups.snapshot() == [created.value])

            // Blocking reports S_FALSE when nothing changes, as in-process.
            #expect(try await bobContact.setBlocked(true).hresult == .S_OK)
            let blocked = await events.first { if case .contactBlockChange(.S_OK, let c, true) = $0 { c === bobContact } else { false } }
            #expect(blocked != nil)
            #expect(await bobContact.blocked)
            #expect(try await bobContact.setBlocked(true).hresult == .S_FALSE)

            // Status of the local user, set from outside.
            try await remote.setMyStatus(.away)
            let mine = await events.first { if case .myStatusChange(.S_OK, .away) = $0 { true } else { false } }
            #expect(mine != nil)
            #expect(await alice.messenger.myStatus == .away)
            await alice.signout()
            await bob.signout()
        }
    }
}
