import Foundation
@testable import MessengerKit
import Testing
import XMPPCore

/// Pages between two real clients through the in-process server: the Page
/// window's status, paging switched off meanwhile, `OnContactPagerChange`.
@Suite struct PagingLiveTests {
    static func pagerChanges(_ live: LiveMessenger) async -> [Bool] {
        await live.events.received.compactMap { event in
            if case .contactPagerChange(.S_OK, let contact, let pageable) = event, contact.signinName == "bob@example.test" {
                pageable
            } else {
                nil
            }
        }
    }

    /// The window's newest page once it is no longer sending.
    static func settled(_ window: MessengerWindow, count: Int, _ live: LiveMessenger) async throws -> MessengerView.SentPage {
        try await live.eventually("the page's status") {
            guard let pages = await window.sentPages, pages.count == count else { return false }
            return pages.last?.status != "sending"
        }
        return try #require(await window.sentPages?.last)
    }

    @Test func aPageIsSentToEveryDeviceThenFailsOnceBobTurnsPagingOff() async throws {
        try await withLiveServer { server in
            let (alice, bob) = try await TwoMessengersTests.friends(on: server)
            // A second device of Bob's, online.
            let phone = try await server.connect("bob", resource: "phone")
            try await phone.send(XMLElement(name: "presence", namespace: XMLNamespace.client))
            // Answered only after the presence before it was handled: the device is available now.
            _ = try await phone.request(.clientIQ(type: "get", payload: XMLElement(name: "ping", namespace: XMLNamespace.ping)))

            let bobContact = try await alice.messenger.getContact("bob@example.test", serviceID: "")
            try await bob.messenger.setPagerNumber("+1 425 555 0199")
            try await alice.expect("bob became pageable") {
                if case .contactPagerChange(.S_OK, let c, true) = $0 { c === bobContact } else { false }
            }
            #expect(await bobContact.canPage)

            let window = try await alice.messenger.page(.contact(bobContact))
            try await window.sendPage("Please call me")
            let first = await window.sentPages?.first
            #expect(first?.text == "Please call me")
            let sent = try await Self.settled(window, count: 1, alice)
            #expect(sent.status == "sent")
            #expect(sent.statusText == "Sent to 2 devices")
            // Pages received show as they always did: in Bob's conversation window.
            try await bob.expect("the page arrived") { if case .imWindowCreated = $0 { true } else { false } }

            try await bob.messenger.setPagerNumber(nil)
            try await alice.expect("bob stopped paging") {
                if case .contactPagerChange(.S_OK, let c, false) = $0 { c === bobContact } else { false }
            }
            #expect(await bobContact.canPage == false)
            #expect(await Self.pagerChanges(alice) == [true, false])
            // The window is still open; the server refuses the next page.
            try await window.sendPage("Still there?")
            let failed = try await Self.settled(window, count: 2, alice)
            #expect(failed.status == "failed")
            #expect(failed.statusText == "Not sent: bob@example.test has not enabled paging")
            // And a new Page window cannot be opened any more.
            await window.close()
            #expect(await failure { try await alice.messenger.page(.contact(bobContact)) } == .MSGR_E_PAGING_UNAVAILABLE)

            await phone.disconnect()
            await alice.signout()
            await bob.signout()
        }
    }

    @Test func thePagerChangeIsNotRaisedForTheFirstProfileLoad() async throws {
        try await withLiveServer { server in
            // Bob is pageable before Alice ever signs in.
            let raw = try await server.connect("bob")
            _ = try await raw.request(VCardProfile.publish(VCardProfile.withPager("+1 425 555 0199", in: nil)))
            await raw.disconnect()
            let (alice, bob) = try await TwoMessengersTests.friends(on: server)
            let bobContact = try await alice.messenger.getContact("bob@example.test", serviceID: "")
            try await alice.eventually("bob's profile loaded") { await bobContact.canPage }
            #expect(await Self.pagerChanges(alice) == [])

            // A change while both are online is noticed without signing in again.
            try await bob.messenger.setPagerNumber("")
            try await alice.expect("bob stopped paging") {
                if case .contactPagerChange(.S_OK, let c, false) = $0 { c === bobContact } else { false }
            }
            #expect(await Self.pagerChanges(alice) == [false])
            await alice.signout()
            await bob.signout()
        }
    }

    @Test func pagerSettingsRoundTripAndAreValidated() async throws {
        try await withLiveServer { server in
            let alice = try await LiveMessenger.signedIn("alice", on: server)
            #expect(try await alice.messenger.pagerGateway() == "")
            try await alice.messenger.setPagerGateway("http://pager.example.test:8080/in/alice")
            #expect(try await alice.messenger.pagerGateway() == "http://pager.example.test:8080/in/alice")
            try await alice.messenger.setPagerGateway(nil)
            #expect(try await alice.messenger.pagerGateway() == "")
            #expect(await failure { try await alice.messenger.setPagerGateway("https://pager.example.test/in") } == .E_INVALIDARG)
            #expect(await failure { try await alice.messenger.setPagerNumber("no digits") } == .E_INVALIDARG)

            try await alice.messenger.setPagerNumber("+1 425 555 0101")
            #expect(await alice.messenger.engineProfilePager == "+1 425 555 0101")
            await alice.signout()
            try await alice.eventually("signed out") { await alice.messenger.myStatus == .offline }
            #expect(await failure { try await alice.messenger.setPagerNumber("+1 425 555 0101") } == .MSGR_E_NOT_LOGGED_ON)
            #expect(await failure { try await alice.messenger.pagerGateway() } == .MSGR_E_NOT_LOGGED_ON)
        }
    }
}

extension Messenger {
    /// The pager number in the local user's profile as the client holds it.
    var engineProfilePager: String? {
        get async {
            guard case .local(let engine) = backend else { return nil }
            return await engine.read { $0.myProfile.pagerNumber }
        }
    }

    /// Whether the client holds the contact's first vCard: only changes after
    /// it raise `OnContactPagerChange` and `OnContactPhoneChange`.
    func hasLoadedProfile(of signinName: String) async -> Bool {
        guard case .local(let engine) = backend else { return false }
        return await engine.read { state in
            state.contacts.values.contains { $0.jid?.bare.description == signinName && $0.hasLoadedProfile }
        }
    }
}
