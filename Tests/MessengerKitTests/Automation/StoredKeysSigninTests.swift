import Foundation
@testable import MessengerKit
import Testing
import XMPPCore

/// AutoSignin with keys learnt from an earlier password sign-in, never the password.
@Suite struct StoredKeysSigninTests {
    private func configuration(on server: LiveServer, password: String?) -> Messenger.Configuration {
        var configuration = Messenger.Configuration(signinName: "alice@\(LiveServer.domain)", password: password)
        configuration.host = "127.0.0.1"
        configuration.port = server.port
        configuration.tlsTrust = .certificate(.pem(server.certificate.certificateChainPEM))
        configuration.reconnectPolicy = ReconnectPolicy(initialDelay: .milliseconds(50), maxDelay: .milliseconds(200), maxAttempts: 20)
        configuration.signinTimeout = .seconds(60)  // the whole suite shares two cores
        return configuration
    }

    private func signInAndWait(_ configuration: Messenger.Configuration) async throws -> LiveMessenger {
        let messenger = try Messenger(configuration: configuration)
        let live = LiveMessenger(messenger: messenger, events: Collector(await messenger.events()))
        try await messenger.autoSignin()
        return live
    }

    @Test func aPasswordSigninTeachesKeysThatSignInWithoutThePassword() async throws {
        try await withLiveServer { server in
            let (stream, continuation) = AsyncStream.makeStream(of: SCRAMStoredKeys.self)
            let learnt = Collector(stream)
            var first = configuration(on: server, password: "alice-pw")
            first.onKeysLearned = { keys in continuation.yield(keys) }
            let withPassword = try await signInAndWait(first)
            try await withPassword.expect("online") { if case .myStatusChange(.S_OK, .online) = $0 { true } else { false } }
            await withPassword.signout()

            let keys = try #require(await learnt.first { _ in true })
            #expect(await learnt.received.count == 1)
            #expect(keys.mechanism == "SCRAM-SHA-256")
            #expect(keys.iterations == 4096)  // AccountManager's default

            var second = configuration(on: server, password: nil)
            second.storedKeys = keys
            let withKeys = try await signInAndWait(second)
            try await withKeys.expect("online with keys only") {
                if case .myStatusChange(.S_OK, .online) = $0 { true } else { false }
            }
            #expect(try await withKeys.messenger.mySigninName == "alice@\(LiveServer.domain)")
            await withKeys.signout()
        }
    }

    @Test func keysWithAWrongSaltedPasswordAreAnInvalidPassword() async throws {
        try await withLiveServer { server in
            let (stream, continuation) = AsyncStream.makeStream(of: SCRAMStoredKeys.self)
            let learnt = Collector(stream)
            var first = configuration(on: server, password: "alice-pw")
            first.onKeysLearned = { keys in continuation.yield(keys) }
            let withPassword = try await signInAndWait(first)
            try await withPassword.expect("online") { if case .myStatusChange(.S_OK, .online) = $0 { true } else { false } }
            await withPassword.signout()

            var keys = try #require(await learnt.first { _ in true })
            keys.saltedPassword[0] ^= 0xFF
            var second = configuration(on: server, password: nil)
            second.storedKeys = keys
            let withKeys = try await signInAndWait(second)
            try await withKeys.expect("sign-in refused") {
                if case .signin(.MSGR_E_INVALID_PASSWORD) = $0 { true } else { false }
            }
        }
    }
}
