import Foundation
import XMPPCore

/// A `<message/>` as the object model sees it (RFC 6121 §5), including
/// pages: `headline` messages carrying `<page xmlns='urn:xmpp:communicator:page:0'/>`.
struct ChatMessage: Sendable, Hashable {
    enum Kind: String, Sendable, Hashable {
        case chat, normal, headline, groupchat, error
    }

    /// Longest thread id kept (it is an identifier, not text to show).
    static let maxThreadLength = 1024

    var from: JID?
    var to: JID?
    var kind: Kind
    /// The sender's stanza id; the recipient drops a second message with the same one.
    var id: String?
    var body: String?
    var thread: String?
    /// When the message was first sent, for one delivered late (XEP-0203), e.g. from offline storage.
    var delayedUntil: Date?
    var isPage: Bool

    init(
        from: JID? = nil, to: JID? = nil, kind: Kind, body: String?, thread: String? = nil,
        delayedUntil: Date? = nil, isPage: Bool = false
    ) {
        self.from = from
        self.to = to
        self.kind = kind
        self.body = body
        self.thread = thread
        self.delayedUntil = delayedUntil
        self.isPage = isPage
    }

    /// Reads an inbound `<message/>`; nil for any other element or for an
    /// unparsable `from`/`to` (the sender would be unknown).
    init?(element: XMLElement) {
        guard element.name == "message", element.namespace == XMLNamespace.client else { return nil }
        var from: JID?
        var to: JID?
        if let text = element[attribute: "from"] {
            guard let jid = try? JID(text) else { return nil }
            from = jid
        }
        if let text = element[attribute: "to"] {
            guard let jid = try? JID(text) else { return nil }
            to = jid
        }
        self.from = from
        self.to = to
        // RFC 6121 §5.2.2: no type, or one we do not know, means "normal".
        kind = element[attribute: "type"].flatMap(Kind.init(rawValue:)) ?? .normal
        id = element[attribute: "id"]
        // The stream parser already bounds the stanza, so the body is kept whole.
        body = element.child("body", namespace: XMLNamespace.client)?.text
        thread = ProtocolLimits.bounded(
            element.child("thread", namespace: XMLNamespace.client)?.text, limit: Self.maxThreadLength)
        delayedUntil = element.child("delay", namespace: XMLNamespace.delay)?[attribute: "stamp"]
            .flatMap(XMPPDateTime.date(from:))
        isPage = kind == .headline && element.child("page", namespace: XMLNamespace.page) != nil
    }

    /// A one-to-one chat message (RFC 6121 §5.2.2). The id stays with the
    /// message through resends, so the recipient can tell a repeat.
    static func chat(to: JID, body: String, thread: String?, id: String) -> XMLElement {
        var message = message(type: .chat, to: to, body: body)
        message[attribute: "id"] = id
        if let thread { message.append(XMLElement(name: "thread", namespace: XMLNamespace.client, text: thread)) }
        return message
    }

    /// A page: a headline marked with our page element; the id comes back in
    /// the server's receipt or bounce (docs/protocol.md).
    static func page(to: JID, body: String, id: String) -> XMLElement {
        var message = message(type: .headline, to: to, body: body)
        message[attribute: "id"] = id
        message.append(XMLElement(name: "page", namespace: XMLNamespace.page))
        return message
    }

    private static func message(type: Kind, to: JID, body: String) -> XMLElement {
        XMLElement(
            name: "message", namespace: XMLNamespace.client, attributes: ["type": type.rawValue, "to": to.description],
            children: [.element(XMLElement(name: "body", namespace: XMLNamespace.client, text: body))])
    }
}
