import SIPCore

/// A call, named by its SIP Call-ID.
public struct SIPCallID: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { value }
}

public enum SIPRegistrationState: Sendable, Hashable {
    /// The registrar took our contact for this many seconds.
    case registered(expires: Int)
    /// We removed our contact (`stop()`).
    case unregistered
    /// A REGISTER (first or refresh) failed; `statusCode` is nil when no
    /// final response came (timeout, transport).
    case failed(statusCode: Int?, reason: String)
}

public enum SIPCallState: Sendable, Hashable {
    /// Our INVITE is out.
    case dialling
    /// 180/183 arrived (outgoing), or we sent 180 (incoming).
    case ringing
    /// 2xx and ACK exchanged; media started.
    case connected
    /// The last state of every call, with what the media carried.
    case ended(SIPCallEnd, media: CallMediaStatistics)
}

/// Why a call ended.
public enum SIPCallEnd: Sendable, Hashable {
    case localHangUp
    case remoteHangUp
    /// The caller gave up before we answered.
    case remoteCancelled
    /// We declined an incoming call.
    case declined
    /// A final non-2xx to our INVITE (486, 404, 480, 603, 403, 503, …), or
    /// 488 for a 2xx whose answer we could not use.
    case failed(statusCode: Int, reason: String)
    /// Timer B, our ring timeout (we CANCELled), or no ACK for our 200.
    case timedOut
    case transportFailure(String)
}

/// What the user agent reports, in the order it happened.
public enum SIPUserAgentEvent: Sendable {
    case registration(SIPRegistrationState)
    /// Raised after we sent 180 Ringing, before `.callState(id, .ringing)`.
    case incomingCall(SIPCallID, from: SIPNameAddress)
    /// Every change of every call, in order; `.ended` comes exactly once.
    case callState(SIPCallID, SIPCallState)
}

public enum SIPUserAgentError: Error, Hashable, Sendable {
    case registrationFailed(statusCode: Int?, reason: String)
    case notStarted
    case noSuchCall
    case tooManyCalls
    case invalidTarget(String)
    case transport(String)
}
