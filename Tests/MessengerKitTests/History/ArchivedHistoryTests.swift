import Foundation
@testable import MessengerKit
import Testing
import XMPPCore

/// The conversation archive through the API: what a window shows is kept
/// as it happens, and a client started again on the same archive reads it.
@Suite struct ArchivedHistoryTests {
    @Test func conversationsOutliveTheClient() async throws {
        let folder = FileConversationArchiveTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withLiveServer { server in
            let archive = try FileConversationArchive(folder: folder)
            let alice = try await LiveMessenger.signedIn("alice", on: server) { $0.archive = archive }
            let bob = try await LiveMessenger.signedIn("bob", on: server)

            let window = try await alice.messenger.instantMessage("bob@example.test")
            try await window.sendText("Hi Bob\nsecond line")
            let created = try await bob.expect("bob's window") { if case .imWindowCreated = $0 { true } else { false } }
            guard case .imWindowCreated(let bobWindow) = created else { return }
            try await bobWindow.sendText("Hello Alice")
            try await alice.eventually("the reply arrives") { try await window.history.contains("Hello Alice") }

            let kept = try archive.messages(with: "bob@example.test")
            #expect(kept.map(\.origin) == [.sent, .received])
            #expect(kept.map(\.sender) == ["alice@example.test", "bob@example.test"])
            #expect(kept.map(\.text) == ["Hi Bob\nsecond line", "Hello Alice"])

            // The window closes with sign-out; a new client on the same archive still has it all.
            await alice.signout()
            let restarted = try await LiveMessenger.make("alice", on: server) {
                $0.archive = try? FileConversationArchive(folder: folder)
            }
            let text = try await restarted.messenger.archivedHistory(with: "BOB@example.test")
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0].hasSuffix("] alice@example.test: Hi Bob"))
            #expect(lines[1] == "    second line")
            #expect(lines[2].hasSuffix("] bob@example.test: Hello Alice"))
            // Dated stamps, in the configured zone (GMT here): [yyyy-MM-dd HH:mm:ss].
            #expect(lines[0].wholeMatch(of: /\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] .*/) != nil)
            #expect(try await restarted.messenger.archivedHistory(with: "carol@example.test") == "")

            await #expect(throws: MessengerError(.E_INVALIDARG, "no contact given")) { try await restarted.messenger.archivedHistory(with: " ") }
            // Bob's client keeps no archive.
            await #expect(throws: MessengerError(.E_FAIL, "this client keeps no conversation history (start it with a data folder)")) { try await bob.messenger.archivedHistory(with: "alice@example.test") }
            await bob.signout()
        }
    }
}
