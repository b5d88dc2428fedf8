/// A sustained rate with an allowance for bursts above it.
public struct RateLimit: Sendable, Hashable {
    /// Units (bytes, stanzas) per second a sender may keep up indefinitely.
    public var perSecond: Int
    /// Units a sender may send at once on top of what the rate has refilled.
    public var burst: Int

    public init(perSecond: Int, burst: Int) {
        self.perSecond = perSecond
        self.burst = burst
    }
}

/// What one client connection may send. Measured on the bytes the client
/// sends (after TLS decryption) and on the stanzas parsed from them, per
/// connection, on the connection's own event loop.
///
/// There is no throttling stage: the burst is the tolerance for a short
/// excess, and a connection that overdraws it is cut at once with
/// `policy-violation`. Cutting frees the flooder's socket and buffers and
/// costs other connections nothing; pausing reads would keep a hostile
/// connection alive and its kernel buffers full.
public struct ConnectionRateLimits: Sendable, Hashable {
    /// Bytes before the session is bound (stream headers, STARTTLS, SASL, bind):
    /// a handshake needs a few KiB, so this is strict.
    public var unboundBytes = RateLimit(perSecond: 16 * 1024, burst: 64 * 1024)
    /// Bytes once bound. The burst should exceed `XMLStreamLimits.maxStanzaBytes`
    /// so one largest stanza fits.
    public var bytes = RateLimit(perSecond: 256 * 1024, burst: 1024 * 1024)
    /// Stanzas once bound.
    public var stanzas = RateLimit(perSecond: 200, burst: 1000)

    public init() {}
}
