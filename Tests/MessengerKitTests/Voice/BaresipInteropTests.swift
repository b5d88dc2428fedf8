import Foundation
@testable import MessengerKit
@testable import MessengerServer
import SIPCore
import Testing

/// Calls between our client and baresip, a SIP phone nobody here wrote,
/// through our server's registrar and proxy, with RTP audio checked in the
/// WAV files both sides record (issue 6). Runs when baresip is installed;
/// scripts/test.sh sets REQUIRE_BARESIP=1, so there a missing baresip fails.
@Suite(.enabled(
    if: installedBaresip != nil || ProcessInfo.processInfo.environment["REQUIRE_BARESIP"] == "1",
    "baresip (Debian baresip-core) is not installed"))
struct BaresipInteropTests {
    /// baresip's microphone; alice sends 1000 Hz.
    static let baresipTone = 440
    static let aliceTone = 1_000

    @Test func ourClientCallsBaresipWhichAnswersWithAudioBothWays() async throws {
        try await withBaresip { server, dave, folder in
            let alice = try await Self.alice(on: server, folder: folder)
            let dialog = try await alice.messenger.startVoice("dave@example.test")
            try await Self.expect(alice, .connected, "baresip answers", dave: dave)
            #expect(await dave.control.event("CALL_ESTABLISHED") != nil, Comment(rawValue: dave.logTail()))

            // Long enough for 1 s of audio each way even on a loaded machine (a 2 s call once recorded 0.66 s).
            try await Task.sleep(for: .seconds(4))
            #expect(await dialog.close().hresult == .S_OK)
            #expect(await dave.control.event("CALL_CLOSED") != nil, "baresip saw our BYE\n\(dave.logTail())")
            try await Self.expectAudioBothWays(alice: folder.appendingPathComponent("alice"), dave: dave)
            await alice.signout()
        }
    }

    @Test func baresipCallsOurClientWhichAnswersAndSeesItHangUp() async throws {
        try await withBaresip { server, dave, folder in
            let alice = try await Self.alice(on: server, folder: folder)
            let dialled = try await dave.control.send("dial", params: "sip:alice@example.test")
            #expect(dialled?.ok == true, Comment(rawValue: dave.logTail()))
            let incoming = try await Self.expect(alice, .incoming, "baresip's call rings", dave: dave)
            guard case .phoneCallChange(_, let window, _) = incoming else { return }
            #expect(await window.phoneCall?.contact == "dave@example.test")
            try await window.answerCall()
            try await Self.expect(alice, .connected, "connected at alice", dave: dave)
            #expect(await dave.control.event("CALL_ESTABLISHED") != nil, Comment(rawValue: dave.logTail()))

            // Long enough for 1 s of audio each way even on a loaded machine (a 2 s call once recorded 0.66 s).
            try await Task.sleep(for: .seconds(4))
            #expect(try await dave.control.send("hangup")?.ok == true)
            try await Self.expect(alice, .ended(.S_OK), "baresip hung up", dave: dave)
            #expect(await window.phoneCall?.state == .ended(.S_OK))
            #expect(await dave.control.event("CALL_CLOSED") != nil, Comment(rawValue: dave.logTail()))
            try await Self.expectAudioBothWays(alice: folder.appendingPathComponent("alice"), dave: dave)
            await alice.signout()
        }
    }

    // MARK: Fixture

    /// Alice signed in with a phone line sending a 1000 Hz tone, once the
    /// server has her registration (sign-in does not wait for it).
    static func alice(on server: LiveServer, folder: URL) async throws -> LiveMessenger {
        let alice = try await LiveMessenger.signedIn("alice", on: server) {
            $0.voice = PhoneCallLiveTests.voice(server, folder, "alice", tone: Double(aliceTone))
        }
        try await PhoneCallLiveTests.waitForPhoneLine(of: "alice", alice, on: server)
        return alice
    }

    struct MissingEvent: Error {}

    /// Waits for `OnPhoneCallChange(state)` at alice; on failure the issue carries baresip's log.
    @discardableResult
    static func expect(
        _ alice: LiveMessenger, _ state: PhoneCallState, _ what: String, dave: BaresipPeer,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> MessengerEvent {
        guard let event = await alice.events.first(where: { PhoneCallLiveTests.isCall($0, state) }) else {
            let seen = await alice.events.received.map(\.name)
            Issue.record("no event: \(what); alice saw \(seen)\n\(dave.logTail())", sourceLocation: sourceLocation)
            throw MissingEvent()
        }
        return event
    }

    /// Alice recorded at least 1 s of baresip's sine, and baresip at least 1 s of alice's.
    static func expectAudioBothWays(alice folder: URL, dave: BaresipPeer) async throws {
        let aliceFile = try #require(
            (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil))?
                .filter { $0.pathExtension == "wav" }.sorted { $0.path < $1.path }.last,
            "alice recorded nothing")
        let heard = try await RecordedTone.waiting(for: aliceFile, minimumSeconds: 1)
        #expect(heard.seconds >= 1, "alice: \(heard)")
        #expect(heard.rms > 2_000, "alice: \(heard)")
        #expect(heard.isNear(Double(baresipTone)), "alice: \(heard)")

        var daveFile = dave.receivedRecordings().last
        for _ in 0..<100 where daveFile == nil {
            try await Task.sleep(for: .milliseconds(100))
            daveFile = dave.receivedRecordings().last
        }
        let file = try #require(daveFile, "baresip recorded nothing\n\(dave.logTail())")
        let received = try await RecordedTone.waiting(for: file, minimumSeconds: 1)
        #expect(received.seconds >= 1, "baresip: \(received)\n\(dave.logTail())")
        #expect(received.rms > 2_000, "baresip: \(received)")
        #expect(received.isNear(Double(aliceTone)), "baresip: \(received)")
    }
}

/// Our server with SIP (users alice and dave), a recordings folder, and
/// baresip registered as dave. baresip is stopped before the server, so its
/// unregistration is answered at once; everything is cleaned up.
func withBaresip(_ body: (LiveServer, BaresipPeer, URL) async throws -> Void) async throws {
    // baresip 1.0 (libre 1.1) gives up on a 401 that lists any algorithm
    // besides MD5, so this server challenges with MD5 alone.
    let server = try await LiveServer.start(users: ["alice": "alice-pw", "dave": "dave-pw"], sip: true) {
        $0.sipDigestAlgorithms = [.md5]
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("msgr-baresip-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let dave: BaresipPeer
    do {
        dave = try await BaresipPeer.start(
            user: "dave", password: "dave-pw", domain: LiveServer.domain, serverPort: server.sipPort ?? 0,
            tone: BaresipInteropTests.baresipTone)
    } catch {
        await server.stop()
        throw error
    }
    do {
        try await body(server, dave, folder)
    } catch {
        await dave.stop()
        await server.stop()
        throw error
    }
    await dave.stop()
    await server.stop()
}
