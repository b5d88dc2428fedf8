import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import XMPPCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One XMPP client stream (RFC 6120) to one account: TCP, mandatory STARTTLS,
/// SASL (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN inside TLS), resource binding, then
/// stanzas in both directions.
///
/// A connection is used once: `connect()`, traffic, `disconnect()` (or a drop,
/// reported on `stateUpdates`). Reconnecting means a new `XMPPClientConnection`;
/// `ReconnectPolicy` says when.
///
/// ```swift
/// let connection = XMPPClientConnection(configuration: .init(jid: try JID("alice@example.org"), password: pw))
/// try await connection.connect()
/// let roster = try await connection.request(rosterGet)
/// for await stanza in connection.stanzas { … }
/// ```
public final class XMPPClientConnection: Sendable {
    public enum State: Sendable, Hashable {
        case idle
        case connecting
        case connected(JID)
        /// Closed for `reason`; nil when `disconnect()` asked for it.
        case disconnected(reason: XMPPClientError?)
    }

    public let configuration: Configuration

    /// Every inbound stanza that is not a reply to one of our requests and not
    /// answered automatically (pings, refused iq requests), in arrival order.
    /// One reader. Holds at most `configuration.maxQueuedStanzas` unread
    /// stanzas: beyond that the connection closes with `.inboundQueueFull`.
    /// Finishes when the connection ends.
    public let stanzas: AsyncStream<XMLElement>

    /// State changes after `connect()` began: `.connected`, then one
    /// `.disconnected` — with the reason when the connection dropped or
    /// `connect()` failed, nil after `disconnect()` — then the stream finishes. One reader.
    public let stateUpdates: AsyncStream<State>

    private let logger: Logger
    private let outlets: XMPPClientChannelHandler.Outlets
    private let stateBox: StateBox
    private let handlerBox = NIOLockedValueBox<NIOLoopBound<XMPPClientChannelHandler>?>(nil)

    public init(configuration: Configuration, logger: Logger = Logger(label: "messengerkit.xmpp")) {
        self.configuration = configuration
        self.logger = logger
        let (stanzas, stanzaContinuation) = AsyncStream.makeStream(
            of: XMLElement.self, bufferingPolicy: .bufferingOldest(max(configuration.maxQueuedStanzas, 1)))
        let (states, stateContinuation) = AsyncStream.makeStream(of: State.self, bufferingPolicy: .bufferingNewest(8))
        self.stanzas = stanzas
        self.stateUpdates = states
        self.stateBox = StateBox(.idle)
        self.outlets = XMPPClientChannelHandler.Outlets(
            stanzas: stanzaContinuation, states: stateContinuation, state: stateBox,
            learnedKeys: NIOLockedValueBox(nil), streamManagement: NIOLockedValueBox(.init()))
    }

    deinit {
        // A forgotten connection must not keep its socket open.
        if let handler = handlerBox.withLockedValue({ $0 }) {
            let eventLoop = handler.eventLoop
            eventLoop.execute { handler.value.disconnect(promise: eventLoop.makePromise()) }
        }
    }

    public var state: State { stateBox.value }

    /// After a password sign-in with SCRAM in which the server proved itself:
    /// the keys that can sign in next time without the password (set
    /// `Configuration.storedKeys`). Nil after PLAIN or a stored-keys sign-in.
    public var learnedKeys: SCRAMStoredKeys? {
        outlets.learnedKeys.withLockedValue { $0 }
    }

    /// Whether the server enabled XEP-0198 stream management on this stream
    /// (acks, and resumption when `resumption?.id` is set after a drop).
    public var isStreamManagementEnabled: Bool {
        outlets.streamManagement.withLockedValue { $0.enabled }
    }

    /// True when `connect()` resumed `Configuration.resume`: same full JID,
    /// same server session, nothing missed in either direction; the stanzas the
    /// old stream had not got acknowledged were sent again.
    public var isResumed: Bool {
        outlets.streamManagement.withLockedValue { $0.resumed }
    }

    /// When `Configuration.resume` was set but the stream could not be
    /// resumed (the server refused, or no longer offers stream management):
    /// the old stream's stanzas the server never acknowledged, in order. This
    /// connection bound a new session instead; sending them again (or not)
    /// is up to the layer above.
    public var unackedAfterFailedResume: [XMLElement] {
        outlets.streamManagement.withLockedValue { $0.handedBack }
    }

