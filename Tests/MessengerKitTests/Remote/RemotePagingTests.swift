@testable import MessengerKit
import Testing

/// Paging through an attached messenger: the pager event decoded with a
/// proxy contact, the settings, and a page's status read back.
@Suite struct RemotePagingTests {
    @Test func pagingThroughAnAttachedMessenger() async throws {
        try await withLiveServer { server in
            let (alice, bob, remote, events) = try await RemoteMessengerTests.attached(on: server)
            let bobContact = try await remote.getContact("bob@example.test", serviceID: "")
            #expect(await failure { try await remote.page(.contact(bobContact)) } == .MSGR_E_PAGING_UNAVAILABLE)

            try await bob.messenger.setPagerNumber("+1 425 555 0199")
            let change = await events.first { if case .contactPagerChange = $0 { true } else { false } }
            guard case .contactPagerChange(.S_OK, let contact, let pageable)? = change else {
                Issue.record("no OnContactPagerChange through the attached messenger")
                return
            }
            #expect(contact === bobContact)
            #expect(pageable)
            #expect(change?.dispatchID == 0x40C)

            #expect(await failure { try await remote.setPagerNumber(String(repeating: "1", count: 65)) } == .E_INVALIDARG)
            try await remote.setPagerGateway("http://pager.example.test/in")
            #expect(try await remote.pagerGateway() == "http://pager.example.test/in")

            let window = try await remote.page(.contact(bobContact))
            try await window.sendPage("Call me")
            try await alice.eventually("the page was confirmed") { await window.sentPages?.first?.status == "sent" }
            #expect(await window.sentPages?.first?.statusText == "Sent to 1 device")
            await alice.signout()
            await bob.signout()
        }
    }
}
