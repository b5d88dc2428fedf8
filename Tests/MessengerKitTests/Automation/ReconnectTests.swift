@testable import MessengerKit
import Testing

/// When the connection drops, the client reconnects with back-off; windows
/// survive, contacts look offline meanwhile and come back.
@Suite struct ReconnectTests {
    @Test func aDroppedConnectionIsReestablishedAndWindowsSurvive() async throws {
        try await withLiveServer { server in
            let (alice, bob) = try await TwoMessengersTests.friends(on: server)
            let window = try await alice.messenger.instantMessage("bob@example.test")
            let bobContact = try await alice.messenger.getContact("bob@example.test", serviceID: "")
            let before = await alice.events.received.count

            // The network drops under Alice (no sign-out).
            let connection = try #require(await alice.messenger.localEngine?.connection)
            await connection.disconnect()

            try await alice.expect("disconnected") {
                if case .myStatusChange(.MSGR_E_DISCONNECTED, .localConnectingToServer) = $0 { true } else { false }
            }
            try await alice.eventually("back online") {
                let events = await alice.events.received.dropFirst(before)
                return events.contains { if case .myStatusChange(.S_OK, .online) = $0 { true } else { false } }
            }
            #expect(!(await window.isClosed))
            // The reconnect is not a new sign-in: no second OnSignin.
            let signins = await alice.events.received.filter { if case .signin = $0 { true } else { false } }
            #expect(signins.count == 1)
            try await alice.eventually("bob online again") { await bobContact.status == .online }
            try await window.sendText("still here")
            let created = try await bob.expect("bob's window") { if case .imWindowCreated = $0 { true } else { false } }
            guard case .imWindowCreated(let bobWindow) = created else { return }
            try await bob.eventually("message after reconnect") { try await bobWindow.history.contains("still here") }
            await alice.signout()
            await bob.signout()
        }
    }
}