    /// Once the connection has ended, when stream management was on: what is
    /// needed to resume it (`Configuration.resume`) and what the server had
    /// not acknowledged. Its `id` is nil after `disconnect()` or when the
    /// server did not allow resumption. Nil while connected.
    public var resumption: StreamResumption? {
        outlets.streamManagement.withLockedValue { $0.resumption }
    }

    /// The full JID the server bound this stream to, once connected.
    public var boundJID: JID? {
        if case .connected(let jid) = state { jid } else { nil }
    }

    // MARK: Connecting

    /// Connects, secures, authenticates and binds a resource. Returns once the
    /// stream is ready for stanzas; throws `XMPPClientError` otherwise.
    /// May be called once per connection object.
    public func connect() async throws {
        let mayStart = stateBox.update { state in
            guard case .idle = state else { return false }
            state = .connecting
            return true
        }
        guard mayStart else {
            throw XMPPClientError(.invalidConfiguration, "connect() may be called once per XMPPClientConnection")
        }
        do throws(XMPPClientError) {
            try await establish()
        } catch {
            stateBox.value = .disconnected(reason: error)
            // No-ops when the channel handler has already reported and finished.
            outlets.states.yield(.disconnected(reason: error))
            outlets.states.finish()
            outlets.stanzas.finish()
            throw error
        }
    }

