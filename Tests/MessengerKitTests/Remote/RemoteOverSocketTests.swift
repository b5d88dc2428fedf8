import MessengerAutomation
@testable import MessengerKit
import Testing

/// End to end: a `Messenger` attached over a real automation socket.
@Suite struct RemoteOverSocketTests {
    @Test func nothingListeningIsEFail() async throws {
        let error = await thrownError { _ = try await Messenger.attach(socketPath: "/tmp/msgr-nobody-\(UInt32.random(in: 0 ... .max)).sock") }
        #expect(error?.hresult == .E_FAIL)
        #expect(error?.message.hasPrefix("no Communicator running at /tmp/msgr-nobody-") == true)
    }

    @Test func conversationOverTheSocket() async throws {
        try await withLiveServer { server in
            let (alice, bob) = try await TwoMessengersTests.friends(on: server)
            let fixture = try await EndpointFixture.start(alice.messenger)
            do {
                let remote = try await Messenger.attach(socketPath: fixture.socketPath)
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
                await fixture.stop()
                throw error
            }
            await fixture.stop()
            await alice.signout()
            await bob.signout()
        }
    }
}
