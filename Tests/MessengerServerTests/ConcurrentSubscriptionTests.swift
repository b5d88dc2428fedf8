import Testing
import XMPPCore

@testable import MessengerServer

/// Many subscription handshakes at once, crossing each other: every roster
/// change is a read, a state-machine step and a write, and the writes now
/// wait for a shared commit, so two changes to one user's roster must not
/// start from the same item.
@Suite("Concurrent subscription handshakes")
struct ConcurrentSubscriptionTests {
    @Test func crossingRequestsBetweenEveryPairAllEndMutual() async throws {
        let names = (0..<8).map { "user\($0)" }
        try await withServer(users: Dictionary(uniqueKeysWithValues: names.map { ($0, "\($0)-pw") })) { server in
            var clients: [TestXMPPClient] = []
            for name in names { clients.append(try await server.online(name)) }

            try await withThrowingTaskGroup(of: Void.self) { group in
                for (name, client) in zip(names, clients) {
                    group.addTask {
                        // Everyone asks everyone at once, then approves every request that arrives.
                        for other in names where other != name {
                            try await client.send("<presence to='\(address(other))' type='subscribe'/>")
                        }
                        var approved: Set<String> = []
                        while approved.count < names.count - 1 {
                            let request = try await client.next(timeout: .seconds(30)) {
                                $0.name == "presence" && $0.stanzaType == "subscribe"
                            }
                            let from = request[attribute: "from"] ?? ""
                            try await client.send("<presence to='\(from)' type='subscribed'/>")
                            approved.insert(from)
                        }
                        // The server handles a connection's stanzas in order: after this, its approvals are written.
                        try await client.sync()
                    }
                }
                try await group.waitForAll()
            }

            for name in names {
                let items = await server.storage.rosterItems(of: name)
                let expected = try names.filter { $0 != name }.map {
                    RosterItem(jid: try JID(address($0)), subscription: .both)
                }
                #expect(items == expected, "\(name)")
                #expect(await server.storage.rosterVersion(of: name) == 4 * 7)
            }
            for client in clients { await client.close() }
        }
    }
}
