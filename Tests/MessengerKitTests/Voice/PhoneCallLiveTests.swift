import Foundation
@testable import MessengerServer
@testable import MessengerKit
import SIPUserAgent
import Testing
import XMPPCore

/// Real calls between Communicator instances through our server's SIP
/// registrar and proxy, with RTP audio recorded to WAV (docs/phone.md).
@Suite struct PhoneCallLiveTests {
    @Test func phoningAWorkNumberRingsTheOtherClientAndConnectsWithAudioBothWays() async throws {
        try await withVoiceServer { server, folder in
            try await Self.giveBobAWorkNumber(server)
            let (alice, bob) = try await Self.friends(on: server, folder: folder)
            let bobContact = try await alice.messenger.getContact("bob@example.test", serviceID: "")
            try await alice.eventually("bob's work number") { (try? await bobContact.phoneNumber(.work)) == "+1 425 555 0100" }

            let dialog = try await alice.messenger.phone(.contact(bobContact), type: .work, number: "+1 425 555 0100")
            let incoming = try await bob.expect("the call rings at bob") { Self.isCall($0, .incoming) }
            guard case .phoneCallChange(_, let bobWindow, _) = incoming else { return }
            #expect(await bobWindow.phoneCall?.contact == "alice@example.test")
            try await bobWindow.answerCall()
            try await alice.expect("connected at alice") { Self.isCall($0, .connected) }
            try await bob.expect("connected at bob") { Self.isCall($0, .connected) }
            #expect(await alice.messenger.myStatus == .onThePhone)
            try await bob.expect("alice shows on the phone") {
                if case .contactStatusChange(let c, .onThePhone) = $0 { c.signinName == "alice@example.test" } else { false }
            }

            // Hang up once each side has recorded a second of the other (the
            // recorder writes in 16 KiB blocks), however slow the machine is.
            try await Self.waitForRecordedAudio(in: folder.appendingPathComponent("alice"))
            try await Self.waitForRecordedAudio(in: folder.appendingPathComponent("bob"))
            #expect(await dialog.close().hresult == .S_OK)
            try await bob.expect("alice hung up") { Self.isCall($0, .ended(.S_OK)) }
            try await alice.expect("alice back online") { if case .myStatusChange(.S_OK, .online) = $0 { true } else { false } }

            // Each side recorded the other's tone: 440 Hz from alice, 1000 Hz from bob.
            try await Self.expectRecordedTone(in: folder.appendingPathComponent("bob"), frequency: 440)
            try await Self.expectRecordedTone(in: folder.appendingPathComponent("alice"), frequency: 1_000)
            await alice.signout()
            await bob.signout()
        }
    }

    @Test func unknownNumberBusyDeclineAndNoAnswerMapToTheDocumentedCodes() async throws {
        try await withVoiceServer(users: ["alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"]) { server, folder in
            let (alice, bob) = try await Self.friends(on: server, folder: folder)
            let carol = try await LiveMessenger.signedIn("carol", on: server) {
                $0.voice = Self.voice(server, folder, "carol", tone: 700, ringTimeout: .seconds(3))
            }
            try await Self.waitForPhoneLine(of: "carol", carol, on: server)

            // Unknown number: 404 from the proxy.
            let dialog = try await alice.messenger.phone("bob@example.test", type: .custom, number: "+1 999 555 0000")
            try await alice.expect("unknown number") { Self.isCall($0, .ended(.MSGR_E_PHONE_INVALID_NUMBER)) }
            #expect(await dialog.phoneCall?.state == .ended(.MSGR_E_PHONE_INVALID_NUMBER))

            // Busy: while bob's phone rings with alice's call, carol's call to him is refused.
            _ = try await alice.messenger.startVoice("bob@example.test")
            let ringing = try await bob.expect("bob rings") { Self.isCall($0, .incoming) }
            _ = try await carol.messenger.startVoice("bob@example.test")
            try await carol.expect("busy") { Self.isCall($0, .ended(.MSGR_E_BUSY)) }

            // Declined: bob declines alice's ringing call.
            guard case .phoneCallChange(_, let bobWindow, _) = ringing else { return }
            try await bobWindow.declineCall()
            try await alice.expect("declined") { Self.isCall($0, .ended(.SR_INVITATION_DECLINED)) }

            // No answer: carol's 3 s ring timeout cancels; bob missed the call.
            _ = try await carol.messenger.startVoice("bob@example.test")
            try await bob.expect("bob rings for carol") { Self.isCall($0, .incoming) }
            try await carol.expect("no answer") { Self.isCall($0, .ended(.MSGR_E_VOICE_NO_ANSWER)) }
            try await bob.expect("missed at bob") { Self.isCall($0, .ended(.MSGR_E_INCOMING_INVITE_CANCELLED)) }
            for live in [alice, bob, carol] { await live.signout() }
        }
    }

