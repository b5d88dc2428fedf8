import Foundation
@testable import MessengerKit
import Testing
import XMPPCore

/// A `Messenger` signed in to the in-process server, with its events collected.
struct LiveMessenger {
    let messenger: Messenger
    let events: Collector<MessengerEvent>

    static func make(
        _ user: String, on server: LiveServer, password: String? = nil,
        configure: (inout Messenger.Configuration) -> Void = { _ in }
    ) async throws -> LiveMessenger {
        var configuration = Messenger.Configuration(
            signinName: "\(user)@\(LiveServer.domain)", password: password ?? "\(user)-pw")
        configuration.host = "127.0.0.1"
        configuration.port = server.port
        configuration.tlsTrust = .certificate(.pem(server.certificate.certificateChainPEM))
        configuration.timeZone = .gmt
        // The whole suite runs at once on two cores: sign-ins may queue for
        // many seconds, which is not the 15 s logon timeout under test here.
        configuration.signinTimeout = .seconds(60)
        configuration.reconnectPolicy = ReconnectPolicy(initialDelay: .milliseconds(50), maxDelay: .milliseconds(200), maxAttempts: 20)
        configure(&configuration)
        let messenger = try Messenger(configuration: configuration)
        return LiveMessenger(messenger: messenger, events: Collector(await messenger.events()))
    }

    /// Signs in and waits for `OnMyStatusChange(MISTATUS_ONLINE)`, the readiness signal.
    static func signedIn(
        _ user: String, on server: LiveServer, configure: (inout Messenger.Configuration) -> Void = { _ in }
    ) async throws -> LiveMessenger {
        let live = try await make(user, on: server, configure: configure)
        try await live.messenger.autoSignin()
        try await live.expect("online") { if case .myStatusChange(.S_OK, .online) = $0 { true } else { false } }
        return live
    }

    /// Waits for an event; records a test issue when it does not come.
    @discardableResult
    func expect(
        _ what: String, within timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation,
        _ predicate: @escaping @Sendable (MessengerEvent) -> Bool
    ) async throws -> MessengerEvent {
        guard let event = await events.first(within: timeout, where: predicate) else {
            let seen = await events.received.map(\.name)
            Issue.record("no event: \(what); saw \(seen)", sourceLocation: sourceLocation)
            throw MessengerError(.E_FAIL, "missing event \(what)")
        }
        return event
    }

    /// Polls a condition that the client reaches asynchronously.
    func eventually(_ what: String, within timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting until \(what)")
        throw MessengerError(.E_FAIL, "timed out: \(what)")
    }

    func signout() async {
        try? await messenger.signout()
    }
}

extension MessengerEvent {
    /// The contact an event is about, if any.
    var contact: MessengerContact? {
        switch self {
        case .contactListAdd(_, let contact), .contactListRemove(_, let contact),
            .contactStatusChange(let contact, _), .contactBlockChange(_, let contact, _),
            .contactFriendlyNameChange(_, let contact, _), .contactPhoneChange(_, let contact, _, _),
            .contactAddedToGroup(_, _, let contact), .contactRemovedFromGroup(_, _, let contact):
            contact
        default:
            nil
        }
    }
}
