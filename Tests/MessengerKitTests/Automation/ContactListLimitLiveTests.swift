import Testing
@testable import MessengerKit
@testable import MessengerServer

/// The server's roster limit reaches the Automation API as the documented
/// failure: `OnContactListAdd` with MSGR_E_LIST_FULL.
@Suite("A full contact list, live")
struct ContactListLimitLiveTests {
    @Test func addingBeyondTheServersLimitReportsListFull() async throws {
        let users = ["alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw", "dave": "dave-pw"]
        let server = try await LiveServer.start(users: users) { $0.maxRosterItems = 2 }
        do {
            let alice = try await LiveMessenger.signedIn("alice", on: server)
            let contacts = MessengerPrivate(messenger: alice.messenger)
            for name in ["bob", "carol"] {
                try await contacts.addContact("\(name)@example.test")
                try await alice.expect("\(name) added") {
                    if case .contactListAdd(.S_OK, let c) = $0 { c.signinName == "\(name)@example.test" } else { false }
                }
            }
            try await contacts.addContact("dave@example.test")
            let event = try await alice.expect("dave refused") {
                if case .contactListAdd(_, let c) = $0 { c.signinName == "dave@example.test" } else { false }
            }
            guard case .contactListAdd(let hr, _) = event else { return }
            #expect(hr == .MSGR_E_LIST_FULL)
            #expect(hr.rawValue == 0x8100_0307)
            #expect(await alice.messenger.myContacts.count == 2)
            await alice.signout()
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
