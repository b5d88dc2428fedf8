import Logging
import MessengerKit
import XMPPCore

/// echo@demo.test: answers every chat message with a reply quoting it.
struct EchoBot: DemoBot {
    let username = "echo"
    let displayName = "Echo Bot"

    func run(on connection: XMPPClientConnection, logger: Logger) async {
        for await stanza in connection.stanzas {
            guard let (from, body) = stanza.demoMessage(type: "chat") else { continue }
            try? await connection.send(.demoChat(to: from, body: "You said: \u{201C}\(body)\u{201D}"))
        }
    }
}
