import Foundation
import XMPPCore

/// The protocol half of one client connection (RFC 6120): stream headers and
/// features, STARTTLS, SASL, resource binding, then stanza routing. Events
/// arrive in order from `C2SChannelHandler` through `C2SEventDriver`.
struct C2SStream: Sendable {
    let context: ServerContext
    let bridge: C2SBridge

    struct State: Sendable {
        var tls = false
        var username: String?
        var sasl: SASLNegotiation?
        var authFailures = 0
        var session: ClientSession?
        /// The client closed its stream or we ended it with an error: the
        /// session ends with the connection, no XEP-0198 hibernation.
        var deliberateEnd = false
    }

    /// Handles one event. False when the stream ended with an error: the
    /// caller handles nothing after it.
    func process(_ event: XMLStreamEvent, _ state: inout State) async -> Bool {
        do {
            try await handle(event, &state)
            return true
        } catch let error as StreamError {
            state.deliberateEnd = true
            bridge.fail(error)
        } catch {
            context.logger.error("c2s stream failed", metadata: ["error": "\(error)"])
            state.deliberateEnd = true
            bridge.fail(StreamError(.internalServerError))
        }
        return false
    }

    /// The connection closed, or the stream ended with an error: the session
    /// ends, or hibernates for XEP-0198 resumption.
    func connectionEnded(_ state: State) async {
        if let session = state.session {
            await SessionLifecycle(context: context).connectionEnded(
                session, channel: bridge.channel, deliberate: state.deliberateEnd)
        }
    }

    private func handle(_ event: XMLStreamEvent, _ state: inout State) async throws {
        switch event {
        case .streamOpen(let header):
            try openStream(header, state)
            bridge.eventDone()
        case .streamClose:
            state.deliberateEnd = true
            bridge.finish()
        case .stanza(let element):
            if context.configuration.streamManagement, StreamManagementModule.isStreamManagement(element),
                let username = state.username
            {
                let module = StreamManagementModule(context: context)
                if let session = state.session {
                    try await module.handle(element, session: session, bridge: bridge)
                } else if let resumed = try await module.handleUnbound(element, username: username, bridge: bridge) {
                    state.session = resumed
                    bridge.sessionBound()
                }
                bridge.eventDone()
            } else if let session = state.session {
                try await StanzaRouter(context: context).route(element, from: session)
                session.countInbound()
                bridge.eventDone()
            } else if !state.tls, state.username == nil, context.configuration.requireTLS || element.isStartTLS {
                try await negotiateTLS(element, &state)
            } else if state.username == nil {
                let restart = try await authenticate(element, &state)
                bridge.eventDone(restart: restart)
            } else {
                try await bind(element, &state)
                bridge.eventDone()
            }
        }
    }

    // MARK: Stream header and features

    static func header(domain: String, to: String?) -> String {
        var rng = SystemRandomNumberGenerator()
        var attributes = [
            XMLElement.Attribute(name: "from", value: domain),
            XMLElement.Attribute(name: "id", value: String(rng.next() as UInt64, radix: 36) + String(rng.next() as UInt64, radix: 36)),
            XMLElement.Attribute(name: "version", value: "1.0"),
            XMLElement.Attribute(name: "xml:lang", value: "en"),
        ]
        if let to { attributes.append(XMLElement.Attribute(name: "to", value: to)) }
        return streamHeader(defaultNamespace: XMLNamespace.client, attributes: attributes)
    }

    private func openStream(_ header: XMLElement, _ state: State) throws {
        // The reply header goes out first so any error below is well-formed (RFC 6120 §4.9.1.1).
        let peer = header[attribute: "from"].flatMap { try? JID($0) }?.description
        bridge.send(Self.header(domain: context.domain.description, to: peer))
        bridge.headerSent()
        guard header.name == "stream", header.namespace == XMLNamespace.streams else {
            throw StreamError(.invalidNamespace, text: "the stream root must be stream:stream")
        }
        guard let to = header[attribute: "to"], (try? JID(to)) == context.domain else {
            throw StreamError(.hostUnknown, text: "this server hosts \(context.domain)")
        }
        guard let version = header[attribute: "version"], version.hasPrefix("1.") else {
            throw StreamError(.unsupportedVersion, text: "XMPP 1.0 streams only")
        }
        bridge.send(features(state))
    }

