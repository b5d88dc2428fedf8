import SIPCore
import SIPTransport

/// Calls to us (RFC 3261 §13.3, §9.2): checks, media, 180 with a To tag;
/// then 200 with our answer retransmitted until the ACK (§13.3.1.4), 603,
/// or the caller's CANCEL.
extension SIPUserAgent {
    /// A new INVITE (no To tag).
    func incomingInvite(_ incoming: SIPTransactionLayer.IncomingRequest) async {
        let request = incoming.request
        guard runState == .running, let wire else {
            await reply(incoming, 480, "Temporarily Unavailable")
            return
        }
        guard let callID = (try? request.headers.callID()) ?? nil, let from = (try? request.headers.from()) ?? nil,
            from.tag != nil
        else {
            await reply(incoming, 400, "Bad Request")
            return
        }
        let id = SIPCallID(callID)
        // The same Call-ID again with a new branch: a merged request (§8.2.2.2).
        guard calls[id] == nil else {
            await reply(incoming, 482, "Loop Detected")
            return
        }
        guard activeCallCount < configuration.maximumCalls else {
            await reply(incoming, 486, "Busy Here")
            return
        }
        let localTag = RandomToken.make()
        guard let dialog = try? SIPDialog(uasRequest: request, localTag: localTag, state: .early) else {
            await reply(incoming, 400, "Bad Request (Contact)")
            return
        }
        let contentType = (try? request.headers.contentType()) ?? nil
        let offerAnswer = SDPOfferAnswer(address: advertisedHost(wire), sessionID: RandomToken.number())
        guard !request.body.isEmpty, contentType.map({ $0.mediaType == "application/sdp" }) ?? true,
            let offer = try? SDPSession(parsing: request.body),
            offerAnswer.answer(to: offer, port: 9).stream != nil
        else {
            await reply(incoming, 488, "Not Acceptable Here") { $0.headers.append("Accept", "application/sdp") }
            return
        }
        reservedCalls += 1
        let made = try? await configuration.media(id.value)
        reservedCalls -= 1
        guard let media = made else {
            await reply(incoming, 500, "Server Internal Error")
            return
        }
        guard runState == .running, calls[id] == nil else {
            _ = await media.stop()
            await reply(incoming, 480, "Temporarily Unavailable")
            return
        }
        let answer = offerAnswer.answer(to: offer, port: media.localPort)
        var call = Call(id: id, direction: .incoming, phase: .ringing, media: media, offerAnswer: offerAnswer, localSession: answer.session)
        call.stream = answer.stream
        call.dialog = dialog
        call.request = request
        call.transaction = incoming.transaction
        call.localTag = localTag
        call.announced = false
        calls[id] = call
        var ringing = request.makeResponse(statusCode: 180, reasonPhrase: "Ringing", toTag: localTag)
        ringing.headers.append(SIPHeaderName.contact, contact(wire).description)
        await wire.layer.respond(ringing, to: incoming.transaction)
        guard calls[id]?.phase == .ringing else { return }
        calls[id]?.announced = true
        startTimer(for: id, after: configuration.answerTimeout) { await $0.unanswered(id) }
        logger.debug("sip ua incoming call", metadata: ["sip.call_id": "\(id)"])
        emit(.incomingCall(id, from: from))
        emit(.callState(id, .ringing))
    }

    /// Answers a ringing incoming call with 200 and our SDP answer.
    public func answer(_ id: SIPCallID) async throws(SIPUserAgentError) {
        guard runState == .running, let wire else { throw .notStarted }
        guard var call = calls[id], call.direction == .incoming, call.phase != .ended else { throw .noSuchCall }
        guard call.phase == .ringing else { return }
        guard let request = call.request, let transaction = call.transaction, let localTag = call.localTag else { throw .noSuchCall }
        var ok = request.makeResponse(statusCode: 200, reasonPhrase: "OK", toTag: localTag)
        ok.headers.append(SIPHeaderName.contact, contact(wire).description)
        ok.headers.append("Allow", Self.allowedMethods)
        ok.headers.append(SIPHeaderName.contentType, SIPContentType.sdp.description)
        ok.body = Array(call.localSession.serialized().utf8)
        call.phase = .answering
        call.ok = ok
        call.dialog?.state = .confirmed
        calls[id] = call
        await wire.layer.respond(ok, to: transaction)
        let timers = configuration.timers
        let retransmitter = Task { [weak self] in
            var interval = timers.t1
            var waited = Duration.zero
            while waited < timers.transactionTimeout {
                guard (try? await Task.sleep(for: interval)) != nil, let self else { return }
                waited += interval
                guard await self.retransmitOK(id) else { return }
                interval = min(interval * 2, timers.t2)
            }
            await self?.noACK(id)
        }
        calls[id]?.timers.append(retransmitter)
    }

    /// Declines a ringing incoming call with 603; ends it `.declined`.
    public func decline(_ id: SIPCallID) async {
        guard let call = calls[id], call.direction == .incoming, call.phase == .ringing,
            let ended = markEnded(id)
        else { return }
        await respondToInvite(of: ended, 603, "Decline")
        await report(ended, .declined)
    }

    /// Rang for `answerTimeout` with no answer: 480 to the caller.
    private func unanswered(_ id: SIPCallID) async {
        guard calls[id]?.phase == .ringing, let ended = markEnded(id) else { return }
        await respondToInvite(of: ended, 480, "Temporarily Unavailable")
        await report(ended, .timedOut)
    }

    /// §13.3.1.4: our 200 again while no ACK came; false once it did.
    private func retransmitOK(_ id: SIPCallID) async -> Bool {
        guard let call = calls[id], call.phase == .answering, let ok = call.ok, let transaction = call.transaction,
            let wire
        else { return false }
        await wire.layer.respond(ok, to: transaction)
        return true
    }

    /// 64·T1 without an ACK: the session is over (§13.3.1.4), with a BYE.
    private func noACK(_ id: SIPCallID) async {
        guard calls[id]?.phase == .answering, let ended = markEnded(id) else { return }
        if let dialog = ended.dialog { sendBYE(in: dialog) }
        await report(ended, .timedOut)
    }

    /// The ACK for our 200: the call is connected and media starts.
    func incomingACK(_ ack: SIPRequest) {
        guard let dialogID = SIPDialog.ID(incoming: ack), let id = callID(in: dialogID),
            let call = calls[id], call.phase == .answering, let stream = call.stream
        else { return }
        calls[id]?.phase = .connected
        startMedia(id, stream)
    }

    /// CANCEL (§9.2): 200 to it; an unanswered INVITE gets 487 and the call ends.
    func incomingCancel(_ incoming: SIPTransactionLayer.IncomingRequest) async {
        guard let target = incoming.cancels,
            let id = calls.first(where: { $0.value.direction == .incoming && $0.value.transaction == target })?.key
        else {
            await reply(incoming, 481, "Call/Transaction Does Not Exist")
            return
        }
        await reply(incoming, 200, "OK", tag: nil)
        guard calls[id]?.phase == .ringing, let ended = markEnded(id) else { return }
        await respondToInvite(of: ended, 487, "Request Terminated")
        await report(ended, .remoteCancelled)
    }

    /// A final response to an incoming call's INVITE.
    func respondToInvite(of call: Call, _ status: Int, _ reason: String) async {
        guard let request = call.request, let transaction = call.transaction, let wire else { return }
        await wire.layer.respond(request.makeResponse(statusCode: status, reasonPhrase: reason, toTag: call.localTag), to: transaction)
    }
}
