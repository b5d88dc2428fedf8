import NIOCore
import NIOSSL
import XMPPCore

/// XEP-0198 on a bound stream: every stanza written goes through
/// `writeStanza` (kept until acknowledged), every stanza handled is counted,
/// `<r/>` is answered and `<a/>` trims the unacknowledged queue. When the
/// stream ends, what it left behind becomes a `StreamResumption`.
extension XMPPClientChannelHandler {
    /// Writes one stanza; with stream management on, keeps it until the
    /// server acknowledges it and asks for an ack now and then.
    func writeStanza(_ stanza: XMLElement, promise: EventLoopPromise<Void>?) {
        guard let context else {
            promise?.fail(XMPPClientError(.notConnected))
            return
        }
        var stanza = stanza
        // An element built without a namespace is meant as a stanza of our stream.
        if stanza.namespace == nil { stanza.namespace = XMLNamespace.client }
        context.write(wrapOutboundOut(encode(stanza)), promise: promise)
        guard ledger != nil, StreamManagementLedger.isStanza(stanza) else {
            context.flush()
            return
        }
        // Mutated in place: a copy of the ledger would copy its queue.
        let askNow = ledger?.sent(stanza, requestAckEvery: configuration.ackRequestEvery) ?? false
        if askNow { context.write(wrapOutboundOut(encode(StreamManagementLedger.requestElement)), promise: nil) }
        context.flush()
        if let unacked = ledger?.unacked.count, unacked > configuration.maxUnackedStanzas {
            dropAbruptly(XMPPClientError(.closed, "the server left more than \(configuration.maxUnackedStanzas) stanzas unacknowledged"))
            return
        }
        scheduleIdleAckRequest()
    }

    /// Counts a stanza the server sent once we have handled it.
    func countHandled(_ stanza: XMLElement) {
        guard ledger != nil, StreamManagementLedger.isStanza(stanza) else { return }
        ledger?.handledInbound()
    }

    /// `<r/>`, `<a/>`, and late `<enabled/>`/`<failed/>` (ignored).
    func receiveStreamManagement(_ element: XMLElement) {
        guard ledger != nil else { return }
        switch element.name {
        case "r":
            guard let context, let ack = ledger?.ackElement else { return }
            context.writeAndFlush(wrapOutboundOut(encode(ack)), promise: nil)
        case "a":
            guard let text = element[attribute: "h"], let h = UInt32(text) else {
                fail(.protocolViolation("an ack without a valid h"), telling: StreamError(.undefinedCondition, text: "invalid h"))
                return
            }
            acknowledge(h)
        default:
            return
        }
    }

    /// The server's `h`; more than we sent ends the stream (XEP-0198 §4).
    private func acknowledge(_ h: UInt32) {
        do throws(StreamManagementLedger.HandledCountTooHigh) {
            try ledger?.acknowledge(h)
        } catch {
            fail(
                .protocolViolation("the server acknowledged \(error.h) stanzas; we sent \(error.sent)"),
                telling: StreamError(.undefinedCondition, text: "handled-count-too-high: h=\(error.h) send-count=\(error.sent)"))
        }
    }

    /// The server resumed `previous`: continue its counters, forget what it
    /// handled, send the rest again in order (they stay unacknowledged) —
    /// except iq requests, whose pending replies failed when the stream dropped.
    func resumeLedger(_ previous: StreamResumption, serverHandled h: UInt32) {
        ledger = StreamManagementLedger(continuing: previous)
        outlets.streamManagement.withLockedValue {
            $0.enabled = true
            $0.resumed = true
        }
        acknowledge(h)
        ledger?.forgetUnacked(where: StreamManagementLedger.isRequest)
        guard case .negotiating = phase, let context, let resend = ledger?.unacked, !resend.isEmpty else { return }
        for stanza in resend { context.write(wrapOutboundOut(encode(stanza)), promise: nil) }
        context.write(wrapOutboundOut(encode(StreamManagementLedger.requestElement)), promise: nil)
        context.flush()
    }

    private func scheduleIdleAckRequest() {
        guard let context else { return }
        idleAckRequest?.cancel()
        idleAckRequest = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(configuration.ackRequestAfterIdle)) {
            guard case .bound = self.phase, let context = self.context, self.ledger?.takeIdleRequest() == true else { return }
            context.writeAndFlush(self.wrapOutboundOut(self.encode(StreamManagementLedger.requestElement)), promise: nil)
        }
    }

    // MARK: When the stream ends

    /// Records what the stream leaves behind. A stream we closed on purpose
    /// cannot be resumed (the server ended the session), but its
    /// unacknowledged stanzas are still reported.
    func keepResumption(closedOnPurpose: Bool) {
        idleAckRequest?.cancel()
        guard let ledger, let boundJID else { return }
        let snapshot = StreamResumption(
            id: closedOnPurpose ? nil : ledger.resumptionID, jid: boundJID, inboundHandled: ledger.inboundHandled,
            acknowledged: ledger.acknowledged, unacked: ledger.unacked,
            maxResumptionSeconds: ledger.maxResumptionSeconds, endedAt: .now)
        outlets.streamManagement.withLockedValue { $0.resumption = snapshot }
    }

    /// A stanza handed to `send` just after the stream died: it joins the
    /// unacknowledged ones, so resuming (or the layer above) sends it. False
    /// when there is no snapshot to keep it in, or it is full.
    func keepForResumption(_ stanza: XMLElement) -> Bool {
        guard StreamManagementLedger.isStanza(stanza) else { return false }
        var stanza = stanza
        if stanza.namespace == nil { stanza.namespace = XMLNamespace.client }
        let kept = stanza
        let limit = configuration.maxUnackedStanzas
        return outlets.streamManagement.withLockedValue { report in
            guard report.resumption != nil, let count = report.resumption?.unacked.count, count < limit else { return false }
            report.resumption?.unacked.append(kept)
            return true
        }
    }

    /// Ends the connection like a network failure would: no `</stream:stream>`,
    /// no TLS close_notify, so the server keeps the session for resumption.
    func dropAbruptly(_ reason: XMPPClientError) {
        guard case .bound = phase, let context else {
            fail(reason)
            return
        }
        logger.debug("xmpp connection dropped", metadata: ["xmpp.error": "\(reason)"])
        finishClosed(reason: reason)
        // Closing from the TLS handler's own context skips it: the socket
        // closes without a TLS goodbye, as when a cable is pulled.
        if let tls = try? context.pipeline.syncOperations.context(handlerType: NIOSSLClientHandler.self) {
            tls.close(promise: nil)
        } else {
            context.close(promise: nil)
        }
    }
}
