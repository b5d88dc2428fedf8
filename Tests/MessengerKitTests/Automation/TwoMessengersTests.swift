import Foundation
@testable import MessengerKit
import Testing
import XMPPCore

/// Two Communicator instances on our server, driven only through the API,
/// asserting the events each side sees.
@Suite struct TwoMessengersTests {
    /// Alice and Bob signed in and on each other's lists with presence both ways.
    static func friends(on server: LiveServer) async throws -> (alice: LiveMessenger, bob: LiveMessenger) {
        let alice = try await LiveMessenger.signedIn("alice", on: server)
        let bob = try await LiveMessenger.signedIn("bob", on: server)
        try await MessengerPrivate(messenger: alice.messenger).addContact("bob@example.test")
        try await alice.expect("bob added") {
            if case .contactListAdd(.S_OK, let c) = $0 { c.signinName == "bob@example.test" } else { false }
        }
        try await MessengerPrivate(messenger: bob.messenger).addContact("alice@example.test")
        try await bob.expect("alice added") {
            if case .contactListAdd(.S_OK, let c) = $0 { c.signinName == "alice@example.test" } else { false }
        }
        try await alice.expect("bob online") {
            if case .contactStatusChange(let c, .online) = $0 { c.signinName == "bob@example.test" } else { false }
        }
        // A profile change raises events only once the first vCard is in;
        // under load that fetch can lag behind a test's first change.
        try await alice.eventually("alice has bob's profile") { await alice.messenger.hasLoadedProfile(of: "bob@example.test") }
        try await bob.eventually("bob has alice's profile") { await bob.messenger.hasLoadedProfile(of: "alice@example.test") }
        return (alice, bob)
    }

    @Test func contactsPresenceAndConversation() async throws {
        try await withLiveServer { server in
            let (alice, bob) = try await Self.friends(on: server)

            // The list: one contact, the same object every way it is reached.
            #expect(await alice.messenger.myContacts.count == 1)
            let listed = try await alice.messenger.myContacts.item(0)
            let fetched = try await alice.messenger.getContact("bob@example.test", serviceID: "")
            #expect(listed === fetched)
            #expect(await fetched.status == .online)
            await #expect(throws: MessengerError.self) { try await alice.messenger.myContacts.item(1) }

            // Exact states round-trip through our presence extension.
            try await bob.messenger.setMyStatus(.onThePhone)
            try await alice.expect("bob on the phone") {
                if case .contactStatusChange(let c, .onThePhone) = $0 { c === fetched } else { false }
            }
            #expect(await fetched.status == .onThePhone)
            try await bob.messenger.setMyStatus(.busy)
            try await alice.expect("bob busy") { if case .contactStatusChange(_, .busy) = $0 { true } else { false } }
            await #expect(throws: MessengerError.self) { try await bob.messenger.setMyStatus(.localFindingServer) }

            // A conversation: Alice opens a window and types; Bob's window opens by itself.
            let window = try await alice.messenger.instantMessage("bob@example.test")
            try await alice.expect("window created") { if case .imWindowCreated(let w) = $0 { w === window } else { false } }
            try await window.sendText("Hi Bob")
            let created = try await bob.expect("bob's window") { if case .imWindowCreated = $0 { true } else { false } }
            guard case .imWindowCreated(let bobWindow) = created else { return }
            try await bob.eventually("the message is in Bob's window") { try await bobWindow.history.contains("alice@example.test: Hi Bob") }
            #expect(try await bobWindow.contacts.item(0).signinName == "alice@example.test")
            try await bobWindow.sendText("Hello Alice")
            try await alice.eventually("the reply is in Alice's window") {
                let lines = try await window.history.split(separator: "\n")
                return lines.count == 2 && lines[0].hasSuffix("alice@example.test: Hi Bob") && lines[1].hasSuffix("bob@example.test: Hello Alice")
            }
            // The same contact reuses the window (R5).
            #expect(try await alice.messenger.instantMessage(.contact(fetched)) === window)

            // Bob signs out: Alice sees him go offline; his windows are gone.
            await bob.signout()
            try await alice.expect("bob offline") { if case .contactStatusChange(_, .offline) = $0 { true } else { false } }
            #expect(await bobWindow.isClosed)
            try await bob.expect("bob's window destroyed") { if case .imWindowDestroyed(let w) = $0 { w === bobWindow } else { false } }
            await alice.signout()
        }
    }

