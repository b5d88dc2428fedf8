import Foundation
import Testing
@testable import MessengerKit
import XMPPCore

/// XEP-0198 against our own server, in-process: a stream cut without a
/// goodbye is resumed on the same JID, and nothing is lost or doubled in
/// either direction; a refused resume hands the unacknowledged stanzas back.
@Suite struct StreamManagementLiveTests {
    static func chat(to: String, id: String) -> XMLElement {
        XMLElement(
            name: "message", namespace: XMLNamespace.client, attributes: ["to": to, "type": "chat", "id": id],
            children: [.element(XMLElement(name: "body", namespace: XMLNamespace.client, text: id))])
    }

    /// Bob's conversation window with Alice shows "msg 1" … "msg 20", each once, in order.
    static func expectTwentyInOrder(at bob: LiveMessenger) async throws {
        let created = try await bob.expect("bob's window") { if case .imWindowCreated = $0 { true } else { false } }
        guard case .imWindowCreated(let bobWindow) = created else { return }
        try await bob.eventually("all 20 arrived") { try await bobWindow.history.contains("msg 20") }
        let texts = try await bobWindow.history.split(separator: "\n").map { line in
            line.split(separator: ": ", maxSplits: 1).last.map(String.init) ?? ""
        }
        #expect(texts == (1...20).map { "msg \($0)" })
    }

    static func messageIDs(_ stanzas: [XMLElement]) -> [String] {
        stanzas.filter { $0.name == "message" }.compactMap { $0[attribute: "id"] }
    }

    @Test func aCutStreamIsResumedAndNothingIsLostOrDoubled() async throws {
        try await withLiveServer { server in
            let alice = try await server.connect("alice")
            let bob = try await server.connect("bob")
            #expect(alice.isStreamManagementEnabled)
            let aliceReceived = Collector(alice.stanzas)
            let bobReceived = Collector(bob.stanzas)

            for n in 1...3 { try await bob.send(Self.chat(to: "alice@example.test/kit", id: "b-\(n)")) }
            #expect(await aliceReceived.first { $0[attribute: "id"] == "b-3" } != nil)
            for n in 1...7 { try await alice.send(Self.chat(to: "bob@example.test/kit", id: "a-\(n)")) }

            await alice.simulateNetworkDrop()
            let left = try #require(alice.resumption)
            #expect(left.id != nil)
            #expect(left.jid == (try JID("alice@example.test/kit")))

            // While Alice is away the server keeps her session and queues for it.
            for n in 4...5 { try await bob.send(Self.chat(to: "alice@example.test/kit", id: "b-\(n)")) }
            try await bob.send(Self.chat(to: "alice@example.test/kit", id: "b-end"))

            var configuration = try server.configuration("alice")
            configuration.resume = left
            let resumed = XMPPClientConnection(configuration: configuration)
            let resumedReceived = Collector(resumed.stanzas)
            try await resumed.connect()
            #expect(resumed.isResumed)
            #expect(resumed.boundJID == (try JID("alice@example.test/kit")))
            #expect(resumed.unackedAfterFailedResume.isEmpty)

            // Our h told the server b-1…b-3 were handled: only what came later arrives.
            #expect(await resumedReceived.first { $0[attribute: "id"] == "b-end" } != nil)
            #expect(Self.messageIDs(await resumedReceived.received) == ["b-4", "b-5", "b-end"])

            // Its h told us which of a-1…a-7 it had; anything resent would show twice before a-8.
            try await resumed.send(Self.chat(to: "bob@example.test/kit", id: "a-8"))
            #expect(await bobReceived.first { $0[attribute: "id"] == "a-8" } != nil)
            #expect(Self.messageIDs(await bobReceived.received) == (1...8).map { "a-\($0)" })
            #expect(Self.messageIDs(await aliceReceived.received) == ["b-1", "b-2", "b-3"])

            await resumed.disconnect()
            await bob.disconnect()
        }
    }

