import SIPCore
import SIPTransport

/// Calls we place (RFC 3261 §13.2, §9.1): INVITE with our offer through the
/// outbound proxy, one retry with credentials, 18x → ringing, the first 2xx
/// → dialog, ACK and media; other forks' 2xx are ACKed and ended with BYE.
extension SIPUserAgent {
    /// Places a call to `target` (a SIP or tel URI); returns once the INVITE is sent.
    public func call(_ target: SIPAnyURI) async throws(SIPUserAgentError) -> SIPCallID {
        guard runState == .running else { throw .notStarted }
        if case .other(let scheme, _) = target { throw .invalidTarget("cannot call a \(scheme): URI") }
        if case .tel(let tel) = target, !tel.normalizedNumber.contains(where: \.isNumber) {
            throw .invalidTarget("no digits in \(tel)")
        }
        guard activeCallCount < configuration.maximumCalls else { throw .tooManyCalls }
        let id = SIPCallID("\(RandomToken.make())\(RandomToken.make())@\(configuration.bindHost)")
        reservedCalls += 1
        let media: any CallMedia
        do {
            media = try await configuration.media(id.value)
        } catch {
            reservedCalls -= 1
            throw .transport("media: \(error)")
        }
        reservedCalls -= 1
        guard runState == .running, let wire else {
            _ = await media.stop()
            throw .notStarted
        }
        let offerAnswer = SDPOfferAnswer(address: advertisedHost(wire), sessionID: RandomToken.number())
        let offer = offerAnswer.offer(port: media.localPort)
        var invite = makeRequest(
            "INVITE", uri: target, to: SIPNameAddress(uri: target), callID: id.value, fromTag: RandomToken.make(),
            sequence: 1, wire: wire)
        invite.headers.append(SIPHeaderName.contact, contact(wire).description)
        invite.headers.append("Allow", Self.allowedMethods)
        invite.headers.append(SIPHeaderName.contentType, SIPContentType.sdp.description)
        invite.body = Array(offer.serialized().utf8)
        var call = Call(id: id, direction: .outgoing, phase: .dialling, media: media, offerAnswer: offerAnswer, localSession: offer)
        call.invite = invite
        call.inviteRunning = true
        calls[id] = call
        logger.debug("sip ua invite", metadata: ["sip.call_id": "\(id)", "sip.target": "\(target)"])
        emit(.callState(id, .dialling))
        let responses = await wire.layer.request(invite, to: configuration.server)
        startTimer(for: id, after: configuration.ringTimeout) { await $0.ringTimedOut(id) }
        spawn { agent in await agent.runInvite(id, responses) }
        return id
    }

    var activeCallCount: Int {
        calls.values.filter(\.isActive).count + reservedCalls
    }

    /// Reads the INVITE's responses until its transaction ends, following a
    /// challenge into a second INVITE.
    func runInvite(_ id: SIPCallID, _ first: AsyncThrowingStream<SIPResponse, any Error>) async {
        var responses = first
        var failure: SIPCallEnd?
        attempts: while true {
            do {
                for try await response in responses {
                    if let retry = await inviteResponse(id, response) {
                        responses = retry
                        continue attempts
                    }
                }
            } catch SIPTransactionLayer.ClientTransactionError.timeout {
                failure = .timedOut
            } catch {
                failure = .transportFailure("INVITE: \(error)")
            }
            break
        }
        await inviteEnded(id, failure: failure)
    }

    /// Handles one response to our INVITE; returns the responses of a
    /// retried INVITE when it answered a challenge.
    private func inviteResponse(_ id: SIPCallID, _ response: SIPResponse) async -> AsyncThrowingStream<SIPResponse, any Error>? {
        guard var call = calls[id], let invite = call.invite, let wire else { return nil }
        if response.isProvisional {
            call.heardProvisional = true
            let cancelNow = call.cancelOwed && !call.cancelSent
            if cancelNow { call.cancelSent = true }
            let rings = response.statusCode > 100 && call.phase == .dialling
            if rings { call.phase = .ringing }
            calls[id] = call
            if rings { emit(.callState(id, .ringing)) }
            if cancelNow { await sendCancel(for: invite) }
            return nil
        }
        if response.isSuccess {
            await inviteAccepted(id, response)
            return nil
        }
        let live = call.phase == .dialling || call.phase == .ringing
        if live, DigestAnswer.isChallenge(response), call.endOnFinal == nil,
            call.challengesAnswered == 0 || (call.challengesAnswered < 3 && DigestAnswer.isStale(response))
        {
            var retry = nextAttempt(of: invite, wire: wire)
            if DigestAnswer.authorize(&retry, answering: response, account: account) {
                call.invite = retry
                call.challengesAnswered += 1
                call.heardProvisional = false
                calls[id] = call
                return await wire.layer.request(retry, to: configuration.server)
            }
        }
        let reason = call.endOnFinal ?? .failed(statusCode: response.statusCode, reason: response.reasonPhrase)
        await finish(id, reason)
        return nil
    }

