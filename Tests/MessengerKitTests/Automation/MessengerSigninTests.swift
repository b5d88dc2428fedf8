@testable import MessengerKit
import Testing

/// Signing in and out against our server, with the events §3.1.2/§3.1.15 describe.
@Suite struct MessengerSigninTests {
    @Test func signinRaisesTheDocumentedSequence() async throws {
        try await withLiveServer { server in
            let alice = try await LiveMessenger.make("alice", on: server)
            #expect(await alice.messenger.myStatus == .offline)
            try await alice.messenger.autoSignin()
            try await alice.expect("online") { if case .myStatusChange(.S_OK, .online) = $0 { true } else { false } }
            let names = await alice.events.received.map { event -> String in
                switch event {
                case .myStatusChange(_, let status): "\(event.name)(\(status.name))"
                case .signin(let hr): "\(event.name)(\(hr.name ?? ""))"
                default: event.name
                }
            }
            #expect(names == [
                "OnMyStatusChange(MISTATUS_LOCAL_CONNECTING_TO_SERVER)", "OnSignin(S_OK)",
                "OnMyStatusChange(MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER)", "OnMyStatusChange(MISTATUS_ONLINE)",
            ])
            #expect(try await alice.messenger.mySigninName == "alice@example.test")
            // A second sign-in is refused while signed in.
            await #expect(throws: MessengerError(.MSGR_E_ALREADY_LOGGED_ON, "already signed in")) {
                try await alice.messenger.autoSignin()
            }

            let window = try await alice.messenger.instantMessage("bob@example.test")
            try await alice.messenger.signout()
            try await alice.expect("offline") { if case .myStatusChange(.S_OK, .offline) = $0 { true } else { false } }
            #expect(await window.isClosed)
            #expect(await alice.messenger.myStatus == .offline)
            #expect(await alice.messenger.myContacts.count == 0)
            await #expect(throws: MessengerError.self) { try await alice.messenger.mySigninName }
            await #expect(throws: MessengerError(.MSGR_E_NOT_LOGGED_ON, "not signed in")) { try await alice.messenger.signout() }
        }
    }

    @Test func aWrongPasswordIsReportedInOnSignin() async throws {
        try await withLiveServer { server in
            let alice = try await LiveMessenger.make("alice", on: server, password: "wrong")
            try await alice.messenger.autoSignin()  // the call only starts the attempt
            try await alice.expect("OnSignin failure") { if case .signin(.MSGR_E_INVALID_PASSWORD) = $0 { true } else { false } }
            try await alice.expect("offline") {
                if case .myStatusChange(.MSGR_E_INVALID_PASSWORD, .offline) = $0 { true } else { false }
            }
            #expect(await alice.messenger.myStatus == .offline)
        }
    }

    @Test func autoSigninWithoutAStoredPasswordIsEFail() async throws {
        let messenger = try Messenger(configuration: .init(signinName: "alice@example.test", password: nil))
        #expect(await failure { try await messenger.autoSignin() } == .E_FAIL)
    }

    @Test func nothingListeningIsMsgrEConnect() async throws {
        var configuration = Messenger.Configuration(signinName: "alice@example.test", password: "pw")
        configuration.host = "127.0.0.1"
        configuration.port = 1  // nothing listens there
        let messenger = try Messenger(configuration: configuration)
        let events = Collector(await messenger.events())
        try await messenger.autoSignin()
        // Generous: under a loaded test run the refusal can take seconds to surface.
        let outcome = await events.first(within: .seconds(30)) { if case .signin = $0 { true } else { false } }
        guard case .signin(let hr)? = outcome else {
            Issue.record("no OnSignin; saw \(await events.received.map(\.name))")
            return
        }
        #expect(hr == .MSGR_E_CONNECT)
    }
}
