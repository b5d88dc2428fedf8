import NIOCore
import XMPPCore

/// XEP-0198 on a client stream: `<enable/>`, `<r/>`, `<a/>` and `<resume/>`.
/// The counting itself lives with the session (`ClientSession.link`); this
/// reads the client's elements and writes the answers.
struct StreamManagementModule: Sendable {
    let context: ServerContext

    static func isStreamManagement(_ element: XMLElement) -> Bool {
        element.namespace == XMLNamespace.streamManagement
    }

    static func element(_ name: String, attributes: [String: String] = [:]) -> XMLElement {
        XMLElement(name: name, namespace: XMLNamespace.streamManagement, attributes: attributes)
    }

    static func failed(_ condition: StanzaError.Condition) -> XMLElement {
        XMLElement(
            name: "failed", namespace: XMLNamespace.streamManagement,
            children: [.element(XMLElement(name: condition.rawValue, namespace: XMLNamespace.stanzaErrors))])
    }

    /// An element on a stream with a bound (or resumed) session.
    func handle(_ element: XMLElement, session: ClientSession, bridge: C2SBridge) async throws {
        switch element.name {
        case "enable":
            await enable(element, session: session, bridge: bridge)
        case "r":
            // XEP-0198 §4: acks exist only once enabled; before that `<r/>` is not something this stream carries.
            guard let h = session.inboundHandled else {
                throw StreamError(.unsupportedStanzaType, text: "stream management is not enabled")
            }
            bridge.send(Self.element("a", attributes: ["h": String(h)]))
        case "a":
            // An ack before enabling acknowledges nothing; ignored.
            guard session.streamManagementEnabled else { return }
            let h = try Self.sequenceNumber(element)
            do {
                // Safe with the client now: its journal rows can go.
                await context.journal.remove(try session.acknowledge(h))
            } catch let error as StreamManagementQueue.HandledCountTooHigh {
                throw Self.handledCountTooHigh(error)
            }
        case "resume":
            // Resumption replaces binding; this stream is bound already.
            bridge.send(Self.failed(.unexpectedRequest))
        default:
            throw StreamError(.unsupportedStanzaType, text: "\(element.name) is not a stream management request")
        }
    }

    /// An element after authentication but before binding. Returns the
    /// session when a `<resume/>` succeeded: the stream now carries it.
    func handleUnbound(_ element: XMLElement, username: String, bridge: C2SBridge) async throws -> ClientSession? {
        switch element.name {
        case "enable":
            // XEP-0198 §3: only after resource binding.
            bridge.send(Self.failed(.unexpectedRequest))
        case "r":
            throw StreamError(.unsupportedStanzaType, text: "stream management is not enabled")
        case "a":
            break
        case "resume":
            return try await resume(element, username: username, bridge: bridge)
        default:
            throw StreamError(.unsupportedStanzaType, text: "\(element.name) is not a stream management request")
        }
        return nil
    }

    // MARK: Enable (XEP-0198 §3)

    private func enable(_ element: XMLElement, session: ClientSession, bridge: C2SBridge) async {
        let configuration = context.configuration
        let asked = element[attribute: "resume"].map { $0 == "true" || $0 == "1" } ?? false
        var seconds = configuration.smResumptionSeconds
        if let max = element[attribute: "max"].flatMap(Int.init), max > 0 { seconds = min(seconds, max) }
        let resumable = asked && seconds > 0
        let id = resumable ? ResumableSessions.makeID() : nil
        var attributes: [String: String] = [:]
        if let id {
            attributes = ["id": id, "resume": "true", "max": String(seconds)]
        }
        let settings = ClientSession.StreamManagementSettings(
            resumptionID: id, resumptionSeconds: seconds, maxUnacked: configuration.smMaxUnacked,
            ackRequestEvery: configuration.smAckRequestEvery, ackRequestDelay: configuration.smAckRequestDelay)
        guard session.enableStreamManagement(settings, reply: Self.element("enabled", attributes: attributes)) else {
            bridge.send(Self.failed(.unexpectedRequest))
            return
        }
        if let id {
            // Registered before this stream handles anything else, its end included.
            await context.resumableSessions.register(session, id: id)
        }
        context.logger.debug("stream management enabled", metadata: ["xmpp.jid": "\(session.jid)", "xmpp.sm.resume": "\(resumable)"])
    }

    // MARK: Resume (XEP-0198 §5)

    private func resume(_ element: XMLElement, username: String, bridge: C2SBridge) async throws -> ClientSession? {
        guard let previd = element[attribute: "previd"] else {
            bridge.send(Self.failed(.badRequest))
            return nil
        }
        let h = try Self.sequenceNumber(element)
        guard let session = await context.resumableSessions.session(id: previd, username: username) else {
            bridge.send(Self.failed(.itemNotFound))
            return nil
        }
        switch session.resume(on: bridge.channel, clientHandled: h, previd: previd) {
        case .gone:
            bridge.send(Self.failed(.itemNotFound))
            return nil
        case .handledCountTooHigh(let error):
            throw Self.handledCountTooHigh(error)
        case .resumed(let previous, let acknowledged):
            await context.journal.remove(acknowledged)
            if let previous {
                // The old connection is superseded, not in conflict: just closed.
                previous.writeAndFlush(previous.allocator.buffer(string: "</stream:stream>")).whenComplete { _ in
                    previous.close(promise: nil)
                }
            }
            context.logger.info("session resumed", metadata: ["xmpp.jid": "\(session.jid)"])
            return session
        }
    }

    // MARK: Helpers

    private static func sequenceNumber(_ element: XMLElement) throws -> UInt32 {
        guard let text = element[attribute: "h"], let h = UInt32(text) else {
            throw StreamError(.badFormat, text: "'h' must be a number from 0 to 4294967295")
        }
        return h
    }

    private static func handledCountTooHigh(_ error: StreamManagementQueue.HandledCountTooHigh) -> StreamError {
        StreamError(
            .undefinedCondition, text: "acknowledged more stanzas than were sent",
            applicationCondition: element(
                "handled-count-too-high", attributes: ["h": String(error.h), "send-count": String(error.sendCount)]))
    }
}
