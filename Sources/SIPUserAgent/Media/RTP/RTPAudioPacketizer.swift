import SIPCore

/// Turns frames of samples into the RTP packets of one outgoing stream
/// (RFC 3550 §5.1): random SSRC, sequence number and timestamp to start,
/// the marker bit on the first packet, the timestamp advancing by the
/// samples of every frame — sent or skipped.
struct RTPAudioPacketizer: Sendable {
    let payloadType: UInt8
    let law: G711.Law
    let ssrc: UInt32
    private(set) var sequenceNumber: UInt16
    private(set) var timestamp: UInt32
    private var isFirst = true

    init(payloadType: UInt8, law: G711.Law, ssrc: UInt32 = .random(in: .min ... .max),
         sequenceNumber: UInt16 = .random(in: .min ... .max), timestamp: UInt32 = .random(in: .min ... .max)) {
        self.payloadType = payloadType
        self.law = law
        self.ssrc = ssrc
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
    }

    /// The packet carrying `samples`.
    mutating func packet(for samples: [Int16]) -> RTPPacket {
        let packet = RTPPacket(marker: isFirst, payloadType: payloadType, sequenceNumber: sequenceNumber,
                               timestamp: timestamp, ssrc: ssrc, payload: law.encode(samples))
        isFirst = false
        sequenceNumber &+= 1
        timestamp &+= UInt32(truncatingIfNeeded: samples.count)
        return packet
    }

    /// Accounts for a frame not sent (the sender fell behind): the timestamp
    /// moves on, the sequence number does not (RFC 3550 §5.1).
    mutating func skip(samples: Int) {
        timestamp &+= UInt32(truncatingIfNeeded: samples)
    }
}