    /// A 2xx: the first one makes the call's dialog; a retransmission gets
    /// the ACK again; any other (another fork, or after we gave up) is
    /// ACKed and ended with BYE (§13.2.2.4).
    private func inviteAccepted(_ id: SIPCallID, _ response: SIPResponse) async {
        guard var call = calls[id], let invite = call.invite, let wire,
            let remoteTag = ((try? response.headers.to()) ?? nil)?.tag
        else { return }
        if let ack = call.acks[remoteTag] {
            try? await wire.layer.sendStateless(.request(ack.request), to: ack.destination)
            return
        }
        guard let dialog = try? SIPDialog(uacRequest: invite, response: response) else {
            logger.debug("sip ua unusable 2xx", metadata: ["sip.call_id": "\(id)"])
            return
        }
        let sequence = ((try? invite.headers.cseq()) ?? nil)?.sequence ?? 1
        let ack = dialog.makeACK(inviteSequence: sequence, via: via(wire))
        let hop = nextHop(of: dialog)
        guard call.acks.count < 16 else { return }
        call.acks[remoteTag] = (ack, hop)
        let first = call.dialog == nil && (call.phase == .dialling || call.phase == .ringing)
        var stream: SDPOfferAnswer.Stream?
        if first {
            call.dialog = dialog
            if call.endOnFinal == nil, let answer = try? SDPSession(parsing: response.body) {
                stream = try? call.offerAnswer.stream(answer: answer, offer: call.localSession)
            }
            if let stream {
                call.phase = .connected
                call.stream = stream
            }
        }
        calls[id] = call
        try? await wire.layer.sendStateless(.request(ack), to: hop)
        if let stream {
            startMedia(id, stream)
            return
        }
        sendBYE(in: dialog)
        if first {
            await finish(id, call.endOnFinal ?? .failed(statusCode: 488, reason: "Not Acceptable Here"))
        }
    }

    /// The INVITE transaction is over: a call still waiting for an answer
    /// ends (Timer B, transport); an ended one leaves the table.
    private func inviteEnded(_ id: SIPCallID, failure: SIPCallEnd?) async {
        guard var call = calls[id] else { return }
        call.inviteRunning = false
        if call.phase == .ended {
            calls[id] = nil
            return
        }
        calls[id] = call
        if call.phase == .dialling || call.phase == .ringing {
            await finish(id, call.endOnFinal ?? failure ?? .timedOut)
        }
    }

    /// No final answer within `ringTimeout`: CANCEL, and end `.timedOut` on
    /// the 487, or 64·T1 later if it never comes.
    private func ringTimedOut(_ id: SIPCallID) async {
        guard var call = calls[id], call.phase == .dialling || call.phase == .ringing, let invite = call.invite else { return }
        call.endOnFinal = .timedOut
        let cancelNow = call.heardProvisional && !call.cancelSent
        if cancelNow { call.cancelSent = true } else if !call.heardProvisional { call.cancelOwed = true }
        calls[id] = call
        startTimer(for: id, after: configuration.timers.transactionTimeout) { await $0.finish(id, .timedOut) }
        if cancelNow { await sendCancel(for: invite) }
    }

    func sendCancel(for invite: SIPRequest) async {
        guard let wire else { return }
        logger.debug("sip ua cancel", metadata: ["sip.call_id": "\(invite.headers[SIPHeaderName.callID] ?? "")"])
        // The CANCEL's own 200 tells nothing; the INVITE's 487 ends the call.
        _ = await wire.layer.request(Self.cancelRequest(for: invite), to: configuration.server)
    }

    /// Hang-up before an answer: CANCEL now, or once a provisional response
    /// shows the INVITE arrived (§9.1).
    func cancelOutgoing(_ id: SIPCallID) async {
        guard var call = calls[id], let invite = call.invite else { return }
        let cancelNow = call.heardProvisional && !call.cancelSent
        if cancelNow { call.cancelSent = true } else if !call.heardProvisional { call.cancelOwed = true }
        calls[id] = call
        guard let ended = markEnded(id) else { return }
        if cancelNow { await sendCancel(for: invite) }
        await report(ended, .localHangUp)
    }
}
