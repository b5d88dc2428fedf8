import Foundation
@testable import MessengerKit
import Testing

/// The core scenario against a real Prosody: sign in, contacts, presence, IM
/// with history. `interop/run-against-prosody.sh` starts Prosody, registers
/// the accounts and runs this suite with `XMPP_INTEROP_*` set; it then checks
/// the marker file the suite writes, so a run that silently did nothing fails.
@Suite(.enabled(if: ProsodyTarget.current != nil, "run by interop/run-against-prosody.sh"))
struct ProsodyInteropTests {
    @Test func signInContactsPresenceAndConversation() async throws {
        let target = try #require(ProsodyTarget.current)
        let dave = try await target.signedIn(user: target.users[0])
        let erin = try await target.signedIn(user: target.users[1])
        let erinAddress = "\(target.users[1].name)@\(target.domain)"
        let daveAddress = "\(target.users[0].name)@\(target.domain)"

        try await MessengerPrivate(messenger: dave.messenger).addContact(erinAddress)
        try await dave.expect("erin added") { if case .contactListAdd(.S_OK, _) = $0 { true } else { false } }
        try await MessengerPrivate(messenger: erin.messenger).addContact(daveAddress)
        try await erin.expect("dave added") { if case .contactListAdd(.S_OK, _) = $0 { true } else { false } }
        try await dave.expect("erin online") { if case .contactStatusChange(_, .online) = $0 { true } else { false } }
        #expect(await dave.messenger.myContacts.count == 1)

        // The exact state travels in our extension element through Prosody.
        try await erin.messenger.setMyStatus(.outToLunch)
        try await dave.expect("erin out to lunch") { if case .contactStatusChange(_, .outToLunch) = $0 { true } else { false } }

        let window = try await dave.messenger.instantMessage(.signinName(erinAddress))
        try await window.sendText("Hello from MessengerKit")
        let created = try await erin.expect("erin's window") { if case .imWindowCreated = $0 { true } else { false } }
        guard case .imWindowCreated(let erinWindow) = created else { return }
        try await erin.eventually("the text arrives") { try await erinWindow.history.contains("Hello from MessengerKit") }
        try await erinWindow.sendText("Hello back")
        try await dave.eventually("the reply arrives") { try await window.history.split(separator: "\n").count == 2 }

        try await erin.messenger.signout()
        try await dave.expect("erin offline") { if case .contactStatusChange(_, .offline) = $0 { true } else { false } }
        try await dave.messenger.signout()
        try target.markDone()
    }
}

/// Where the runner's Prosody is, from the environment.
struct ProsodyTarget {
    struct User {
        var name: String
        var password: String
    }

    var host: String
    var port: Int
    var domain: String
    var certificatePath: String
    var users: [User]
    var doneMarker: String

    static let current: ProsodyTarget? = {
        let env = ProcessInfo.processInfo.environment
        guard let host = env["XMPP_INTEROP_HOST"], let port = env["XMPP_INTEROP_PORT"].flatMap(Int.init),
            let domain = env["XMPP_INTEROP_DOMAIN"], let certificate = env["XMPP_INTEROP_CA"],
            let done = env["XMPP_INTEROP_DONE"],
            let user1 = env["XMPP_INTEROP_USER1"], let pass1 = env["XMPP_INTEROP_PASS1"],
            let user2 = env["XMPP_INTEROP_USER2"], let pass2 = env["XMPP_INTEROP_PASS2"]
        else { return nil }
        return ProsodyTarget(
            host: host, port: port, domain: domain, certificatePath: certificate,
            users: [User(name: user1, password: pass1), User(name: user2, password: pass2)], doneMarker: done)
    }()

    func signedIn(user: User) async throws -> LiveMessenger {
        var configuration = Messenger.Configuration(signinName: "\(user.name)@\(domain)", password: user.password)
        configuration.host = host
        configuration.port = port
        configuration.tlsTrust = .certificate(.file(certificatePath))
        configuration.timeZone = .gmt
        let messenger = try Messenger(configuration: configuration)
        let live = LiveMessenger(messenger: messenger, events: Collector(await messenger.events()))
        try await messenger.autoSignin()
        try await live.expect("online") { if case .myStatusChange(.S_OK, .online) = $0 { true } else { false } }
        return live
    }

    func markDone() throws {
        try Data("passed\n".utf8).write(to: URL(fileURLWithPath: doneMarker))
    }
}
