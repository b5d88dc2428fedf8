@testable import MessengerKit
import Testing

/// End to end: a `Messenger` attached over a real automation socket.
@Suite struct RemoteOverSocketTests {
    @Test func conversationOverTheSocket() async throws {
        try await withLiveServer { server in
            let (alice, bob) = try await TwoMessengersTests.friends(on: server)
            let fixture = try await EndpointFixture.start(alice.messenger)
            let client = try await fixture.connect()
            do {
                let remote = try await Messenger(attachingTo: LineClientTransport(client: client))
                let events = Collector(await remote.events())

                let window = try await remote.instantMessage("bob@example.test")
                let created = await events.first { if case .imWindowCreated(let w) = $0 { w === window } else { false } }
                #expect(created != nil)
                try await window.sendText("over the socket")
                try await bob.expect("bob's window") { if case .imWindowCreated = $0 { true } else { false } }
                try await alice.eventually("the line is in History") { try await window.history.hasSuffix("alice@example.test: over the socket") }

                let error = await thrownError { try await remote.instantMessage(" bob@example.test") }
                #expect(error == MessengerError(.E_INVALIDARG, "contact starts with a space"))
                #expect(await window.close().hresult == .S_OK)
                #expect(await window.close().hresult == .S_FALSE)
                #expect(await thrownError { try await window.sendText("x") }?.hresult == .E_FAIL)
            } catch {
                await client.close()
                await fixture.stop()
                throw error
            }
            await client.close()
            await fixture.stop()
            await alice.signout()
            await bob.signout()
        }
    }
}
