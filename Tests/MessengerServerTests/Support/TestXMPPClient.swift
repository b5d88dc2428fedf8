import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
@testable import MessengerServer
import XMPPCore

/// A deliberately small XMPP client for driving the server over real
/// sockets in tests: STARTTLS, SCRAM or PLAIN, bind, raw stanzas.
final class TestXMPPClient: Sendable {
    enum Failure: Error, CustomStringConvertible {
        case timeout(String)
        case closed
        case unexpected(String)
        var description: String {
            switch self {
            case .timeout(let what): "timed out waiting for \(what)"
            case .closed: "the server closed the stream"
            case .unexpected(let what): "unexpected: \(what)"
            }
        }
    }

    let channel: any Channel
    let domain: String
    private let events: EventQueue
    private let skipped = NIOLockedValueBox<[XMLElement]>([])
    private let boundJID = NIOLockedValueBox<JID?>(nil)
    var jid: JID? { boundJID.withLockedValue { $0 } }

    private init(channel: any Channel, domain: String, events: EventQueue) {
        self.channel = channel
        self.domain = domain
        self.events = events
    }

    /// A TCP connection with no stream yet.
    static func connect(port: Int, domain: String = TestServer.domain) async throws -> TestXMPPClient {
        let events = EventQueue()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(EventDecoder(events: events))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return TestXMPPClient(channel: channel, domain: domain, events: events)
    }

    /// Connects and negotiates TLS; returns the features offered after it.
    static func connectWithTLS(port: Int) async throws -> (TestXMPPClient, features: XMLElement) {
        let client = try await connect(port: port)
        try await client.openStream()
        _ = try await client.features()
        try await client.startTLS()
        try await client.openStream()
        return (client, try await client.features())
    }

    /// Connects, negotiates TLS and authenticates; returns the features
    /// offered after authentication (bind, XEP-0198 `sm`, …), nothing bound.
    static func authenticated(
        port: Int, user: String, password: String
    ) async throws -> (TestXMPPClient, features: XMLElement) {
        let (client, _) = try await connectWithTLS(port: port)
        try await client.authenticate(user: user, password: password)
        try await client.openStream()
        return (client, try await client.features())
    }

    /// Connects, negotiates TLS, authenticates and binds.
    static func signIn(
        port: Int, user: String, password: String, resource: String? = "test",
        mechanism: String = "SCRAM-SHA-256"
    ) async throws -> TestXMPPClient {
        let (client, _) = try await connectWithTLS(port: port)
        try await client.authenticate(user: user, password: password, mechanism: mechanism)
        try await client.openStream()
        _ = try await client.features()
        try await client.bind(resource: resource)
        return client
    }

    // MARK: Negotiation steps

    func openStream(to: String? = nil) async throws {
        try await send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='\(to ?? domain)' version='1.0'>")
        guard case .streamOpen = try await nextEvent() else { throw Failure.unexpected("no stream header") }
    }

    func features() async throws -> XMLElement {
        try await next { $0.name == "features" }
    }

    func startTLS() async throws {
        try await send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        _ = try await next { $0.name == "proceed" }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let sslContext = try NIOSSLContext(configuration: tls)
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: nil)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    func authenticate(user: String, password: String, mechanism: String = "SCRAM-SHA-256") async throws {
        if mechanism == "PLAIN" {
            let message = Data("\0\(user)\0\(password)".utf8).base64EncodedString()
            try await send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>\(message)</auth>")
        } else {
            var scram = SCRAMClientExchange(hash: mechanism == "SCRAM-SHA-1" ? .sha1 : .sha256, username: user, password: password)
            let first = Data(scram.clientFirst()).base64EncodedString()
            try await send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='\(mechanism)'>\(first)</auth>")
            let challenge = try await next { $0.namespace == XMLNamespace.sasl }
            guard challenge.name == "challenge", let serverFirst = Data(base64Encoded: challenge.text) else {
                throw Failure.unexpected(challenge.serialized())
            }
            let final = try scram.receiveServerFirst([UInt8](serverFirst))
            try await send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\(Data(final).base64EncodedString())</response>")
        }
        let outcome = try await next { $0.namespace == XMLNamespace.sasl }
        guard outcome.name == "success" else { throw Failure.unexpected(outcome.serialized()) }
    }

