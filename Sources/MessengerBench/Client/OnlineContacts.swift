import Logging
import MessengerKit
import XMPPCore

/// The contacts that are signed in while the measured client signs in: one
/// `XMPPClientConnection` each, available, reading everything sent to them
/// (bench texts go to the `DeliveryRecorder`).
final class OnlineContacts: Sendable {
    private let connections: [XMPPClientConnection]
    private let readers: [Task<Void, Never>]

    private init(connections: [XMPPClientConnection], readers: [Task<Void, Never>]) {
        self.connections = connections
        self.readers = readers
    }

    var count: Int { connections.count }

    /// Signs in `contact0…contact<count-1>`, at most 16 at a time. The first
    /// uses the password; the rest reuse the keys it learned (all contacts
    /// share one set of SCRAM keys), so the bench spends no PBKDF2 on them.
    static func signIn(
        count: Int, server: ClientBenchServer, recorder: DeliveryRecorder, logger: Logger
    ) async throws -> OnlineContacts {
        var connections: [XMPPClientConnection] = []
        var readers: [Task<Void, Never>] = []
        func add(_ connection: XMPPClientConnection) {
            connections.append(connection)
            readers.append(Task {
                for await stanza in connection.stanzas where stanza.name == "message" {
                    if let body = stanza.child("body")?.text {
                        recorder.received(body: body, now: MonotonicClock.nanoseconds())
                    }
                }
            })
        }
        do {
            guard count > 0 else { return OnlineContacts(connections: [], readers: []) }
            let first = XMPPClientConnection(
                configuration: try server.connectionConfiguration(ClientBenchServer.contactName(0), storedKeys: nil), logger: logger)
            add(first)
            try await first.connect()
            try await first.send(XMLElement(name: "presence", namespace: XMLNamespace.client))
            let keys = first.learnedKeys
            var next = 1
            while next < count {
                let batch = next..<min(next + 16, count)
                let batchConnections = try batch.map { index in
                    XMPPClientConnection(
                        configuration: try server.connectionConfiguration(ClientBenchServer.contactName(index), storedKeys: keys),
                        logger: logger)
                }
                batchConnections.forEach(add)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for connection in batchConnections {
                        group.addTask {
                            try await connection.connect()
                            try await connection.send(XMLElement(name: "presence", namespace: XMLNamespace.client))
                        }
                    }
                    try await group.waitForAll()
                }
                next = batch.upperBound
            }
        } catch {
            await OnlineContacts(connections: connections, readers: readers).disconnect()
            throw error
        }
        return OnlineContacts(connections: connections, readers: readers)
    }

    func disconnect() async {
        for connection in connections { await connection.disconnect() }
        for reader in readers { reader.cancel() }
    }
}
