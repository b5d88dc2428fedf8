import Foundation
@testable import MessengerServer
import SIPCore
import Testing

/// Runs `body` with our server (in-memory storage, alice/bob/carol) with
/// SIP on 127.0.0.1, a free port and short timers; always stops it.
func withSIPServer(
    configure: @escaping (inout XMPPServer.Configuration) -> Void = { _ in },
    _ body: (TestServer, Int) async throws -> Void
) async throws {
    try await withServer(configure: { configuration in
        configuration.sipPort = 0
        configuration.sipTimers = sipTestTimers
        configure(&configuration)
    }) { server in
        let port = try #require(server.server.sipPort)
        try await body(server, port)
    }
}

/// Bob's vCard holds `+1 (425) 555-0100` (set over XMPP, so the number index
/// is updated the way a client's change updates it).
func giveBobAWorkNumber(_ server: TestServer) async throws {
    let bob = try await server.signIn("bob")
    let set = try await bob.request(
        "<iq type='set' id='v1'><vCard xmlns='vcard-temp'><FN>Bob</FN><TEL><WORK/><VOICE/><NUMBER>+1 (425) 555-0100</NUMBER></TEL></vCard></iq>",
        id: "v1")
    #expect(set.stanzaType == "result")
    await bob.close()
}