    @Test func groupsBlockingAndRemoval() async throws {
        try await withLiveServer { server in
            let (alice, bob) = try await Self.friends(on: server)
            let messenger = alice.messenger
            let bobContact = try await messenger.getContact("bob@example.test", serviceID: "")

            let created = try await messenger.createGroup("  Work  ")
            #expect(created.hresult == .S_OK)
            try await alice.expect("group added") { if case .groupAdded(.S_OK, let g) = $0 { g === created.value } else { false } }
            #expect(try await created.value.name == "Work")
            let again = try await messenger.createGroup("work")
            #expect(again.hresult == .MSGR_S_GROUP_ALREADY_EXISTS)
            #expect(again.value === created.value)
            await #expect(throws: MessengerError.self) { try await messenger.createGroup("Bad\tName") }

            try await created.value.addContact(.contact(bobContact))
            try await alice.expect("bob in Work") { if case .contactAddedToGroup(.S_OK, _, let c) = $0 { c === bobContact } else { false } }
            try await alice.eventually("Work lists bob") { await created.value.contacts.count == 1 }
            #expect(try await bobContact.property(rawType: MCONTACTPROPERTY.groupsProperty.rawValue) == .groups(["Work"]))

            try await created.value.setName("Team")
            try await alice.expect("renamed") { if case .groupNameChanged(.S_OK, let g) = $0 { g === created.value } else { false } }
            #expect(try await created.value.name == "Team")
            try await alice.eventually("bob's roster item follows the rename") {
                try await bobContact.property(rawType: 0) == .groups(["Team"])
            }

            // Blocking: S_FALSE when nothing changes; the result is an event.
            #expect(try await bobContact.setBlocked(true).hresult == .S_OK)
            try await alice.expect("blocked") { if case .contactBlockChange(.S_OK, _, true) = $0 { true } else { false } }
            #expect(await bobContact.blocked)
            #expect(try await bobContact.setBlocked(true).hresult == .S_FALSE)
            #expect(try await bobContact.setBlocked(false).hresult == .S_OK)
            try await alice.expect("unblocked") { if case .contactBlockChange(.S_OK, _, false) = $0 { true } else { false } }

            try await messenger.myGroups.remove(created.value)
            try await alice.expect("group removed") { if case .groupRemoved(.S_OK, _) = $0 { true } else { false } }
            #expect(await messenger.myGroups.count == 0)

            try await messenger.myContacts.remove(bobContact)
            try await alice.expect("bob removed") { if case .contactListRemove(.S_OK, let c) = $0 { c === bobContact } else { false } }
            #expect(await messenger.myContacts.count == 0)
            // A removed contact object stays usable (§1.5).
            #expect(bobContact.signinName == "bob@example.test")
            await #expect(throws: MessengerError.self) { try await messenger.myContacts.remove(bobContact) }
            await alice.signout()
            await bob.signout()
        }
    }

    @Test func phoneNumbersAndPagingComeFromTheProfile() async throws {
        try await withLiveServer { server in
            // Bob publishes a vCard with a work number and a pager before Alice signs in.
            let raw = try await server.connect("bob")
            var profile = VCardProfile()
            profile.phoneNumbers[.work] = "+1 425 555 0100"
            profile.pagerNumber = "+1 425 555 0199"
            _ = try await raw.request(VCardProfile.publish(profile.applied(to: nil)))
            await raw.disconnect()

            let (alice, bob) = try await Self.friends(on: server)
            let bobContact = try await alice.messenger.getContact("bob@example.test", serviceID: "")
            try await alice.eventually("bob's profile loaded") { await bobContact.canPage }
            #expect(try await bobContact.phoneNumber(.work) == "+1 425 555 0100")
            #expect(await failure { try await bobContact.phoneNumber(.home) } == .E_FAIL)

            let dialog = try await alice.messenger.phone(.contact(bobContact), type: .work)
            #expect(await dialog.phoneCall?.number == "+1 425 555 0100")
            #expect(await failure { try await alice.messenger.phone(.contact(bobContact), type: .mobile) } == .MSGR_E_PHONE_INVALID_NUMBER)

            // Paging: Bob can page Alice only if she enabled paging; she has not.
            #expect(await failure { try await bob.messenger.page("alice@example.test") } == .MSGR_E_PAGING_UNAVAILABLE)
            let pageWindow = try await alice.messenger.page(.contact(bobContact))
            try await pageWindow.sendPage("Please call me")
            try await bob.expect("page window") { if case .imWindowCreated = $0 { true } else { false } }
            await alice.signout()
            await bob.signout()
        }
    }
}
