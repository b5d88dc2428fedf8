import NIOCore
import XMPPCore

/// Turns stanza text into the `XMLElement` the client stream would deliver,
/// and back, so protocol tests can be written with the XML as it is on the wire.
enum WireXML {
    struct NoStanza: Error {}

    /// Parses one stanza written as inside a client stream (default namespace `jabber:client`).
    static func stanza(_ text: String) throws -> XMLElement {
        var parser = XMLStreamParser()
        var buffer = ByteBuffer(
            string: "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>" + text)
        while let event = try parser.next(from: &buffer) {
            if case .stanza(let element) = event { return element }
        }
        throw NoStanza()
    }

    /// The text a stanza is sent as on a client stream.
    static func text(_ stanza: XMLElement) -> String {
        stanza.serialized(defaultNamespace: XMLNamespace.client)
    }

    /// Sends a stanza through serialization and the parser, as a peer would receive it.
    static func roundTrip(_ stanza: XMLElement) throws -> XMLElement {
        try self.stanza(text(stanza))
    }
}
