import XMPPCore

/// What the server says about a page we sent (docs/protocol.md, "Page
/// messages"): a `<page-receipt/>` in a headline from the contact's bare
/// address, or the page bounced as a `message type='error'` with its id.
enum PageReply: Sendable, Hashable {
    case receipt(id: String, PageReceipt)
    case error(id: String, text: String)

    /// nil for any other message.
    init?(message: XMLElement) {
        guard message.name == "message", message.namespace == XMLNamespace.client else { return nil }
        if message[attribute: "type"] == "headline", let receipt = message.child("page-receipt", namespace: XMLNamespace.page) {
            guard let id = receipt[attribute: "id"], !id.isEmpty else { return nil }
            self = .receipt(id: id, PageReceipt(receipt))
            return
        }
        guard message[attribute: "type"] == "error", let id = message[attribute: "id"],
            message.child("page", namespace: XMLNamespace.page) != nil || id.hasPrefix(Self.idPrefix)
        else { return nil }
        let error = message.child("error", namespace: XMLNamespace.client).flatMap(StanzaError.init(element:))
        let text = error.flatMap { ProtocolLimits.bounded($0.text, limit: ProtocolLimits.maxFieldLength) }
            ?? error.map { "the server refused it (\($0.condition.rawValue))" } ?? "the server refused it"
        self = .error(id: id, text: text)
    }

    /// Ids the client gives pages, so a bounce without the page element is still recognised.
    static let idPrefix = "page-"
}

/// The facts of a `<page-receipt devices='N' stored='true|false' gateway='delivered|failed|none'/>`.
struct PageReceipt: Sendable, Hashable {
    enum Gateway: String, Sendable, Hashable {
        case delivered, failed, none
    }

    var devices: Int
    var stored: Bool
    var gateway: Gateway

    init(devices: Int, stored: Bool, gateway: Gateway) {
        self.devices = devices
        self.stored = stored
        self.gateway = gateway
    }

    /// Missing or unreadable attributes read as nothing delivered there.
    init(_ element: XMLElement) {
        devices = element[attribute: "devices"].flatMap { Int($0) }.map { max(0, $0) } ?? 0
        stored = element[attribute: "stored"] == "true"
        gateway = element[attribute: "gateway"].flatMap(Gateway.init(rawValue:)) ?? .none
    }
}
