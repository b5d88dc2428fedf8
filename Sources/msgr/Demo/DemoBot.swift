import Logging
import MessengerKit
import XMPPCore

/// A demo contact: an account on the demo server and what it does once connected.
protocol DemoBot: Sendable {
    /// The account's localpart (`echo` for echo@demo.test).
    var username: String { get }
    /// The name the local user's contact list shows.
    var displayName: String { get }
    /// Runs until the connection ends or the task is cancelled. The bot must
    /// read `connection.stanzas` (unread stanzas would fill its queue).
    func run(on connection: XMPPClientConnection, logger: Logger) async
}

/// Where the demo bots connect, and with which certificate.
struct DemoServerAddress: Sendable {
    var domain: String
    var port: Int
    var certificatePEM: String

    func connectionConfiguration(username: String, password: String) throws -> XMPPClientConnection.Configuration {
        var configuration = XMPPClientConnection.Configuration(
            jid: try JID(localpart: username, domainpart: domain, resourcepart: "bot"), password: password)
        configuration.host = "127.0.0.1"
        configuration.port = port
        configuration.tlsTrust = .certificate(.pem(certificatePEM))
        // Bots answer no iq requests themselves; the connection refuses them politely.
        configuration.iqRequests = .deliver(namespaces: [])
        return configuration
    }
}

/// A connected bot and the task that runs it.
struct RunningDemoBot: Sendable {
    let connection: XMPPClientConnection
    let task: Task<Void, Never>

    /// Connects the bot, announces it online, and starts its behaviour.
    static func start(
        _ bot: any DemoBot, password: String, server: DemoServerAddress, logger: Logger
    ) async throws -> RunningDemoBot {
        let connection = XMPPClientConnection(
            configuration: try server.connectionConfiguration(username: bot.username, password: password), logger: logger)
        try await connection.connect()
        try await connection.send(XMLElement(name: "presence", namespace: XMLNamespace.client))
        let task = Task { await bot.run(on: connection, logger: logger) }
        return RunningDemoBot(connection: connection, task: task)
    }

    /// Goes offline and closes the stream.
    func stop() async {
        task.cancel()
        try? await connection.send(
            XMLElement(name: "presence", namespace: XMLNamespace.client, attributes: ["type": "unavailable"]))
        await connection.disconnect()
    }
}

extension XMLElement {
    /// A `chat` message with a body.
    static func demoChat(to: String, body: String) -> XMLElement {
        XMLElement(
            name: "message", namespace: XMLNamespace.client, attributes: ["type": "chat", "to": to],
            children: [.element(XMLElement(name: "body", namespace: XMLNamespace.client, text: body))])
    }

    /// The sender and body of an inbound message of `type`, else nil.
    func demoMessage(type: String) -> (from: String, body: String)? {
        guard name == "message", (self[attribute: "type"] ?? "normal") == type,
            let from = self[attribute: "from"], let body = child("body", namespace: XMLNamespace.client)?.text
        else { return nil }
        return (from, body)
    }
}
