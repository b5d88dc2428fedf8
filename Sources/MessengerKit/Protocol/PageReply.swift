import XMPPCore

/// What the server says about a page we sent (docs/protocol.md, "Page
/// messages"): a `<page-receipt/>` in a headline from the contact's bare
/// address, or the page bounced as a `message type='error'` with its id.
/// Whether it answers a page we sent, and comes from that page's contact, is
/// the caller's check (`ClientState.receivePageReply`).
struct PageReply: Sendable, Hashable {
    enum Answer: Sendable, Hashable {
        case receipt(PageReceipt)
        /// The bounce's reason, readable.
        case error(String)
    }

    /// The page's id.
    var id: String
    /// The `from` address; nil when missing or not a JID.
    var from: JID?
    var answer: Answer

    /// nil for any message that does not look like a receipt or a page bounce.
    init?(message: XMLElement) {
        guard message.name == "message", message.namespace == XMLNamespace.client else { return nil }
        from = message[attribute: "from"].flatMap { try? JID($0) }
        if message[attribute: "type"] == "headline", let receipt = message.child("page-receipt", namespace: XMLNamespace.page) {
            guard let id = receipt[attribute: "id"], !id.isEmpty else { return nil }
            self.id = id
            answer = .receipt(PageReceipt(receipt))
            return
        }
        guard message[attribute: "type"] == "error", let id = message[attribute: "id"],
            message.child("page", namespace: XMLNamespace.page) != nil || id.hasPrefix(Self.idPrefix)
        else { return nil }
        let error = message.child("error", namespace: XMLNamespace.client).flatMap(StanzaError.init(element:))
        let text = error.flatMap { ProtocolLimits.bounded($0.text, limit: ProtocolLimits.maxFieldLength) }
            ?? error.map { "the server refused it (\($0.condition.rawValue))" } ?? "the server refused it"
        self.id = id
        answer = .error(text)
    }

    /// Ids the client gives pages, so a bounce without the page element is still recognised.
    static let idPrefix = "page-"
}

/// The facts of a `<page-receipt devices='N' stored='true|false' gateway='delivered|failed|none'/>`,
/// or of `<page-receipt accepted='true'/>`, which says only that the server
/// took the page (the recipient does not share presence with us, or a device
/// that got it is invisible).
struct PageReceipt: Sendable, Hashable {
    enum Gateway: String, Sendable, Hashable {
        case delivered, failed
        /// The recipient has no gateway (`none` on the wire).
        case notSet = "none"
    }

    /// Where the page went.
    struct Delivery: Sendable, Hashable {
        var devices: Int
        var stored: Bool
        var gateway: Gateway
    }

    /// nil in an `accepted='true'` receipt.
    var delivery: Delivery?

    /// The server took the page and says no more.
    static let accepted = PageReceipt(delivery: nil)

    init(delivery: Delivery?) { self.delivery = delivery }

    init(devices: Int, stored: Bool, gateway: Gateway) {
        delivery = Delivery(devices: devices, stored: stored, gateway: gateway)
    }

    /// `accepted='true'` without counts reads as accepted; otherwise missing
    /// or unreadable attributes read as nothing delivered there.
    init(_ element: XMLElement) {
        guard element[attribute: "devices"] != nil || element[attribute: "accepted"] != "true" else {
            self = .accepted
            return
        }
        self.init(
            devices: element[attribute: "devices"].flatMap { Int($0) }.map { max(0, $0) } ?? 0,
            stored: element[attribute: "stored"] == "true",
            gateway: element[attribute: "gateway"].flatMap(Gateway.init(rawValue:)) ?? .notSet)
    }

    /// The receipt says the page reached no device, no storage and no gateway.
    var reachedNobody: Bool {
        guard let delivery else { return false }
        return delivery.devices == 0 && !delivery.stored && delivery.gateway != .delivered
    }
}