    private func features(_ state: State) -> XMLElement {
        var features = XMLElement(name: "features", namespace: XMLNamespace.streams)
        let requireTLS = context.configuration.requireTLS
        if !state.tls, state.username == nil {
            let required = requireTLS ? [XMLNode.element(XMLElement(name: "required", namespace: XMLNamespace.tls))] : []
            features.append(XMLElement(name: "starttls", namespace: XMLNamespace.tls, children: required))
        }
        // Nothing but STARTTLS until the stream is encrypted, when that is required.
        if !state.tls, requireTLS { return features }
        if state.username == nil {
            let mechanisms = SASLNegotiation.Mechanism.offered(encrypted: state.tls).map {
                XMLNode.element(XMLElement(name: "mechanism", namespace: XMLNamespace.sasl, text: $0.rawValue))
            }
            features.append(XMLElement(name: "mechanisms", namespace: XMLNamespace.sasl, children: mechanisms))
            if context.configuration.allowRegistration {
                features.append(XMLElement(name: "register", namespace: XMLNamespace.registerFeature))
            }
        } else {
            features.append(XMLElement(name: "bind", namespace: XMLNamespace.bind))
            features.append(XMLElement(
                name: "session", namespace: XMLNamespace.session,
                children: [.element(XMLElement(name: "optional", namespace: XMLNamespace.session))]))
            features.append(XMLElement(name: "ver", namespace: XMLNamespace.rosterVersioning))
            if context.configuration.streamManagement {
                features.append(XMLElement(name: "sm", namespace: XMLNamespace.streamManagement))
            }
        }
        return features
    }

    // MARK: STARTTLS

    private func negotiateTLS(_ element: XMLElement, _ state: inout State) async throws {
        guard element.name == "starttls", element.namespace == XMLNamespace.tls else {
            throw StreamError(.notAuthorized, text: "STARTTLS is required first")
        }
        try await bridge.startTLS()
        state.tls = true
    }

    // MARK: Resource binding (RFC 6120 §7)

    private func bind(_ element: XMLElement, _ state: inout State) async throws {
        guard element.isIQ, element.stanzaType == "set", let id = element[attribute: "id"] else {
            throw StreamError(.notAuthorized, text: "bind a resource first")
        }
        if element.child("session", namespace: XMLNamespace.session) != nil {
            bridge.send(element.iqResult().addressed(from: nil, to: nil))
            return
        }
        guard let request = element.child("bind", namespace: XMLNamespace.bind), let username = state.username else {
            throw StreamError(.notAuthorized, text: "bind a resource first")
        }
        let requested = request.child("resource", namespace: XMLNamespace.bind)?.text.trimmingCharacters(in: .whitespaces)
        let resource = (requested?.isEmpty ?? true) ? Self.generatedResource() : requested ?? ""
        let jid: JID
        do {
            jid = try JID(localpart: username, domainpart: context.domain.domainpart, resourcepart: resource)
        } catch {
            bridge.send(element.errorReply(StanzaError(.badRequest, text: "\(error)")))
            return
        }
        let session = ClientSession(id: context.registry.makeSessionID(), jid: jid, channel: bridge.channel)
        // Conflict policy: the newest session wins; the old one is told why.
        let replaced: ClientSession?
        do {
            replaced = try context.registry.add(session, maxPerUser: context.configuration.maxSessionsPerAccount)
        } catch {
            bridge.send(element.errorReply(error))
            return
        }
        replaced?.close(with: StreamError(.conflict, text: "replaced by a new connection"))
        state.session = session
        bridge.sessionBound()
        let result = XMLElement(
            name: "bind", namespace: XMLNamespace.bind,
            children: [.element(XMLElement(name: "jid", namespace: XMLNamespace.bind, text: jid.description))])
        var reply = XMLElement.iq(type: "result", id: id, payload: result)
        reply[attribute: "to"] = nil
        bridge.send(reply)
        context.logger.info("session bound", metadata: ["xmpp.jid": "\(jid)"])
    }

    private static func generatedResource() -> String {
        var rng = SystemRandomNumberGenerator()
        return "c-" + String(rng.next() as UInt64, radix: 36)
    }
}

extension XMLElement {
    fileprivate var isStartTLS: Bool { name == "starttls" && namespace == XMLNamespace.tls }
}
