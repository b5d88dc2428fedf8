import NIOCore
import SIPCore

/// Where a message came from or goes to: a transport and a socket address.
public struct SIPTransportAddress: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case udp = "UDP"
        case tcp = "TCP"

        /// TCP delivers reliably, so transactions skip retransmissions (§17).
        public var isReliable: Bool { self == .tcp }
    }

    public var kind: Kind
    public var address: SocketAddress

    public init(_ kind: Kind, _ address: SocketAddress) {
        self.kind = kind
        self.address = address
    }

    public var description: String { "\(kind.rawValue) \(address)" }
}

/// A message as a transport delivers it: parsed (a request's top Via
/// already carries `received`/`rport`), with its source.
public struct SIPReceivedMessage: Sendable {
    public var message: SIPMessage
    public var source: SIPTransportAddress

    public init(message: SIPMessage, source: SIPTransportAddress) {
        self.message = message
        self.source = source
    }
}
