/// A session description (RFC 4566): the session-level fields followed by
/// one media description per `m=` line.
///
/// Parse with `init(parsing:)`, write with `serialized()`. Fields this type
/// does not model (`u= e= p= z= k=`) are kept in `otherFields` and written
/// back at their RFC 4566 position.
public struct SDPSession: Hashable, Sendable {
    /// `o=`: who made the description, and its version.
    public var origin: Origin
    /// `s=`. RFC 4566 wants it non-empty; RFC 3264's own examples leave it
    /// empty, so an empty name is read and written back as is.
    public var name: String
    /// `i=`.
    public var information: String?
    /// `c=` at session level: applies to every media without its own.
    public var connection: Connection?
    /// `b=` lines.
    public var bandwidths: [Bandwidth]
    /// `t=` lines, each with its `r=` lines. At least one.
    public var timings: [Timing]
    /// `a=` lines at session level, in order.
    public var attributes: [Attribute]
    /// `u= e= p= z= k=` lines, in order.
    public var otherFields: [Field]
    /// The `m=` sections, in order.
    public var media: [Media]

    public init(origin: Origin, name: String = "-", information: String? = nil, connection: Connection? = nil,
                bandwidths: [Bandwidth] = [], timings: [Timing] = [Timing()], attributes: [Attribute] = [],
                otherFields: [Field] = [], media: [Media] = []) {
        self.origin = origin
        self.name = name
        self.information = information
        self.connection = connection
        self.bandwidths = bandwidths
        self.timings = timings
        self.attributes = attributes
        self.otherFields = otherFields
        self.media = media
    }

    /// The direction a media section has when it carries no direction
    /// attribute of its own (RFC 3264 §5.1: session level, else sendrecv).
    public var defaultDirection: Direction {
        attributes.lazy.compactMap { Direction(rawValue: $0.name) }.first ?? .sendrecv
    }

    /// `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <address>`.
    public struct Origin: Hashable, Sendable {
        public var username: String
        public var sessionID: UInt64
        public var sessionVersion: UInt64
        public var address: Address

        public init(username: String, sessionID: UInt64, sessionVersion: UInt64, address: Address) {
            self.username = username
            self.sessionID = sessionID
            self.sessionVersion = sessionVersion
            self.address = address
        }
    }

    /// `<nettype> <addrtype> <address>` as `o=` and `c=` carry it.
    public struct Address: Hashable, Sendable {
        public var networkType: String
        public var addressType: String
        /// A host name or IP address; for multicast `c=` it may carry
        /// `/ttl` and `/count`, kept verbatim.
        public var address: String

        public init(networkType: String = "IN", addressType: String, address: String) {
            self.networkType = networkType
            self.addressType = addressType
            self.address = address
        }

        /// `IN IP6` when the address contains a colon, else `IN IP4`.
        public init(host: String) {
            self.init(addressType: host.contains(":") ? "IP6" : "IP4", address: host)
        }
    }

    /// `c=`.
    public typealias Connection = Address

    /// `b=<bwtype>:<bandwidth>`, e.g. `b=AS:64` (kilobits per second).
    public struct Bandwidth: Hashable, Sendable {
        public var type: String
        public var value: UInt64

        public init(type: String, value: UInt64) {
            self.type = type
            self.value = value
        }
    }

    /// `t=<start> <stop>` (NTP seconds, 0 for unbounded) and its `r=` lines.
    public struct Timing: Hashable, Sendable {
        public var start: UInt64
        public var stop: UInt64
        /// `r=` values, verbatim.
        public var repeats: [String]

        public init(start: UInt64 = 0, stop: UInt64 = 0, repeats: [String] = []) {
            self.start = start
            self.stop = stop
            self.repeats = repeats
        }
    }

    /// `a=<name>` or `a=<name>:<value>`.
    public struct Attribute: Hashable, Sendable {
        public var name: String
        public var value: String?

        public init(_ name: String, _ value: String? = nil) {
            self.name = name
            self.value = value
        }
    }

    /// A line kept verbatim: its type letter and value.
    public struct Field: Hashable, Sendable {
        public var type: Character
        public var value: String

        public init(type: Character, value: String) {
            self.type = type
            self.value = value
        }
    }

    /// The direction attributes (RFC 3264 §5.1, §6.1).
    public enum Direction: String, Hashable, Sendable, CaseIterable {
        case sendrecv, sendonly, recvonly, inactive

        public var sends: Bool { self == .sendrecv || self == .sendonly }
        public var receives: Bool { self == .sendrecv || self == .recvonly }

        public init(sends: Bool, receives: Bool) {
            switch (sends, receives) {
            case (true, true): self = .sendrecv
            case (true, false): self = .sendonly
            case (false, true): self = .recvonly
            case (false, false): self = .inactive
            }
        }

        /// The same stream seen from the other end: sendonly ↔ recvonly.
        public var mirrored: Direction { Direction(sends: receives, receives: sends) }
    }
}
