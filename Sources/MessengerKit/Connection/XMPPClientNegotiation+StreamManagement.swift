import XMPPCore

/// XEP-0198 during negotiation: after SASL either resume the previous stream
/// (`<resume previd h/>` instead of binding) or bind and then `<enable/>`.
extension XMPPClientNegotiation {
    /// The features after SASL: resume when we have a resumable stream and
    /// the server offers stream management; otherwise bind (handing back what
    /// the previous stream left unacknowledged, since it cannot be resumed).
    mutating func bindOrResume(_ features: XMLElement) -> [Action] {
        guard let offer = Self.bindOffer(in: features) else {
            return fail(.protocolViolation("the server offers no resource binding"))
        }
        guard let resume else { return bind(offer) }
        guard offer.streamManagement, let previd = resume.id, resume.jid.bare == jid.bare else {
            return [.resumeFailed(handedBack: resume.unacked)] + bind(offer)
        }
        state = .resuming(offer, resume)
        let request = XMLElement(
            name: "resume", namespace: XMLNamespace.streamManagement,
            attributes: ["previd": previd, "h": String(resume.inboundHandled)])
        return [.send(request.serialized(defaultNamespace: XMLNamespace.client))]
    }

    /// Bound (and the legacy session established, if needed): ask for stream
    /// management when both sides want it, else the stream is ready.
    mutating func finishBinding(_ bound: JID, _ offer: BindOffer) -> [Action] {
        guard streamManagement, offer.streamManagement else {
            state = .bound(bound)
            return [.bound(bound)]
        }
        state = .enabling(bound, early: [])
        let enable = XMLElement(name: "enable", namespace: XMLNamespace.streamManagement, attributes: ["resume": "true"])
        return [.send(enable.serialized(defaultNamespace: XMLNamespace.client))]
    }

    /// `<enabled/>` or `<failed/>` (then the stream simply goes on without acks).
    mutating func receiveEnableReply(_ element: XMLElement) -> [Action] {
        guard case .enabling(let bound, var early) = state else { return [] }
        guard element.namespace == XMLNamespace.streamManagement else {
            // A stanza the server sent before answering; not counted, since SM is not on yet.
            early.append(element)
            state = .enabling(bound, early: early)
            return []
        }
        var actions: [Action]
        switch element.name {
        case "enabled":
            let resumable = element[attribute: "resume"] == "true" || element[attribute: "resume"] == "1"
            actions = [.streamManagementEnabled(
                resumptionID: resumable ? element[attribute: "id"] : nil,
                maxResumptionSeconds: element[attribute: "max"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil })]
        case "failed":
            actions = []
        default:
            return unexpected("<\(element.name)> instead of <enabled/>")
        }
        state = .bound(bound)
        actions.append(.bound(bound))
        actions += early.map { Action.deliver($0, countsForAcks: false) }
        return actions
    }

    /// `<resumed/>`: the old stream lives on under its JID. `<failed/>`: bind
    /// as usual and hand back what the server did not handle (XEP-0198 lets
    /// the failure carry the server's `h`, which spares resending those).
    mutating func receiveResumeReply(_ element: XMLElement) -> [Action] {
        guard case .resuming(let offer, let previous) = state else { return [] }
        guard element.namespace == XMLNamespace.streamManagement else {
            return unexpected("<\(element.name)> instead of <resumed/>")
        }
        switch element.name {
        case "resumed":
            guard element[attribute: "previd"] == previous.id else {
                return fail(.protocolViolation("<resumed/> names another stream"))
            }
            guard let text = element[attribute: "h"], let h = UInt32(text) else {
                return fail(.protocolViolation("<resumed/> without a valid h"))
            }
            state = .bound(previous.jid)
            return [.resumed(previous, h: h), .bound(previous.jid)]
        case "failed":
            let h = element[attribute: "h"].flatMap { UInt32($0) }
            return [.resumeFailed(handedBack: previous.unacknowledged(byFailedResumeH: h))] + bind(offer)
        default:
            return unexpected("<\(element.name)> instead of <resumed/>")
        }
    }
}