    func bind(resource: String?) async throws {
        let inner = resource.map { "<resource>\($0)</resource>" } ?? ""
        try await send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>\(inner)</bind></iq>")
        let reply = try await next { $0[attribute: "id"] == "bind1" }
        guard let text = reply.child("bind", namespace: XMLNamespace.bind)?.child("jid", namespace: XMLNamespace.bind)?.text else {
            throw Failure.unexpected(reply.serialized())
        }
        let bound = try JID(text)
        boundJID.withLockedValue { $0 = bound }
    }

    // MARK: Traffic

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(string: text))
    }

    /// Sends an iq and waits for its result or error.
    func request(_ iq: String, id: String) async throws -> XMLElement {
        try await send(iq)
        return try await next { $0.name == "iq" && $0[attribute: "id"] == id && ($0.stanzaType == "result" || $0.stanzaType == "error") }
    }

    /// Waits until the server has processed everything sent so far: it
    /// handles one connection's stanzas in order, so a ping's answer means done.
    func sync() async throws {
        let id = "sync-\(UInt64.random(in: 0...UInt64.max))"
        _ = try await request("<iq type='get' id='\(id)'><ping xmlns='urn:xmpp:ping'/></iq>", id: id)
    }

    func nextEvent(timeout: Duration = .seconds(20)) async throws -> XMLStreamEvent {
        try await events.next(timeout: timeout)
    }

    /// The next stanza that matches. Others are kept, in order, for later
    /// calls: the server may send a push before the result a test waits for.
    func next(timeout: Duration = .seconds(20), where predicate: (XMLElement) -> Bool) async throws -> XMLElement {
        if let kept = skipped.withLockedValue({ kept -> XMLElement? in
            guard let index = kept.firstIndex(where: predicate) else { return nil }
            return kept.remove(at: index)
        }) {
            return kept
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw Failure.timeout("a matching stanza") }
            switch try await events.next(timeout: remaining) {
            case .stanza(let element) where predicate(element): return element
            case .stanza(let element): skipped.withLockedValue { $0.append(element) }
            case .streamClose: throw Failure.closed
            default: continue
            }
        }
    }

    /// Asserts silence: nil when nothing matching arrives within `timeout`.
    func nothing(within timeout: Duration, where predicate: (XMLElement) -> Bool) async throws -> XMLElement? {
        do { return try await next(timeout: timeout, where: predicate) } catch Failure.timeout { return nil }
    }

    /// Waits for the server to end the stream; returns the stream error condition, if one was sent.
    func streamEnd(timeout: Duration = .seconds(20)) async throws -> String? {
        var condition: String?
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw Failure.timeout("the end of the stream") }
            do {
                switch try await events.next(timeout: remaining) {
                case .stanza(let element) where element.name == "error" && element.namespace == XMLNamespace.streams:
                    condition = element.elements.first { $0.namespace == XMLNamespace.streamErrors }?.name
                case .streamClose: return condition
                default: continue
                }
            } catch Failure.closed {
                return condition
            }
        }
    }

    /// Closes the TCP connection without `</stream:stream>`: a dropped link.
    func drop() async {
        try? await channel.close()
    }

    func close() async {
        try? await send("</stream:stream>")
        try? await channel.close()
    }
}

/// Parses inbound bytes into stream events; restarts the parser where the
/// stream restarts (after `<proceed/>` and SASL `<success/>`).
private final class EventDecoder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private var parser = XMLStreamParser()
    private var buffer = ByteBuffer()
    private let events: EventQueue

    init(events: EventQueue) { self.events = events }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        do {
            while let event = try parser.next(from: &buffer) {
                events.push(.success(event))
                if case .stanza(let element) = event, element.name == "proceed" || element.name == "success" {
                    parser.reset()
                }
            }
        } catch {
            events.push(.failure(error))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        events.push(.failure(TestXMPPClient.Failure.closed))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// A thread-safe FIFO of stream events with timed waits.
final class EventQueue: Sendable {
    private let state = NIOLockedValueBox(State())
    private struct State {
        var items: [Result<XMLStreamEvent, any Error>] = []
    }

    func push(_ item: Result<XMLStreamEvent, any Error>) {
        state.withLockedValue { $0.items.append(item) }
    }

    func next(timeout: Duration) async throws -> XMLStreamEvent {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let item = state.withLockedValue({ $0.items.isEmpty ? nil : $0.items.removeFirst() }) {
                return try item.get()
            }
            guard ContinuousClock.now < deadline else { throw TestXMPPClient.Failure.timeout("an event") }
            // Poll briefly: simple and bounded, fine for tests.
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
