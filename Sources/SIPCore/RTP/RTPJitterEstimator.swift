/// Interarrival jitter as RFC 3550 §6.4.1 defines it and §A.8 computes it:
/// J += (|D| − J) / 16, in timestamp units, kept ×16 in an integer.
public struct RTPJitterEstimator: Hashable, Sendable {
    private var lastTransit: UInt32?
    private var scaledJitter: UInt32 = 0

    public init() {}

    /// Feeds one packet: its RTP timestamp and its arrival time on the same
    /// clock (arrival seconds × clock rate, wrapping like the timestamp).
    public mutating func update(timestamp: UInt32, arrival: UInt32) {
        let transit = arrival &- timestamp
        defer { lastTransit = transit }
        guard let lastTransit else { return }
        let difference = Int32(bitPattern: transit &- lastTransit).magnitude
        scaledJitter = scaledJitter &+ difference &- ((scaledJitter &+ 8) >> 4)
    }

    /// The estimate in timestamp units, as a receiver report carries it.
    public var jitter: UInt32 { scaledJitter >> 4 }
}
