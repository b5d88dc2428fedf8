import SIPCore

/// Reads the datagrams of one incoming stream: keeps packets of the
/// negotiated voice codec and decodes them, counts RFC 4733 telephone
/// events, drops everything else. Audio comes out in arrival order, with
/// silence where sequence numbers show packets missing.
struct RTPAudioReceiver: Sendable {
    /// At most this much silence stands in for one gap (1 s at 8 kHz).
    static let maximumGapFill = WAVAudio.telephoneSampleRate
    /// Larger datagrams are not RTP we asked for (the path MTU is 1,500).
    static let maximumDatagramSize = 1_500

    let payloadType: UInt8
    let law: G711.Law
    let telephoneEventPayloadType: UInt8?

    private(set) var packetsReceived = 0
    private(set) var samplesReceived = 0
    private(set) var telephoneEventsReceived = 0
    private var sumOfSquares: Double = 0
    private var ssrc: UInt32?
    private var sequence = RTPSequenceUnwrapper()

    init(payloadType: UInt8, law: G711.Law, telephoneEventPayloadType: UInt8?) {
        self.payloadType = payloadType
        self.law = law
        self.telephoneEventPayloadType = telephoneEventPayloadType
    }

    /// The audio a datagram adds to the recording: gap silence and its
    /// decoded samples; empty for anything that carries no new audio.
    mutating func receive(_ datagram: some Collection<UInt8>) -> [Int16] {
        guard datagram.count <= Self.maximumDatagramSize,
              let packet = try? RTPPacket(parsing: datagram)
        else { return [] }
        if let telephoneEventPayloadType, packet.payloadType == telephoneEventPayloadType {
            guard (try? TelephoneEvent(parsing: packet.payload)) != nil else { return [] }
            packetsReceived += 1
            telephoneEventsReceived += 1
            return []
        }
        guard packet.payloadType == payloadType, !packet.payload.isEmpty else { return [] }
        packetsReceived += 1
        if packet.ssrc != ssrc {
            // A new source (or the peer restarted its stream): its numbers
            // say nothing about the old one's, so no gap is filled.
            ssrc = packet.ssrc
            sequence = RTPSequenceUnwrapper()
        }
        let previous = sequence.highest
        let extended = sequence.unwrap(packet.sequenceNumber)
        // A duplicate, or a late packet whose place is already silence.
        if let previous, extended <= previous { return [] }
        let samples = law.decode(packet.payload)
        samplesReceived += samples.count
        for sample in samples { sumOfSquares += Double(sample) * Double(sample) }
        let missing = previous.map { Int(clamping: extended - $0 - 1) } ?? 0
        guard missing > 0 else { return samples }
        let fill = min(missing.multipliedReportingOverflow(by: samples.count).overflow ? Self.maximumGapFill
                       : missing * samples.count, Self.maximumGapFill)
        return [Int16](repeating: 0, count: fill) + samples
    }

    /// Root mean square of the decoded samples, 0 when there are none.
    var receivedRMS: Double { samplesReceived > 0 ? (sumOfSquares / Double(samplesReceived)).squareRoot() : 0 }
}