    @Test func aRefusedResumeBindsAnewAndHandsTheUnackedStanzasBack() async throws {
        try await withLiveServer { server in
            let previous = StreamResumption(
                id: "no-such-stream", jid: try JID("alice@example.test/kit"), inboundHandled: 4, acknowledged: 2,
                unacked: [Self.chat(to: "bob@example.test", id: "x-3"), Self.chat(to: "bob@example.test", id: "x-4")],
                maxResumptionSeconds: 300, endedAt: .now)
            var configuration = try server.configuration("alice")
            configuration.resume = previous
            let connection = XMPPClientConnection(configuration: configuration)
            try await connection.connect()
            #expect(!connection.isResumed)
            #expect(Self.messageIDs(connection.unackedAfterFailedResume) == ["x-3", "x-4"])
            #expect(connection.boundJID == (try JID("alice@example.test/kit")))
            #expect(connection.isStreamManagementEnabled)
            await connection.disconnect()
            // A stream closed on purpose leaves nothing to resume.
            #expect(try #require(connection.resumption).id == nil)
        }
    }

    /// The issue's scenario through the whole client: Alice sends Bob 20
    /// messages and her TCP connection is cut after the 10th. Her client
    /// resumes without a visible reconnect, and Bob sees each message once, in order.
    @Test func twentyMessagesAcrossACutArriveOnceInOrder() async throws {
        try await withLiveServer { server in
            let (alice, bob) = try await TwoMessengersTests.friends(on: server)
            let window = try await alice.messenger.instantMessage("bob@example.test")
            for n in 1...10 { try await window.sendText("msg \(n)") }
            let eventsBeforeCut = await alice.events.received.count
            let cut = try #require(await alice.messenger.localEngine?.connection)
            await cut.simulateNetworkDrop()
            for n in 11...20 { try await window.sendText("msg \(n)") }

            try await Self.expectTwentyInOrder(at: bob)
            let windowsCreated = await bob.events.received.filter { if case .imWindowCreated = $0 { true } else { false } }
            #expect(windowsCreated.count == 1)

            // Resumed, not reconnected: a new, resumed stream and no status change on Alice's side.
            do {
                try await alice.eventually("a resumed stream") {
                    guard let current = await alice.messenger.localEngine?.connection else { return false }
                    return current !== cut && current.isResumed
                }
            } catch {
                let current = await alice.messenger.localEngine?.connection
                let events = await alice.events.received.dropFirst(eventsBeforeCut).map(\.name)
                Issue.record("""
                    after the cut: connection \(current.map { $0 === cut ? "still the cut one" : "new" } ?? "none"), \
                    resumed \(current?.isResumed == true), handed back \(current?.unackedAfterFailedResume.count ?? 0), \
                    events \(events)
                    """)
                throw error
            }
            let afterCut = await alice.events.received.dropFirst(eventsBeforeCut)
            #expect(!afterCut.contains { if case .myStatusChange = $0 { true } else { false } })
            await alice.signout()
            await bob.signout()
        }
    }

    /// Without resumption (the server's window is 0) a cut means a full
    /// reconnect: the messages the server had not acknowledged are sent again
    /// with their ids after the resync, and Bob's client shows each once.
    @Test func withoutResumptionTheUnackedMessagesAreResentAndShownOnce() async throws {
        let server = try await LiveServer.start { $0.smResumptionSeconds = 0 }
        do {
            let (alice, bob) = try await TwoMessengersTests.friends(on: server)
            let window = try await alice.messenger.instantMessage("bob@example.test")
            for n in 1...10 { try await window.sendText("msg \(n)") }
            let eventsBeforeCut = await alice.events.received.count
            let cut = try #require(await alice.messenger.localEngine?.connection)
            await cut.simulateNetworkDrop()
            #expect(cut.resumption?.id == nil)
            try await alice.eventually("online again") {
                await alice.events.received.dropFirst(eventsBeforeCut).contains {
                    if case .myStatusChange(.S_OK, .online) = $0 { true } else { false }
                }
            }
            for n in 11...20 { try await window.sendText("msg \(n)") }

            try await Self.expectTwentyInOrder(at: bob)
            await alice.signout()
            await bob.signout()
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
