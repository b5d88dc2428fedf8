extension RTPPacket {
    /// Parses one packet, e.g. a UDP datagram.
    public init(parsing datagram: some Collection<UInt8>) throws(RTPError) {
        let bytes = Array(datagram)
        guard bytes.count >= Self.fixedHeaderSize else {
            throw RTPError(.truncated, "\(bytes.count) bytes, the fixed header needs 12")
        }
        guard bytes[0] >> 6 == 2 else { throw RTPError(.unsupportedVersion, "version \(bytes[0] >> 6)") }
        let hasPadding = bytes[0] & 0x20 != 0
        let hasExtension = bytes[0] & 0x10 != 0
        let csrcCount = Int(bytes[0] & 0x0F)
        var index = Self.fixedHeaderSize
        guard bytes.count >= index + 4 * csrcCount else {
            throw RTPError(.truncated, "\(csrcCount) CSRCs do not fit in \(bytes.count) bytes")
        }
        let csrcs = (0..<csrcCount).map { Self.word(bytes, at: index + 4 * $0) }
        index += 4 * csrcCount
        var headerExtension: HeaderExtension?
        if hasExtension {
            guard bytes.count >= index + 4 else { throw RTPError(.truncated, "header extension") }
            let length = 4 * (Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]))
            guard bytes.count >= index + 4 + length else {
                throw RTPError(.truncated, "header extension of \(length) bytes")
            }
            headerExtension = HeaderExtension(profile: UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]),
                                              data: Array(bytes[(index + 4)..<(index + 4 + length)]))
            index += 4 + length
        }
        var end = bytes.count
        var paddingLength: UInt8 = 0
        if hasPadding {
            // The last octet counts the padding, itself included.
            guard end > index, let count = bytes.last, count > 0, Int(count) <= end - index else {
                throw RTPError(.invalidPadding, "padding count \(end > index ? Int(bytes[end - 1]) : 0) with \(end - index) bytes after the headers")
            }
            paddingLength = count
            end -= Int(count)
        }
        self.init(marker: bytes[1] & 0x80 != 0, payloadType: bytes[1] & 0x7F,
                  sequenceNumber: UInt16(bytes[2]) << 8 | UInt16(bytes[3]), timestamp: Self.word(bytes, at: 4),
                  ssrc: Self.word(bytes, at: 8), csrcs: csrcs, headerExtension: headerExtension,
                  payload: Array(bytes[index..<end]), paddingLength: paddingLength)
    }

    /// The packet as octets. Padding is written as zeros ending in its count.
    public func serialized() throws(RTPError) -> [UInt8] {
        guard payloadType < 128 else { throw RTPError(.invalidPayloadType, "\(payloadType)") }
        guard csrcs.count <= 15 else { throw RTPError(.tooManyCSRCs, "\(csrcs.count)") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.fixedHeaderSize + 4 * csrcs.count + payload.count + Int(paddingLength))
        bytes.append(0x80 | (paddingLength > 0 ? 0x20 : 0) | (headerExtension != nil ? 0x10 : 0) | UInt8(csrcs.count))
        bytes.append((marker ? 0x80 : 0) | payloadType)
        bytes.append(UInt8(sequenceNumber >> 8))
        bytes.append(UInt8(truncatingIfNeeded: sequenceNumber))
        Self.append(timestamp, to: &bytes)
        Self.append(ssrc, to: &bytes)
        for csrc in csrcs { Self.append(csrc, to: &bytes) }
        if let headerExtension {
            let data = headerExtension.data
            let words = data.count / 4
            guard data.count % 4 == 0, words <= Int(UInt16.max) else {
                throw RTPError(.invalidExtension, "extension data of \(data.count) bytes is not a multiple of 4 up to 262140")
            }
            bytes.append(UInt8(headerExtension.profile >> 8))
            bytes.append(UInt8(truncatingIfNeeded: headerExtension.profile))
            bytes.append(UInt8(words >> 8))
            bytes.append(UInt8(truncatingIfNeeded: words))
            bytes += data
        }
        bytes += payload
        if paddingLength > 0 {
            bytes += [UInt8](repeating: 0, count: Int(paddingLength) - 1)
            bytes.append(paddingLength)
        }
        return bytes
    }

    static func word(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
    }

    static func append(_ word: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                  UInt8(truncatingIfNeeded: word)]
    }
}
