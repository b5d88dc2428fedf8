import XMPPCore

/// One connection's byte and stanza budgets. Owned by its channel handler
/// and used only on its event loop, so checking costs other connections nothing.
struct ConnectionRateLimiter: Sendable {
    private let limits: ConnectionRateLimits
    private var bytes: TokenBucket
    /// Counted only once the session is bound; before that the stream task
    /// takes one element at a time anyway.
    private var stanzas: TokenBucket?

    init(limits: ConnectionRateLimits, nowNanoseconds: UInt64) {
        self.limits = limits
        self.bytes = TokenBucket(limits.unboundBytes, nowNanoseconds: nowNanoseconds)
    }

    /// Switches to the budgets for a bound session, starting full.
    mutating func sessionBound(nowNanoseconds: UInt64) {
        bytes = TokenBucket(limits.bytes, nowNanoseconds: nowNanoseconds)
        stanzas = TokenBucket(limits.stanzas, nowNanoseconds: nowNanoseconds)
    }

    /// The stream error that ends the connection when `count` bytes overdraw it.
    mutating func received(bytes count: Int, nowNanoseconds: UInt64) -> StreamError? {
        guard !bytes.spend(count, nowNanoseconds: nowNanoseconds) else { return nil }
        let limit = stanzas == nil ? limits.unboundBytes : limits.bytes
        let phase = stanzas == nil ? " before binding a resource" : ""
        return StreamError(
            .policyViolation,
            text: "byte rate limit: more than \(limit.perSecond) bytes/s (burst \(limit.burst))\(phase)")
    }

    /// The stream error that ends the connection when one more stanza overdraws it.
    mutating func receivedStanza(nowNanoseconds: UInt64) -> StreamError? {
        guard var bucket = stanzas else { return nil }
        defer { stanzas = bucket }
        guard !bucket.spend(1, nowNanoseconds: nowNanoseconds) else { return nil }
        return StreamError(
            .policyViolation,
            text: "stanza rate limit: more than \(limits.stanzas.perSecond) stanzas/s (burst \(limits.stanzas.burst))")
    }
}
