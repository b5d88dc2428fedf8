import Foundation
import NIOConcurrencyHelpers
@testable import MessengerServer
import XMPPCore

/// The two ends of one conversation in the crash-durability harness. Their
/// state outlives connections (and server restarts); each `runSession`
/// drives one connection until the server goes away or the work is done.
enum DurabilityClients {
    static let sm = "urn:xmpp:sm:3"

    static func messageID(pair: Int, sequence: Int) -> String { "p\(pair)-\(sequence)" }

    /// Signs in with a fresh session and enables XEP-0198 (acks only, no resumption).
    static func connect(port: Int, user: String, resource: String) async throws -> TestXMPPClient {
        let client = try await TestXMPPClient.signIn(port: port, user: user, password: password(user), resource: resource)
        try await client.send("<enable xmlns='\(sm)'/>")
        let answer = try await client.next { $0.namespace == sm && ($0.name == "enabled" || $0.name == "failed") }
        guard answer.name == "enabled" else { throw TestXMPPClient.Failure.unexpected(answer.serialized()) }
        return client
    }

    static func password(_ user: String) -> String { "pw-\(user)" }
}

/// Sends messages 1…total with sequence numbers in the body and ids
/// `p<pair>-<n>`; asks for acks and, on a new connection, resends everything
/// the server had not acknowledged, with the same ids.
final class DurabilitySender: Sendable {
    struct State {
        /// The highest sequence number ever sent.
        var highestSent = 0
        /// Every message up to this one was acknowledged by the server (`<a h/>`).
        var ackedUpTo = 0
        /// Messages written to a connection, resends included.
        var transmissions = 0
        /// Error replies the server sent back (each one is a message not delivered).
        var bounced = 0
    }

    let pair: Int
    let user: String
    let recipient: String
    let total: Int
    let batch: Int
    private let state = NIOLockedValueBox(State())

    init(pair: Int, user: String, recipient: String, total: Int, batch: Int = 10) {
        self.pair = pair
        self.user = user
        self.recipient = recipient
        self.total = total
        self.batch = batch
    }

    var snapshot: State { state.withLockedValue { $0 } }
    var isDone: Bool { snapshot.ackedUpTo >= total }

    /// Until every message is acknowledged or the connection fails.
    func runSession(_ client: TestXMPPClient) async throws {
        // A fresh session: its `h` counts from the first unacknowledged message.
        let sessionStart = snapshot.ackedUpTo + 1
        var sentInSession = 0
        while !isDone {
            let first = sessionStart + sentInSession
            let last = min(total, first + batch - 1)
            if first <= last {
                var text = ""
                for sequence in first...last {
                    let id = DurabilityClients.messageID(pair: pair, sequence: sequence)
                    text += "<message to='\(recipient)' type='chat' id='\(id)'><body>\(sequence)</body></message>"
                }
                try await client.send(text)
                sentInSession += last - first + 1
                state.withLockedValue {
                    $0.highestSent = max($0.highestSent, last)
                    $0.transmissions += last - first + 1
                }
            }
            try await client.send("<r xmlns='\(DurabilityClients.sm)'/>")
            while true {
                let reply = try await client.next(timeout: .seconds(30)) {
                    ($0.name == "a" && $0.namespace == DurabilityClients.sm) || ($0.isMessage && $0.stanzaType == "error")
                }
                if reply.isMessage {
                    state.withLockedValue { $0.bounced += 1 }
                    continue
                }
                guard let h = reply[attribute: "h"].flatMap(Int.init) else {
                    throw TestXMPPClient.Failure.unexpected(reply.serialized())
                }
                state.withLockedValue { $0.ackedUpTo = max($0.ackedUpTo, sessionStart + h - 1) }
                break
            }
        }
    }
}

/// Receives with XEP-0198: counts every stanza, answers the server's `<r/>`,
/// de-duplicates by stanza id and records the order of first arrivals.
final class DurabilityRecipient: Sendable {
    struct State {
        /// Sequence numbers per pair, in order of first arrival.
        var delivered: [Int: [Int]] = [:]
        var seenIDs: Set<String> = []
        var rawDuplicates = 0
        /// Messages that do not belong to the flow (wrong sender or id).
        var strangers: [String] = []
        var available = false
    }

    let user: String
    /// Which sender (bare JID) owns which pair.
    let senders: [String: Int]
    private let state = NIOLockedValueBox(State())

    init(user: String, senders: [String: Int]) {
        self.user = user
        self.senders = senders
    }

    var snapshot: State { state.withLockedValue { $0 } }

    func deliveredCount(pair: Int) -> Int { snapshot.delivered[pair]?.count ?? 0 }

    /// Sends initial presence (offline messages follow it), then receives
    /// until the connection ends. `available` turns true once the server has
    /// handled the presence completely (offline flush included).
    func runSession(_ client: TestXMPPClient) async throws {
        state.withLockedValue { $0.available = false }
        defer { state.withLockedValue { $0.available = false } }
        try await client.send("<presence/><iq type='get' id='ready'><ping xmlns='urn:xmpp:ping'/></iq>")
        var handled: UInt32 = 0
        while true {
            let event: XMLStreamEvent
            do {
                event = try await client.nextEvent(timeout: .seconds(3600))
            } catch TestXMPPClient.Failure.closed {
                return
            }
            guard case .stanza(let element) = event else {
                if case .streamClose = event { return }
                continue
            }
            if element.namespace == DurabilityClients.sm {
                if element.name == "r" { try await client.send("<a xmlns='\(DurabilityClients.sm)' h='\(handled)'/>") }
                continue
            }
            handled &+= 1
            if element.isIQ, element[attribute: "id"] == "ready" {
                state.withLockedValue { $0.available = true }
            } else if element.isMessage {
                receive(element)
            }
        }
    }

    var isAvailable: Bool { snapshot.available }

    private func receive(_ message: XMLElement) {
        let from = (message[attribute: "from"].flatMap { try? JID($0) })?.bare.description ?? ""
        let id = message[attribute: "id"] ?? ""
        let body = message.child("body", namespace: XMLNamespace.client)?.text ?? ""
        state.withLockedValue { state in
            guard let pair = senders[from], let sequence = Int(body),
                id == DurabilityClients.messageID(pair: pair, sequence: sequence), message.stanzaType == "chat"
            else {
                state.strangers.append(message.serialized())
                return
            }
            guard state.seenIDs.insert(id).inserted else {
                state.rawDuplicates += 1
                return
            }
            state.delivered[pair, default: []].append(sequence)
        }
    }
}