    // MARK: Fixture

    static func isCall(_ event: MessengerEvent, _ state: PhoneCallState) -> Bool {
        if case .phoneCallChange(_, _, let reported) = event { reported == state } else { false }
    }

    static func voice(_ server: LiveServer, _ folder: URL, _ user: String, tone: Double, ringTimeout: Duration = .seconds(30)) -> Messenger.VoiceConfiguration {
        var voice = Messenger.VoiceConfiguration(
            serverHost: "127.0.0.1", serverPort: server.sipPort ?? 0,
            media: RTPAudioSession.factory(source: .tone(frequency: tone), recordingsFolder: folder.appendingPathComponent(user)))
        voice.ringTimeout = ringTimeout
        return voice
    }

    static func friends(on server: LiveServer, folder: URL, ringTimeout: Duration = .seconds(30)) async throws -> (alice: LiveMessenger, bob: LiveMessenger) {
        let alice = try await LiveMessenger.signedIn("alice", on: server) { $0.voice = voice(server, folder, "alice", tone: 440, ringTimeout: ringTimeout) }
        let bob = try await LiveMessenger.signedIn("bob", on: server) { $0.voice = voice(server, folder, "bob", tone: 1_000) }
        try await MessengerPrivate(messenger: alice.messenger).addContact("bob@example.test")
        try await MessengerPrivate(messenger: bob.messenger).addContact("alice@example.test")
        try await alice.expect("bob online") {
            if case .contactStatusChange(let c, .online) = $0 { c.signinName == "bob@example.test" } else { false }
        }
        try await bob.expect("alice online") {
            if case .contactStatusChange(let c, .online) = $0 { c.signinName == "alice@example.test" } else { false }
        }
        try await waitForPhoneLine(of: "alice", alice, on: server)
        try await waitForPhoneLine(of: "bob", bob, on: server)
        return (alice, bob)
    }

    /// Sign-in does not wait for the SIP registration; a call placed before
    /// the callee's line is registered would rightly end with 480.
    static func waitForPhoneLine(of user: String, _ live: LiveMessenger, on server: LiveServer) async throws {
        try await live.eventually("\(user)'s phone line is registered") { await !server.server.sipContacts(of: user).isEmpty }
    }

    /// Published over a raw connection before the clients sign in, so the
    /// server's number index and alice's first profile load both have it.
    static func giveBobAWorkNumber(_ server: LiveServer) async throws {
        let raw = try await server.connect("bob")
        var profile = VCardProfile()
        profile.phoneNumbers[.work] = "+1 425 555 0100"
        _ = try await raw.request(VCardProfile.publish(profile.applied(to: nil)))
        await raw.disconnect()
    }

    static func waitForRecordedAudio(in folder: URL) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.fileSizeKey])) ?? []
            let sizes = files.compactMap { try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize }
            if sizes.contains(where: { $0 > 16 * 1_024 }) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no second of audio recorded in \(folder.lastPathComponent) within 30 s")
    }

    /// The newest recording in `folder` holds at least half a second of a
    /// tone near `frequency`, loud enough to be the tone and not silence.
    static func expectRecordedTone(in folder: URL, frequency: Double) async throws {
        var recordings: [URL] = []
        for _ in 0..<100 {
            recordings = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
            if !recordings.isEmpty { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let file = try #require(recordings.filter { $0.pathExtension == "wav" }.sorted { $0.path < $1.path }.last)
        var audio = try WAVAudio(contentsOf: file)
        for _ in 0..<50 where audio.samples.count < 4_000 {
            try await Task.sleep(for: .milliseconds(100))
            audio = try WAVAudio(contentsOf: file)
        }
        #expect(audio.sampleRate == 8_000)
        #expect(audio.samples.count >= 4_000, "\(audio.samples.count) samples")
        let rms = (audio.samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(audio.samples.count, 1))).squareRoot()
        #expect(rms > 2_000, "RMS \(rms)")
        var crossings = 0
        for (previous, next) in zip(audio.samples, audio.samples.dropFirst()) where (previous < 0) != (next < 0) { crossings += 1 }
        let measured = Double(crossings) / 2 / (Double(audio.samples.count) / 8_000)
        #expect(abs(measured - frequency) < frequency * 0.1, "measured \(measured) Hz")
    }
}

/// A live server with SIP, and a folder for recordings; both cleaned up.
func withVoiceServer(
    users: [String: String] = ["alice": "alice-pw", "bob": "bob-pw"], _ body: (LiveServer, URL) async throws -> Void
) async throws {
    let server = try await LiveServer.start(users: users, sip: true)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("msgr-calls-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
        try await body(server, folder)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}
