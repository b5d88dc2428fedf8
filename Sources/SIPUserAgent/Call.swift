import SIPCore
import SIPTransport

/// What the user agent keeps about one call while it lasts.
struct Call: Sendable {
    enum Direction: Sendable { case outgoing, incoming }

    enum Phase: Sendable, Equatable {
        case dialling
        case ringing
        /// Incoming: our 200 is out, the ACK has not come.
        case answering
        case connected
        case ended
    }

    let id: SIPCallID
    let direction: Direction
    var phase: Phase
    let media: any CallMedia
    /// Our side of offer/answer; its session version grows with each description.
    var offerAnswer: SDPOfferAnswer
    /// Our offer (outgoing) or our answer (incoming).
    var localSession: SDPSession
    /// The stream media starts with: from our answer, or from the peer's answer.
    var stream: SDPOfferAnswer.Stream?
    var dialog: SIPDialog?
    /// Runs `media.start`; the end of the call waits for it before `stop`.
    var mediaStart: Task<Void, Never>?
    /// Ring timeout, 2xx retransmission, CANCEL guard: cancelled when the call ends.
    var timers: [Task<Void, Never>] = []

    // Outgoing.
    /// The INVITE in flight (the last one, after a challenge).
    var invite: SIPRequest?
    /// While its transaction lives the ended call stays, so a late 2xx is ACKed and BYEd.
    var inviteRunning = false
    var heardProvisional = false
    /// A CANCEL is owed once a provisional response arrives (§9.1).
    var cancelOwed = false
    var cancelSent = false
    /// Set by the ring timeout: the reason the final response ends the call with.
    var endOnFinal: SIPCallEnd?
    var challengesAnswered = 0
    /// The ACK for each 2xx by its To tag, re-sent for each retransmission
    /// (§13.2.2.4); more than one when the INVITE forked.
    var acks: [String: (request: SIPRequest, destination: SIPTransportAddress)] = [:]

    // Incoming.
    var request: SIPRequest?
    var transaction: SIPTransactionLayer.ServerTransactionID?
    var localTag: String?
    var ok: SIPResponse?
    /// False until `.incomingCall` is out: a call nobody heard of ends silently.
    var announced = true

    init(id: SIPCallID, direction: Direction, phase: Phase, media: any CallMedia, offerAnswer: SDPOfferAnswer, localSession: SDPSession) {
        self.id = id
        self.direction = direction
        self.phase = phase
        self.media = media
        self.offerAnswer = offerAnswer
        self.localSession = localSession
    }

    /// Counted against `maximumCalls`.
    var isActive: Bool { phase != .ended }
}
