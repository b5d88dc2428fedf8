/// Turns bytes into Unicode scalars one byte at a time, keeping a partial sequence between calls.
///
/// Rejects everything RFC 3629 forbids: stray continuation bytes, overlong forms,
/// surrogates, values above U+10FFFF and truncated sequences.
struct UTF8ScalarDecoder: Sendable, Hashable {
    private var partial: UInt32 = 0
    private var remaining = 0
    private var minimum: UInt32 = 0

    enum Result {
        case scalar(UInt32)
        case needMore
        case invalid
    }

    /// True while a multi-byte sequence is incomplete.
    var isInsideSequence: Bool { remaining > 0 }

    mutating func decode(_ byte: UInt8) -> Result {
        if remaining == 0 {
            switch byte {
            case 0x00...0x7F:
                return .scalar(UInt32(byte))
            case 0xC2...0xDF:
                start(UInt32(byte & 0x1F), continuationBytes: 1, minimum: 0x80)
            case 0xE0...0xEF:
                start(UInt32(byte & 0x0F), continuationBytes: 2, minimum: 0x800)
            case 0xF0...0xF4:
                start(UInt32(byte & 0x07), continuationBytes: 3, minimum: 0x10000)
            default:
                return .invalid
            }
            return .needMore
        }
        guard byte & 0xC0 == 0x80 else { return .invalid }
        partial = (partial << 6) | UInt32(byte & 0x3F)
        remaining -= 1
        guard remaining == 0 else { return .needMore }
        let value = partial
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return .invalid }
        return .scalar(value)
    }

    private mutating func start(_ bits: UInt32, continuationBytes: Int, minimum: UInt32) {
        partial = bits
        remaining = continuationBytes
        self.minimum = minimum
    }
}
