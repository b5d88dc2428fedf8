import NIOCore
import XMPPCore

/// Small accessors for the three stanza kinds (RFC 6120 §8).
extension XMLElement {
    var stanzaType: String? { self[attribute: "type"] }
    var isIQ: Bool { name == "iq" && namespace == XMLNamespace.client }
    var isMessage: Bool { name == "message" && namespace == XMLNamespace.client }
    var isPresence: Bool { name == "presence" && namespace == XMLNamespace.client }

    /// A copy with `from`/`to` set (nil removes the attribute).
    func addressed(from: JID?, to: JID?) -> XMLElement {
        var copy = self
        copy[attribute: "from"] = from?.description
        copy[attribute: "to"] = to?.description
        return copy
    }

    static func iq(type: String, id: String, from: JID? = nil, to: JID? = nil, payload: XMLElement? = nil) -> XMLElement {
        var attributes = ["type": type, "id": id]
        if let from { attributes["from"] = from.description }
        if let to { attributes["to"] = to.description }
        return XMLElement(
            name: "iq", namespace: XMLNamespace.client, attributes: attributes,
            children: payload.map { [.element($0)] } ?? [])
    }

    static func presence(type: String? = nil, from: JID, to: JID) -> XMLElement {
        var attributes = ["from": from.description, "to": to.description]
        if let type { attributes["type"] = type }
        return XMLElement(name: "presence", namespace: XMLNamespace.client, attributes: attributes)
    }

    /// Parses a stanza we serialized earlier (offline queue, pending subscriptions).
    init?(storedStanza text: String) {
        var parser = XMLStreamParser()
        var buffer = ByteBufferAllocator().buffer(
            string: "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>" + text)
        guard case .streamOpen = try? parser.next(from: &buffer),
            case .stanza(let element) = try? parser.next(from: &buffer)
        else { return nil }
        self = element
    }

    /// The `result` reply to an iq request, with an optional payload.
    func iqResult(payload: XMLElement? = nil) -> XMLElement {
        var reply = XMLElement(
            name: "iq", namespace: XMLNamespace.client,
            attributes: ["type": "result"], children: payload.map { [.element($0)] } ?? [])
        reply[attribute: "id"] = self[attribute: "id"]
        reply[attribute: "to"] = self[attribute: "from"]
        reply[attribute: "from"] = self[attribute: "to"]
        return reply
    }
}

/// Unique ids for server-originated stanzas (pushes).
enum StanzaID {
    static func make(_ prefix: String) -> String {
        var rng = SystemRandomNumberGenerator()
        return prefix + "-" + String(rng.next() as UInt64, radix: 36)
    }
}
