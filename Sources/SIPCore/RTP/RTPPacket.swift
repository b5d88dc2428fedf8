/// An RTP data packet (RFC 3550 §5.1): the fixed header, CSRC list,
/// optional header extension, payload and padding.
public struct RTPPacket: Hashable, Sendable {
    public var marker: Bool
    /// 0…127.
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    /// At most 15 contributing sources.
    public var csrcs: [UInt32]
    public var headerExtension: HeaderExtension?
    public var payload: [UInt8]
    /// Octets of padding after the payload, the count octet included;
    /// 0 for none.
    public var paddingLength: UInt8

    public init(marker: Bool = false, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
                csrcs: [UInt32] = [], headerExtension: HeaderExtension? = nil, payload: [UInt8], paddingLength: UInt8 = 0) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.headerExtension = headerExtension
        self.payload = payload
        self.paddingLength = paddingLength
    }

    /// The header extension (RFC 3550 §5.3.1): a profile-defined 16-bit
    /// value and data whose length is a multiple of four octets.
    public struct HeaderExtension: Hashable, Sendable {
        public var profile: UInt16
        public var data: [UInt8]

        public init(profile: UInt16, data: [UInt8]) {
            self.profile = profile
            self.data = data
        }
    }

    static let fixedHeaderSize = 12
}
