/// The bits of RIFF/WAVE both the reader and the writers need: the canonical
/// 44-byte header of 16-bit mono PCM and little-endian integers.
enum WAVFormat {
    static let headerSize = 44
    /// Where the RIFF size and the data size sit in the canonical header.
    static let riffSizeOffset = 4
    static let dataSizeOffset = 40

    static let pcmTag: UInt16 = 1
    static let extensibleTag: UInt16 = 0xFFFE

    /// The canonical header of a 16-bit mono PCM file holding `dataBytes` of samples.
    static func header(sampleRate: Int, dataBytes: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerSize)
        bytes += Array("RIFF".utf8)
        appendUInt32(36 &+ dataBytes, to: &bytes)
        bytes += Array("WAVE".utf8)
        bytes += Array("fmt ".utf8)
        appendUInt32(16, to: &bytes)
        appendUInt16(pcmTag, to: &bytes)
        appendUInt16(1, to: &bytes)                          // channels
        appendUInt32(UInt32(clamping: sampleRate), to: &bytes)
        appendUInt32(UInt32(clamping: sampleRate * 2), to: &bytes)  // byte rate
        appendUInt16(2, to: &bytes)                          // block align
        appendUInt16(16, to: &bytes)                         // bits per sample
        bytes += Array("data".utf8)
        appendUInt32(dataBytes, to: &bytes)
        return bytes
    }

    static func appendUInt16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
    }

    static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
                  UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)]
    }

    /// Samples as little-endian 16-bit words.
    static func encode(_ samples: some Collection<Int16>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(samples.count * 2)
        for sample in samples { appendUInt16(UInt16(bitPattern: sample), to: &bytes) }
        return bytes
    }

    static func uint16(_ bytes: [UInt8], at index: Int) -> UInt16 {
        UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }
}
