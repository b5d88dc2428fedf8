/// ITU-T G.711 companding between 16-bit linear PCM and 8-bit μ-law
/// (PCMU, payload type 0) or A-law (PCMA, payload type 8).
public enum G711 {
    public enum Law: Hashable, Sendable {
        case muLaw, aLaw

        public func encode(_ sample: Int16) -> UInt8 {
            self == .muLaw ? G711.muLawEncode(sample) : G711.aLawEncode(sample)
        }

        public func decode(_ byte: UInt8) -> Int16 {
            self == .muLaw ? G711.muLawDecode(byte) : G711.aLawDecode(byte)
        }

        public func encode(_ samples: some Sequence<Int16>) -> [UInt8] { samples.map(encode) }
        public func decode(_ bytes: some Sequence<UInt8>) -> [Int16] { bytes.map(decode) }
    }

    private static let muLawBias = 0x84
    private static let muLawClip = 32_635

    /// μ-law: sign, 3-bit segment, 4-bit step, all inverted; the magnitude
    /// is biased by 132 so segments start at powers of two.
    public static func muLawEncode(_ sample: Int16) -> UInt8 {
        let sign: Int = sample < 0 ? 0x80 : 0
        let magnitude = min(Int(sample.magnitude), muLawClip) + muLawBias
        let segment = (Int.bitWidth - magnitude.leadingZeroBitCount) - 8  // magnitude ≥ 132, so ≥ 0
        let step = (magnitude >> (segment + 3)) & 0x0F
        return ~UInt8(sign | segment << 4 | step)
    }

    public static func muLawDecode(_ byte: UInt8) -> Int16 {
        let code = Int(~byte)
        let segment = (code >> 4) & 0x07
        let magnitude = (((code & 0x0F) << 3) + muLawBias) << segment - muLawBias
        return Int16(code & 0x80 != 0 ? -magnitude : magnitude)
    }

    /// A-law on the 13-bit magnitude: segments 0 and 1 share a step, the
    /// rest double; even bits are inverted (XOR 0x55) on the wire.
    public static func aLawEncode(_ sample: Int16) -> UInt8 {
        var value = Int(sample) >> 3
        let mask: Int
        if value >= 0 {
            mask = 0xD5
        } else {
            mask = 0x55
            value = -value - 1
        }
        let segment = max(0, (Int.bitWidth - value.leadingZeroBitCount) - 5)
        let step = segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F
        return UInt8((segment << 4 | step) ^ mask)
    }

    public static func aLawDecode(_ byte: UInt8) -> Int16 {
        let code = Int(byte ^ 0x55)
        let segment = (code & 0x70) >> 4
        var magnitude = (code & 0x0F) << 4
        switch segment {
        case 0: magnitude += 8
        case 1: magnitude += 0x108
        default: magnitude = (magnitude + 0x108) << (segment - 1)
        }
        return Int16(code & 0x80 != 0 ? magnitude : -magnitude)
    }
}
