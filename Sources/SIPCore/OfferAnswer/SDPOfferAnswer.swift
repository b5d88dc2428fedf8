/// The audio offer/answer model (RFC 3264) as our user agent plays it: one
/// RTP/AVP audio stream, G.711 plus RFC 4733 telephone events.
///
/// `offer(port:)` writes what we send; `answer(to:port:)` answers an offer;
/// `stream(answer:offer:)` reads the answer to our offer. The results say
/// where to send, with which payload types, in which direction.
public struct SDPOfferAnswer: Hashable, Sendable {
    /// Codecs in order of preference; telephone-event is offered and
    /// accepted only next to a voice codec.
    public var codecs: [Codec]
    /// The `a=ptime` we ask for, nil to leave it out.
    public var packetTime: Int?
    /// Our media address, written into `o=` and `c=`.
    public var address: String
    /// `o=` username, session id and version. Bump the version for every
    /// new description in the same session (RFC 3264 §8).
    public var username: String
    public var sessionID: UInt64
    public var sessionVersion: UInt64

    public init(address: String, sessionID: UInt64, sessionVersion: UInt64 = 0, username: String = "-",
                codecs: [Codec] = [.pcmu, .pcma, .telephoneEvent], packetTime: Int? = 20) {
        self.address = address
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.username = username
        self.codecs = codecs
        self.packetTime = packetTime
    }

    /// An RTP audio format we can send and receive.
    public struct Codec: Hashable, Sendable {
        public var encodingName: String
        public var clockRate: Int
        /// The static payload type, or the number we pick when we offer a
        /// dynamic one (an answer keeps the offerer's number).
        public var payloadType: UInt8
        /// `a=fmtp` parameters we write, e.g. `0-15`.
        public var formatParameters: String?

        public init(encodingName: String, clockRate: Int, payloadType: UInt8, formatParameters: String? = nil) {
            self.encodingName = encodingName
            self.clockRate = clockRate
            self.payloadType = payloadType
            self.formatParameters = formatParameters
        }

        public static let pcmu = Codec(encodingName: "PCMU", clockRate: 8_000, payloadType: 0)
        public static let pcma = Codec(encodingName: "PCMA", clockRate: 8_000, payloadType: 8)
        /// RFC 4733 DTMF digits 0-9, *, #, A-D.
        public static let telephoneEvent = Codec(encodingName: "telephone-event", clockRate: 8_000,
                                                 payloadType: 101, formatParameters: "0-15")

        public var isTelephoneEvent: Bool { encodingName.lowercased() == "telephone-event" }

        func matches(_ map: SDPSession.RTPMap) -> Bool {
            map.encodingName.lowercased() == encodingName.lowercased() && map.clockRate == clockRate
                && (map.channels ?? 1) == 1
        }
    }

    /// The audio stream an exchange settled on, from our side.
    public struct Stream: Hashable, Sendable {
        /// Which `m=` line it is.
        public var mediaIndex: Int
        /// Where the peer receives RTP.
        public var remoteAddress: String
        public var remotePort: UInt16
        /// The voice codec to send, with the payload type to put on the wire.
        public var codec: Codec
        /// The telephone-event payload type, if both sides have it.
        public var telephoneEventPayloadType: UInt8?
        /// Whether we send, receive, both or neither.
        public var direction: SDPSession.Direction
        /// The peer's `a=ptime`, how long the packets it wants are.
        public var remotePacketTime: Int?
    }

    /// What `answer(to:port:)` produces.
    public struct Answer: Hashable, Sendable {
        public var session: SDPSession
        /// Nil when no audio stream could be accepted: every `m=` line of
        /// the answer has port 0 and a SIP UAS would rather answer 488.
        public var stream: Stream?
    }

    /// The RTP/AVP static payload types we know by number (RFC 3551 §6),
    /// for offers that leave out their `a=rtpmap`.
    static func staticMap(_ payloadType: UInt8) -> SDPSession.RTPMap? {
        switch payloadType {
        case 0: SDPSession.RTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8_000)
        case 8: SDPSession.RTPMap(payloadType: 8, encodingName: "PCMA", clockRate: 8_000)
        default: nil
        }
    }

    /// What a payload type of a medium stands for: its rtpmap, else the
    /// static assignment.
    static func map(_ payloadType: UInt8, in media: SDPSession.Media) -> SDPSession.RTPMap? {
        media.rtpMaps[payloadType] ?? (payloadType < 96 ? staticMap(payloadType) : nil)
    }

    var connection: SDPSession.Connection { SDPSession.Connection(host: address) }

    var origin: SDPSession.Origin {
        SDPSession.Origin(username: username, sessionID: sessionID, sessionVersion: sessionVersion, address: connection)
    }

    /// The attributes of an accepted or offered audio section.
    func audioAttributes(_ formats: [(UInt8, Codec)], direction: SDPSession.Direction?) -> [SDPSession.Attribute] {
        var attributes: [SDPSession.Attribute] = []
        for (payloadType, codec) in formats {
            let map = SDPSession.RTPMap(payloadType: payloadType, encodingName: codec.encodingName, clockRate: codec.clockRate)
            attributes.append(SDPSession.Attribute("rtpmap", map.value))
        }
        for (payloadType, codec) in formats {
            if let parameters = codec.formatParameters {
                attributes.append(SDPSession.Attribute("fmtp", "\(payloadType) \(parameters)"))
            }
        }
        if let packetTime { attributes.append(SDPSession.Attribute("ptime", "\(packetTime)")) }
        if let direction { attributes.append(SDPSession.Attribute(direction.rawValue)) }
        return attributes
    }
}
