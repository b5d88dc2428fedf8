import NIOCore
import XMPPCore

/// One authenticated, bound client stream. The handle other parts of the
/// server use to send to it; mutable presence state lives in `SessionRegistry`.
public final class ClientSession: Sendable, Hashable, CustomStringConvertible {
    public let id: UInt64
    /// The full JID this session is bound to.
    public let jid: JID
    let channel: any Channel

    init(id: UInt64, jid: JID, channel: any Channel) {
        self.id = id
        self.jid = jid
        self.channel = channel
    }

    var username: String { jid.localpart ?? "" }

    /// Queues a stanza for this client. Serialization happens on the caller's
    /// thread so the event loop only copies bytes.
    func send(_ stanza: XMLElement) {
        let text = stanza.serialized(defaultNamespace: XMLNamespace.client)
        channel.writeAndFlush(channel.allocator.buffer(string: text), promise: nil)
    }

    /// Ends the stream with a stream error (e.g. `conflict` when replaced).
    func close(with error: StreamError?) {
        var text = ""
        if let error { text += error.element.serialized(defaultNamespace: XMLNamespace.client) }
        text += "</stream:stream>"
        let channel = self.channel
        channel.writeAndFlush(channel.allocator.buffer(string: text)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    public static func == (lhs: ClientSession, rhs: ClientSession) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    public var description: String { "session#\(id)(\(jid))" }
}
