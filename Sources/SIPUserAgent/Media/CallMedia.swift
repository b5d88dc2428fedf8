import SIPCore

/// The audio half of one call, as the user agent sees it: a local RTP port
/// to write into SDP, started once offer/answer has settled, stopped when
/// the call ends. The signalling code knows nothing else about media, so
/// tests can give it a fake and the RTP code can be tested without SIP.
public protocol CallMedia: Sendable {
    /// The UDP port RTP arrives on; written into our offer or answer.
    var localPort: UInt16 { get }
    /// Starts sending and receiving the stream offer/answer settled on.
    /// Called at most once.
    func start(_ stream: SDPOfferAnswer.Stream) async throws
    /// Stops both directions, releases the port, finishes any recording,
    /// and reports what flowed. Safe to call more than once and without `start`.
    func stop() async -> CallMediaStatistics
}

/// What flowed during a call, as `CallMedia.stop()` reports it.
public struct CallMediaStatistics: Sendable, Hashable {
    public var packetsSent: Int
    public var packetsReceived: Int
    /// Decoded audio samples received (8 kHz, so 8,000 per second).
    public var samplesReceived: Int
    /// Root mean square of the received samples (0 for silence, about
    /// 5,657 for a full-scale-8,000 sine); 0 when nothing arrived.
    public var receivedRMS: Double

    public init(packetsSent: Int = 0, packetsReceived: Int = 0, samplesReceived: Int = 0, receivedRMS: Double = 0) {
        self.packetsSent = packetsSent
        self.packetsReceived = packetsReceived
        self.samplesReceived = samplesReceived
        self.receivedRMS = receivedRMS
    }
}

/// Makes the media for one call, before the user agent writes its offer or
/// answer. `callID` is the SIP Call-ID, for naming recordings.
public typealias CallMediaFactory = @Sendable (_ callID: String) async throws -> any CallMedia
