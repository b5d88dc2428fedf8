import XMPPCore

/// Entry point for every stanza a bound client sends (RFC 6120 §8, RFC 6121 §8).
struct StanzaRouter: Sendable {
    let context: ServerContext

    func route(_ raw: XMLElement, from session: ClientSession) async throws {
        guard raw.isIQ || raw.isMessage || raw.isPresence else {
            throw StreamError(.unsupportedStanzaType, text: "\(raw.name) is not a stanza")
        }
        // The server stamps the sender's full JID whatever the client wrote (RFC 6120 §8.1.2.1).
        var stanza = raw
        stanza[attribute: "from"] = session.jidText
        let to: JID?
        if let toText = stanza[attribute: "to"] {
            do { to = try JID(toText) } catch {
                return bounce(stanza, StanzaError(.jidMalformed, text: "\(error)"), to: session)
            }
        } else {
            to = nil
        }
        if let to, stanza[attribute: "to"] != to.description { stanza[attribute: "to"] = to.description }

        if stanza.isPresence {
            try await PresenceModule().handleOutbound(stanza, to: to, from: session, context: context)
            return
        }
        // Outbound blocking: XEP-0191 §3.6 — the user may not talk to whom they blocked.
        if let to, !context.isServer(to), to.bare != session.jid.bare,
            try await BlockingModule.isBlocked(to, by: session.username, context: context)
        {
            let blocked = XMLElement(name: "blocked", namespace: XMLNamespace.blockingErrors)
            return bounce(stanza, StanzaError(.notAcceptable, applicationCondition: blocked), to: session)
        }
        if stanza.isMessage {
            try await MessageModule().handleOutbound(stanza, to: to ?? session.jid.bare, from: session, context: context)
        } else {
            try await routeIQ(stanza, to: to, from: session)
        }
    }

    private func routeIQ(_ stanza: XMLElement, to: JID?, from session: ClientSession) async throws {
        let type = stanza.stanzaType ?? ""
        guard stanza[attribute: "id"] != nil, ["get", "set", "result", "error"].contains(type) else {
            return bounce(stanza, StanzaError(.badRequest, text: "an iq needs an id and a type"), to: session)
        }
        let addressedToServerSide = to.map { context.isServer($0) || $0 == session.jid.bare } ?? true
        if type == "result" || type == "error" {
            // Replies to our pushes are dropped; replies to other clients are routed.
            if let to, !addressedToServerSide { await deliverIQ(stanza, to: to, from: session) }
            return
        }
        guard let kind = IQRequest.Kind(rawValue: type) else { return }
        let payloads = stanza.elements
        guard payloads.count == 1, let payload = payloads.first else {
            return bounce(stanza, StanzaError(.badRequest, text: "an iq request carries exactly one payload"), to: session)
        }
        if let to, !addressedToServerSide {
            // Addressed to another account: the server answers for the bare JID (RFC 6121 §8.5.1).
            if to.isBare, context.isLocalUser(to) {
                if let module = context.modules.module(for: payload.namespace), module.servesOtherAccounts {
                    return await answer(IQRequest(stanza: stanza, kind: kind, payload: payload, session: session, to: to), with: module)
                }
                return bounce(stanza, StanzaError(.serviceUnavailable), to: session)
            }
            return await deliverIQ(stanza, to: to, from: session)
        }
        guard let module = context.modules.module(for: payload.namespace) else {
            return bounce(stanza, StanzaError(.serviceUnavailable, text: "no such service here"), to: session)
        }
        await answer(IQRequest(stanza: stanza, kind: kind, payload: payload, session: session, to: to), with: module)
    }

    private func answer(_ request: IQRequest, with module: any IQModule) async {
        do {
            let payload = try await module.handle(request, context: context)
            request.session.send(request.stanza.iqResult(payload: payload).addressed(from: request.to, to: request.sender))
        } catch let error as StanzaError {
            bounce(request.stanza, error, to: request.session)
        } catch is IQAlreadyAnswered {
            return
        } catch {
            context.logger.error("iq handler failed", metadata: ["xmpp.ns": "\(request.payload.namespace ?? "")", "error": "\(error)"])
            bounce(request.stanza, StanzaError(.internalServerError), to: request.session)
        }
    }

    /// An iq to a full JID or another domain.
    private func deliverIQ(_ stanza: XMLElement, to: JID, from session: ClientSession) async {
        guard context.isLocalUser(to) else {
            return bounce(stanza, StanzaError(.remoteServerNotFound, text: "this server does not federate"), to: session)
        }
        await LocalDelivery(context: context).deliver(stanza, to: to, from: session.jid)
    }

    /// Sends the error reply for a stanza back to its sender (never for errors, RFC 6120 §8.3.1).
    func bounce(_ stanza: XMLElement, _ error: StanzaError, to session: ClientSession) {
        guard stanza.stanzaType != "error" else { return }
        session.send(stanza.errorReply(error))
    }
}
