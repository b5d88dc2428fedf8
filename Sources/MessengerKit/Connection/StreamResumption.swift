import XMPPCore

/// What a stream with XEP-0198 stream management left behind when it ended:
/// enough to resume it on a new connection (`Configuration.resume`), and the
/// stanzas the server never acknowledged, which must be sent again one way
/// or another.
public struct StreamResumption: Sendable, Hashable {
    /// The server's SM-ID (`previd` when resuming); nil when the server did
    /// not allow resumption or the stream was closed on purpose.
    public var id: String?
    /// The full JID the stream was bound to; a resumed stream keeps it.
    public var jid: JID
    /// How many of the server's stanzas we handled (our `h`).
    public var inboundHandled: UInt32
    /// How many of our stanzas the server acknowledged (its last `h`).
    public var acknowledged: UInt32
    /// Our stanzas the server has not acknowledged, in the order they were sent.
    public var unacked: [XMLElement]
    /// The server's `max`: seconds it keeps the session after a drop; nil when it did not say.
    public var maxResumptionSeconds: Int?
    /// When the stream ended.
    public var endedAt: ContinuousClock.Instant

    public init(
        id: String?, jid: JID, inboundHandled: UInt32, acknowledged: UInt32, unacked: [XMLElement],
        maxResumptionSeconds: Int?, endedAt: ContinuousClock.Instant
    ) {
        self.id = id
        self.jid = jid
        self.inboundHandled = inboundHandled
        self.acknowledged = acknowledged
        self.unacked = unacked
        self.maxResumptionSeconds = maxResumptionSeconds
        self.endedAt = endedAt
    }

    /// Whether asking to resume can still work: the server gave an id and its
    /// window has not passed. Without a `max` we cannot know, so we try.
    public func isResumable(at now: ContinuousClock.Instant = .now) -> Bool {
        guard id != nil else { return false }
        guard let maxResumptionSeconds else { return true }
        return now < endedAt + .seconds(maxResumptionSeconds)
    }

    /// After a `<failed/>` that says how many stanzas the server did handle
    /// (its optional `h`): the ones it did not. An `h` that does not fit is ignored.
    func unacknowledged(byFailedResumeH h: UInt32?) -> [XMLElement] {
        guard let h else { return unacked }
        let handled = h &- acknowledged
        guard handled <= UInt32(truncatingIfNeeded: unacked.count) else { return unacked }
        return Array(unacked.dropFirst(Int(handled)))
    }
}