    private func establish() async throws(XMPPClientError) {
        let configuration = self.configuration
        guard configuration.jid.localpart != nil else {
            throw XMPPClientError(.invalidConfiguration, "the JID must name an account (user@domain)")
        }
        guard !configuration.mechanisms.isEmpty else {
            throw XMPPClientError(.invalidConfiguration, "no SASL mechanism allowed")
        }
        let sslContext = try configuration.makeSSLContext()
        let outlets = self.outlets
        let logger = self.logger
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = XMPPClientChannelHandler(
                            configuration: configuration, sslContext: sslContext, outlets: outlets, logger: logger)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .connect(host: configuration.connectHost, port: configuration.port)
                .get()
        } catch {
            throw Self.connectFailure(error, configuration: configuration)
        }
        let bound: JID
        do {
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(
                    try channel.pipeline.syncOperations.handler(type: XMPPClientChannelHandler.self),
                    eventLoop: channel.eventLoop)
            }.get()
            handlerBox.withLockedValue { $0 = handler }
            bound = try await channel.eventLoop.flatSubmit {
                let promise = channel.eventLoop.makePromise(of: JID.self)
                handler.value.start(promise: promise)
                return promise.futureResult
            }.get()
        } catch let error as XMPPClientError {
            channel.close(promise: nil)
            throw error
        } catch {
            channel.close(promise: nil)
            throw XMPPClientError(.closed, "\(error)")
        }
        logger.info("xmpp connected", metadata: ["xmpp.jid": "\(bound)"])
    }

    /// Sorts a failed TCP connect into refused and unreachable.
    private static func connectFailure(_ error: any Error, configuration: Configuration) -> XMPPClientError {
        let target = "\(configuration.connectHost):\(configuration.port)"
        if let failure = error as? NIOConnectionError {
            let refused = failure.connectionErrors.contains { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }
            if refused { return XMPPClientError(.connectionRefused, "\(target) refused the connection") }
            return XMPPClientError(.unreachable, "\(target): \(failure)")
        }
        if let ioError = error as? IOError, ioError.errnoCode == ECONNREFUSED {
            return XMPPClientError(.connectionRefused, "\(target) refused the connection")
        }
        return XMPPClientError(.unreachable, "\(target): \(error)")
    }

    // MARK: Traffic

    /// Sends one stanza (message, presence, iq, or any top-level element). An
    /// element without a namespace is sent in `jabber:client`.
    public func send(_ stanza: XMLElement) async throws {
        let handler = try boundHandler()
        try await handler.eventLoop.flatSubmit {
            let promise = handler.eventLoop.makePromise(of: Void.self)
            handler.value.send(stanza, promise: promise)
            return promise.futureResult
        }.get()
    }

    /// Sends an iq get/set and waits for its answer: the `result` iq, or the
    /// `StanzaError` of an `error` reply is thrown. An id is assigned when the
    /// iq has none. Only a reply from the addressee counts (see RFC 6120 §8.1.2.1).
    public func request(_ iq: XMLElement, timeout: Duration = .seconds(30)) async throws -> XMLElement {
        let handler = try boundHandler()
        var iq = iq
        let id = iq[attribute: "id"] ?? Self.newRequestID()
        iq[attribute: "id"] = id
        let outgoing = iq
        return try await withTaskCancellationHandler {
            try await handler.eventLoop.flatSubmit {
                let promise = handler.eventLoop.makePromise(of: XMLElement.self)
                handler.value.request(outgoing, timeout: TimeAmount(timeout), promise: promise)
                return promise.futureResult
            }.get()
        } onCancel: {
            handler.eventLoop.execute { handler.value.cancelRequest(id: id) }
        }
    }

    /// Queues a stanza without waiting. Stanzas queued with `enqueue` and
    /// `enqueueRequest` leave in the order these calls were made, which an
    /// engine driving several operations at once relies on.
    /// An iq without an id gets one (RFC 6120 §8.1.3 requires it).
    public func enqueue(_ stanza: XMLElement) throws(XMPPClientError) {
        let handler = try boundHandler()
        var stanza = stanza
        if stanza.name == "iq", stanza[attribute: "id"] == nil {
            stanza[attribute: "id"] = Self.newRequestID()
        }
        let outgoing = stanza
        handler.eventLoop.execute {
            handler.value.send(outgoing, promise: nil)
        }
    }

    /// Queues an iq get/set without waiting; `completion` gets its answer (or
    /// the `StanzaError`/`XMPPClientError`), on an event-loop thread.
    public func enqueueRequest(
        _ iq: XMLElement, timeout: Duration = .seconds(30),
        completion: @escaping @Sendable (Result<XMLElement, any Error>) -> Void
    ) throws(XMPPClientError) {
        let handler = try boundHandler()
        var iq = iq
        if iq[attribute: "id"] == nil {
            iq[attribute: "id"] = Self.newRequestID()
        }
        let outgoing = iq
        handler.eventLoop.execute {
            let promise = handler.eventLoop.makePromise(of: XMLElement.self)
            promise.futureResult.whenComplete(completion)
            handler.value.request(outgoing, timeout: TimeAmount(timeout), promise: promise)
        }
    }

    /// Ends the stream (`</stream:stream>`) and closes the connection. Pending
    /// requests fail with `.closed`. Safe to call at any time, more than once.
    public func disconnect() async {
        guard let handler = handlerBox.withLockedValue({ $0 }) else {
            stateBox.update { state in
                if case .disconnected = state { return }
                state = .disconnected(reason: nil)
            }
            return
        }
        try? await handler.eventLoop.flatSubmit {
            let promise = handler.eventLoop.makePromise(of: Void.self)
            handler.value.disconnect(promise: promise)
            return promise.futureResult
        }.get()
    }

    /// For tests: cuts the TCP connection the way a failing network does —
    /// no `</stream:stream>`, no TLS goodbye — so the server keeps the session
    /// for resumption. The connection ends with `.closed`, as on a real drop.
    func simulateNetworkDrop() async {
        guard let handler = handlerBox.withLockedValue({ $0 }) else { return }
        try? await handler.eventLoop.submit {
            handler.value.dropAbruptly(XMPPClientError(.closed, "the connection was lost"))
        }.get()
    }

    static func newRequestID() -> String {
        "mk-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    private func boundHandler() throws(XMPPClientError) -> NIOLoopBound<XMPPClientChannelHandler> {
        guard case .connected = state, let handler = handlerBox.withLockedValue({ $0 }) else {
            throw XMPPClientError(.notConnected)
        }
        return handler
    }
}

/// The connection state, written on the event loop and read anywhere.
final class StateBox: Sendable {
    private let box: NIOLockedValueBox<XMPPClientConnection.State>

    init(_ state: XMPPClientConnection.State) {
        box = NIOLockedValueBox(state)
    }

    var value: XMPPClientConnection.State {
        get { box.withLockedValue { $0 } }
        set { box.withLockedValue { $0 = newValue } }
    }

    func update<Result>(_ body: (inout XMPPClientConnection.State) -> Result) -> Result {
        box.withLockedValue(body)
    }
}
