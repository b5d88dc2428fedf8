import SIPCore

/// Starting media, hanging up, and ending a call exactly once: the end is
/// marked at once (so nothing else touches the call), then the media is
/// stopped (after its start, if one runs) and `.ended` goes out.
extension SIPUserAgent {
    /// Hangs up: CANCEL while our INVITE is unanswered, BYE once the dialog
    /// is confirmed, 603 for an unanswered incoming call. Reports the end
    /// at once; does nothing for a call that has ended.
    public func hangUp(_ id: SIPCallID) async {
        guard let call = calls[id], call.phase != .ended else { return }
        switch (call.direction, call.phase) {
        case (.outgoing, .dialling), (.outgoing, .ringing):
            await cancelOutgoing(id)
        case (.incoming, .ringing):
            await decline(id)
        default:
            guard let ended = markEnded(id) else { return }
            if let dialog = ended.dialog { sendBYE(in: dialog) }
            await report(ended, .localHangUp)
        }
    }

    /// Starts the media; `.connected` goes out when it has started, unless
    /// the call ended meanwhile.
    func startMedia(_ id: SIPCallID, _ stream: SDPOfferAnswer.Stream) {
        guard let media = calls[id]?.media else { return }
        let task = Task { [weak self] in
            var failure: String?
            do { try await media.start(stream) } catch { failure = "\(error)" }
            await self?.mediaStarted(id, failure: failure)
        }
        calls[id]?.mediaStart = task
    }

    private func mediaStarted(_ id: SIPCallID, failure: String?) {
        guard let call = calls[id], call.phase == .connected else { return }
        guard let failure else {
            logger.debug("sip ua connected", metadata: ["sip.call_id": "\(id)"])
            emit(.callState(id, .connected))
            return
        }
        guard let ended = markEnded(id) else { return }
        if let dialog = ended.dialog { sendBYE(in: dialog) }
        // Not awaited here: the end waits for this very start task.
        spawn { agent in await agent.report(ended, .transportFailure("media: \(failure)")) }
    }

    func finish(_ id: SIPCallID, _ reason: SIPCallEnd) async {
        guard let ended = markEnded(id) else { return }
        await report(ended, reason)
    }

    /// Marks the call ended and returns it, once; stops its timers and drops
    /// it from the table unless its INVITE transaction still runs.
    func markEnded(_ id: SIPCallID) -> Call? {
        guard var call = calls[id], call.phase != .ended else { return nil }
        let endedCall = call
        call.phase = .ended
        for timer in call.timers { timer.cancel() }
        call.timers = []
        calls[id] = call.inviteRunning ? call : nil
        return endedCall
    }

    /// Stops the media and reports the end. The media work runs in a task
    /// of its own so a cancelled caller (a timer) cannot cut it short.
    func report(_ call: Call, _ reason: SIPCallEnd) async {
        let media = call.media
        let started = call.mediaStart
        let statistics = await Task {
            await started?.value
            return await media.stop()
        }.value
        logger.debug("sip ua call ended", metadata: ["sip.call_id": "\(call.id)", "sip.end": "\(reason)"])
        if call.announced { emit(.callState(call.id, .ended(reason, media: statistics))) }
    }
}
