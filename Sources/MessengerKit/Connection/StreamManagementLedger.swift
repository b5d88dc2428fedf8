import XMPPCore

/// XEP-0198 bookkeeping for one client stream once the server enabled (or
/// resumed) stream management: how many of the server's stanzas we handled,
/// and which of ours it has not acknowledged yet. No I/O; the channel
/// handler feeds it and writes what it asks for.
///
/// Counters are 32-bit and wrap (XEP-0198 §4: "h" is taken modulo 2^32), so
/// every comparison is a wrapping difference, never a plain `<`.
struct StreamManagementLedger: Sendable {
    /// The server acknowledged more stanzas than we ever sent: its counting
    /// is broken, so nothing it says about delivery can be trusted.
    struct HandledCountTooHigh: Error, Equatable {
        var h: UInt32
        var sent: UInt32
    }

    /// The stream's SM-ID when the server allows resumption.
    let resumptionID: String?
    /// The server's `max`: how many seconds it keeps the session after a drop.
    let maxResumptionSeconds: Int?
    /// Stanzas from the server we have handled (the `h` we report).
    private(set) var inboundHandled: UInt32
    /// The server's latest `h`: how many of our stanzas it has handled in all.
    private(set) var acknowledged: UInt32
    /// Our stanzas the server has not acknowledged, oldest first; the first
    /// one is stanza number `acknowledged + 1`.
    private(set) var unacked: [XMLElement]
    /// Stanzas sent since we last asked for an ack with `<r/>`.
    private(set) var sentSinceRequest = 0

    init(
        resumptionID: String?, maxResumptionSeconds: Int?,
        inboundHandled: UInt32 = 0, acknowledged: UInt32 = 0, unacked: [XMLElement] = []
    ) {
        self.resumptionID = resumptionID
        self.maxResumptionSeconds = maxResumptionSeconds
        self.inboundHandled = inboundHandled
        self.acknowledged = acknowledged
        self.unacked = unacked
    }

    /// Picks up where a dropped stream stopped.
    init(continuing previous: StreamResumption) {
        self.init(
            resumptionID: previous.id, maxResumptionSeconds: previous.maxResumptionSeconds,
            inboundHandled: previous.inboundHandled, acknowledged: previous.acknowledged, unacked: previous.unacked)
    }

    /// How many stanzas we have sent on this SM session, modulo 2^32.
    var sentCount: UInt32 {
        acknowledged &+ UInt32(truncatingIfNeeded: unacked.count)
    }

    /// Only these count; SM's own elements and stream-level elements do not (XEP-0198 §4).
    static func isStanza(_ element: XMLElement) -> Bool {
        let name = element.name
        guard name == "message" || name == "presence" || name == "iq" else { return false }
        return element.namespace == nil || element.namespace == XMLNamespace.client
    }

    /// One more stanza from the server was handled.
    mutating func handledInbound() {
        inboundHandled &+= 1
    }

    /// We sent `stanza`; true when it is time to ask for an ack (`every` sent since the last request).
    mutating func sent(_ stanza: XMLElement, requestAckEvery every: Int) -> Bool {
        unacked.append(stanza)
        sentSinceRequest += 1
        guard sentSinceRequest >= max(every, 1) else { return false }
        sentSinceRequest = 0
        return true
    }

    /// True when stanzas were sent since the last `<r/>`; resets the count (an idle-time request).
    mutating func takeIdleRequest() -> Bool {
        guard sentSinceRequest > 0, !unacked.isEmpty else { return false }
        sentSinceRequest = 0
        return true
    }

    /// The server's `<a h/>` (or the `h` of `<resumed/>`): drops what it covers.
    mutating func acknowledge(_ h: UInt32) throws(HandledCountTooHigh) {
        let newlyAcknowledged = h &- acknowledged
        guard newlyAcknowledged <= UInt32(truncatingIfNeeded: unacked.count) else {
            throw HandledCountTooHigh(h: h, sent: sentCount)
        }
        unacked.removeFirst(Int(newlyAcknowledged))
        acknowledged = h
    }

    /// After `<resumed h/>` (so `acknowledged` is the server's count): forgets
    /// unacknowledged stanzas that will not be sent again. The server never
    /// counted them, so the next stanza sent takes the place of the first one forgotten.
    mutating func forgetUnacked(where shouldForget: (XMLElement) -> Bool) {
        unacked.removeAll(where: shouldForget)
    }

    /// iq get/set: requests whose callers were told they failed when the
    /// stream dropped; resending them would let a user's retry run them twice.
    static func isRequest(_ stanza: XMLElement) -> Bool {
        let type = stanza[attribute: "type"]
        return stanza.name == "iq" && (type == "get" || type == "set")
    }

    /// `<a h='…'/>` for the server's `<r/>`.
    var ackElement: XMLElement {
        XMLElement(name: "a", namespace: XMLNamespace.streamManagement, attributes: ["h": String(inboundHandled)])
    }

    static var requestElement: XMLElement {
        XMLElement(name: "r", namespace: XMLNamespace.streamManagement)
    }
}
