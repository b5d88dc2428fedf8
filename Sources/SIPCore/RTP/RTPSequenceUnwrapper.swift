/// Extends 16-bit RTP sequence numbers to a count that does not wrap
/// (RFC 3550 §A.1's cycles × 65536 + seq), so reordered and repeated
/// packets across a rollover still compare correctly.
public struct RTPSequenceUnwrapper: Hashable, Sendable {
    /// The highest extended number seen.
    public private(set) var highest: Int64?

    public init() {}

    /// The extended number of `sequenceNumber`: the one nearest to the
    /// highest so far (within ±32768).
    public mutating func unwrap(_ sequenceNumber: UInt16) -> Int64 {
        guard let highest else {
            highest = Int64(sequenceNumber)
            return Int64(sequenceNumber)
        }
        let step = Int16(bitPattern: sequenceNumber &- UInt16(truncatingIfNeeded: highest))
        let extended = highest + Int64(step)
        self.highest = max(highest, extended)
        return extended
    }
}
