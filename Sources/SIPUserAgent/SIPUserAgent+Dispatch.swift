import SIPCore
import SIPTransport

/// What arrives from the transaction layer: requests sorted into new calls,
/// in-dialog requests (§12.2.2) and the rest; ACKs for our 2xx; 2xx that
/// outlived their transaction.
extension SIPUserAgent {
    func handle(_ event: SIPTransactionLayer.Event) async {
        switch event {
        case .request(let incoming): await handleRequest(incoming)
        case .ack(let ack, _): incomingACK(ack)
        case .strayResponse(let response, _): await resendACK(for: response)
        }
    }

    private func handleRequest(_ incoming: SIPTransactionLayer.IncomingRequest) async {
        let request = incoming.request
        if request.method == "CANCEL" {
            await incomingCancel(incoming)
            return
        }
        let required = (try? request.headers.values(named: "Require")) ?? []
        if !required.isEmpty {
            await reply(incoming, 420, "Bad Extension") { $0.headers.append("Unsupported", required.joined(separator: ", ")) }
            return
        }
        if ((try? request.headers.to()) ?? nil)?.tag != nil {
            await inDialogRequest(incoming)
            return
        }
        switch request.method {
        case "INVITE": await incomingInvite(incoming)
        case "OPTIONS": await replyToOptions(incoming)
        case "BYE": await reply(incoming, 481, "Call/Transaction Does Not Exist")
        case "REGISTER", "SUBSCRIBE", "NOTIFY", "MESSAGE", "REFER", "INFO", "UPDATE", "PRACK", "PUBLISH":
            await reply(incoming, 405, "Method Not Allowed") { $0.headers.append("Allow", Self.allowedMethods) }
        default:
            await reply(incoming, 501, "Not Implemented") { $0.headers.append("Allow", Self.allowedMethods) }
        }
    }

    /// §12.2.2: a request with a To tag belongs to a dialog or gets 481.
    private func inDialogRequest(_ incoming: SIPTransactionLayer.IncomingRequest) async {
        let request = incoming.request
        guard let dialogID = SIPDialog.ID(incoming: request), let id = callID(in: dialogID),
            var dialog = calls[id]?.dialog
        else {
            await reply(incoming, 481, "Call/Transaction Does Not Exist")
            return
        }
        do {
            try dialog.receive(request)
        } catch {
            await reply(incoming, error.statusCode, error.statusCode == 500 ? "Server Internal Error" : "Bad Request")
            return
        }
        calls[id]?.dialog = dialog
        switch request.method {
        case "BYE": await incomingBYE(incoming, call: id)
        case "INVITE": await incomingReInvite(incoming, call: id)
        case "OPTIONS": await replyToOptions(incoming)
        default: await reply(incoming, 501, "Not Implemented") { $0.headers.append("Allow", Self.allowedMethods) }
        }
    }

    /// BYE: 200, and the call ends `.remoteHangUp` (an unanswered INVITE gets 487 first).
    private func incomingBYE(_ incoming: SIPTransactionLayer.IncomingRequest, call id: SIPCallID) async {
        await reply(incoming, 200, "OK")
        guard let ended = markEnded(id) else { return }
        if ended.direction == .incoming, ended.phase == .ringing || ended.ok == nil {
            await respondToInvite(of: ended, 487, "Request Terminated")
        }
        await report(ended, .remoteHangUp)
    }

    /// A re-INVITE on a connected call: 200 with our description again
    /// (answering a new offer when there is one), session version + 1. The
    /// media keeps running as it is.
    private func incomingReInvite(_ incoming: SIPTransactionLayer.IncomingRequest, call id: SIPCallID) async {
        guard var call = calls[id], call.phase == .connected, let wire else {
            await reply(incoming, 491, "Request Pending")
            return
        }
        var offerAnswer = call.offerAnswer
        offerAnswer.sessionVersion &+= 1
        var session = call.localSession
        if incoming.request.body.isEmpty {
            session.origin.sessionVersion = offerAnswer.sessionVersion
        } else {
            guard let offer = try? SDPSession(parsing: incoming.request.body),
                case let answer = offerAnswer.answer(to: offer, port: call.media.localPort), answer.stream != nil
            else {
                await reply(incoming, 488, "Not Acceptable Here")
                return
            }
            session = answer.session
        }
        call.offerAnswer = offerAnswer
        call.localSession = session
        calls[id] = call
        await reply(incoming, 200, "OK") { response in
            response.headers.append(SIPHeaderName.contact, self.contact(wire).description)
            response.headers.append(SIPHeaderName.contentType, SIPContentType.sdp.description)
            response.body = Array(session.serialized().utf8)
        }
    }

    private func replyToOptions(_ incoming: SIPTransactionLayer.IncomingRequest) async {
        await reply(incoming, 200, "OK") { response in
            response.headers.append("Allow", Self.allowedMethods)
            response.headers.append("Accept", "application/sdp")
        }
    }

    /// A 2xx retransmitted after its INVITE transaction ended: ACK it again.
    private func resendACK(for response: SIPResponse) async {
        guard let wire, let callID = (try? response.headers.callID()) ?? nil,
            let tag = ((try? response.headers.to()) ?? nil)?.tag, let ack = calls[SIPCallID(callID)]?.acks[tag]
        else { return }
        try? await wire.layer.sendStateless(.request(ack.request), to: ack.destination)
    }

    /// Answers a request outside any call's own responses; a To tag is added
    /// when the request had none.
    func reply(
        _ incoming: SIPTransactionLayer.IncomingRequest, _ status: Int, _ reason: String,
        tag: String? = RandomToken.make(), _ adjust: (inout SIPResponse) -> Void = { _ in }
    ) async {
        guard let wire else { return }
        var response = incoming.request.makeResponse(statusCode: status, reasonPhrase: reason, toTag: tag)
        adjust(&response)
        await wire.layer.respond(response, to: incoming.transaction)
    }

    /// The live call a dialog ID belongs to.
    func callID(in dialogID: SIPDialog.ID) -> SIPCallID? {
        calls.first { $0.value.phase != .ended && $0.value.dialog?.id == dialogID }?.key
    }
}
