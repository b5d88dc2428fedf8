import SIPCore
import SIPTransport

/// Where the user agent registers and how it behaves on calls.
public struct SIPUserAgentConfiguration: Sendable {
    /// The registrar and outbound proxy, an IP address; its transport (UDP
    /// or TCP) is the one every request of ours uses.
    public var server: SIPTransportAddress
    /// Our SIP and RTP address.
    public var bindHost: String = "127.0.0.1"
    /// Seconds we ask the registrar for; refreshed at half the granted time.
    public var registrationExpiry: Int = 600
    public var timers: TransactionTimers = .default
    /// An outgoing call with no final answer by then is CANCELled and ends `.timedOut`.
    public var ringTimeout: Duration = .seconds(60)
    /// Incoming: a call nobody answers or declines by then gets 480 and ends
    /// `.timedOut`, so a caller that vanished cannot keep the line busy.
    public var answerTimeout: Duration = .seconds(120)
    /// Calls at once (either direction); an INVITE beyond this gets 486 Busy Here.
    public var maximumCalls: Int = 1
    /// Sent as `User-Agent`.
    public var userAgentName: String = "Communicator"
    /// Makes each call's audio before its offer or answer is written.
    public var media: CallMediaFactory

    public init(server: SIPTransportAddress, media: @escaping CallMediaFactory) {
        self.server = server
        self.media = media
    }
}
