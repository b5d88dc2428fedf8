extension SDPSession {
    /// One `m=` section: `m=<media> <port>[/<count>] <proto> <fmt> …` and
    /// the `i= c= b= k= a=` lines under it.
    public struct Media: Hashable, Sendable {
        /// `audio`, `video`, `text`, `application`, `message`, or another token.
        public var type: String
        /// 0 means the stream is disabled or rejected (RFC 3264 §5.1, §6).
        public var port: UInt16
        public var portCount: Int?
        /// `RTP/AVP` for the audio we speak.
        public var transport: String
        /// For RTP the payload type numbers, as text.
        public var formats: [String]
        public var information: String?
        public var connection: Connection?
        public var bandwidths: [Bandwidth]
        public var attributes: [Attribute]
        /// `k=` lines, verbatim.
        public var otherFields: [Field]

        public init(type: String, port: UInt16, portCount: Int? = nil, transport: String = "RTP/AVP",
                    formats: [String], information: String? = nil, connection: Connection? = nil,
                    bandwidths: [Bandwidth] = [], attributes: [Attribute] = [], otherFields: [Field] = []) {
            self.type = type
            self.port = port
            self.portCount = portCount
            self.transport = transport
            self.formats = formats
            self.information = information
            self.connection = connection
            self.bandwidths = bandwidths
            self.attributes = attributes
            self.otherFields = otherFields
        }

        /// Whether the formats are RTP payload type numbers.
        public var isRTP: Bool { transport.uppercased().hasPrefix("RTP/") }

        /// The formats as RTP payload types; nil if one is not a number in 0…127.
        public var payloadTypes: [UInt8]? {
            var result: [UInt8] = []
            for format in formats {
                guard let number = UInt8(format), number < 128 else { return nil }
                result.append(number)
            }
            return result
        }

        /// The direction attribute of this section, if it has one.
        public var explicitDirection: Direction? {
            attributes.lazy.compactMap { Direction(rawValue: $0.name) }.first
        }

        /// The first value of an attribute, e.g. `value(of: "ptime")`.
        public func value(of name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }

        /// `a=ptime` in milliseconds.
        public var packetTime: Int? {
            value(of: "ptime").flatMap { Int($0) }
        }

        /// Every well-formed `a=rtpmap`, keyed by payload type.
        public var rtpMaps: [UInt8: RTPMap] {
            var maps: [UInt8: RTPMap] = [:]
            for attribute in attributes where attribute.name == "rtpmap" {
                if let value = attribute.value, let map = RTPMap(parsing: value), maps[map.payloadType] == nil {
                    maps[map.payloadType] = map
                }
            }
            return maps
        }

        /// The `a=fmtp` parameters of a payload type, e.g. `0-15`.
        public func formatParameters(for payloadType: UInt8) -> String? {
            let prefix = "\(payloadType) "
            for attribute in attributes where attribute.name == "fmtp" {
                if let value = attribute.value, value.hasPrefix(prefix) {
                    return String(value.dropFirst(prefix.count))
                }
            }
            return nil
        }
    }

    /// `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]`.
    public struct RTPMap: Hashable, Sendable {
        public var payloadType: UInt8
        public var encodingName: String
        public var clockRate: Int
        public var channels: Int?

        public init(payloadType: UInt8, encodingName: String, clockRate: Int, channels: Int? = nil) {
            self.payloadType = payloadType
            self.encodingName = encodingName
            self.clockRate = clockRate
            self.channels = channels
        }

        public init?(parsing value: String) {
            let halves = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard halves.count == 2, let payloadType = UInt8(halves[0]), payloadType < 128 else { return nil }
            let parts = halves[1].split(separator: "/", omittingEmptySubsequences: false)
            guard (2...3).contains(parts.count), !parts[0].isEmpty, let rate = Int(parts[1]), rate > 0 else { return nil }
            var channels: Int?
            if parts.count == 3 {
                guard let count = Int(parts[2]), count > 0 else { return nil }
                channels = count
            }
            self.init(payloadType: payloadType, encodingName: String(parts[0]), clockRate: rate, channels: channels)
        }

        /// The attribute value, e.g. `0 PCMU/8000`.
        public var value: String {
            "\(payloadType) \(encodingName)/\(clockRate)" + (channels.map { "/\($0)" } ?? "")
        }
    }
}
