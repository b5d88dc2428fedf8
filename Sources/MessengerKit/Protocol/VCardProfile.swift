import XMPPCore

/// The parts of a vcard-temp vCard (XEP-0054) the object model uses: names,
/// e-mail, phone numbers by `MPHONE_TYPE`, and the pager number whose
/// presence means the contact accepts pages.
struct VCardProfile: Sendable, Hashable {
    var fullName: String?
    var nickname: String?
    var email: String?
    /// Keyed by `.home`, `.work`, `.mobile` and `.custom` (a TEL with no kind).
    var phoneNumbers: [MPHONE_TYPE: String]
    var pagerNumber: String?

    /// A contact can be paged when its vCard has a TEL with PAGER.
    var canPage: Bool { pagerNumber != nil }

    /// What to call the contact: the nickname, else the full name.
    var displayName: String? { nickname ?? fullName }

    init() {
        phoneNumbers = [:]
    }

    /// Reads a `<vCard xmlns='vcard-temp'/>`. Missing, empty or overlong
    /// (over 1024 UTF-16 units) fields are absent; the first number of each
    /// kind wins.
    init(vCard: XMLElement) {
        self.init()
        fullName = Self.field(vCard.child("FN", namespace: XMLNamespace.vcard))
        nickname = Self.field(vCard.child("NICKNAME", namespace: XMLNamespace.vcard))
        email = vCard.children("EMAIL", namespace: XMLNamespace.vcard)
            .lazy.compactMap { Self.field($0.child("USERID", namespace: XMLNamespace.vcard)) }.first
        // The server reads the pager with the same rule when it accepts a page.
        pagerNumber = VCardPager.number(in: vCard)
        for tel in vCard.children("TEL", namespace: XMLNamespace.vcard) {
            guard let number = Self.field(tel.child("NUMBER", namespace: XMLNamespace.vcard)) else { continue }
            if case .phone(let type) = TelephoneKind(tel), phoneNumbers[type] == nil { phoneNumbers[type] = number }
        }
    }

    /// `vCard` (or a new one) with FN, NICKNAME, EMAIL and every TEL replaced
    /// by this profile's values; anything else in it (photo, address…) is kept.
    func applied(to vCard: XMLElement?) -> XMLElement {
        var result = vCard ?? XMLElement(name: "vCard", namespace: XMLNamespace.vcard)
        result.name = "vCard"
        result.namespace = XMLNamespace.vcard
        let rewritten: Set<String> = ["FN", "NICKNAME", "EMAIL", "TEL"]
        result.removeChildren { $0.namespace == XMLNamespace.vcard && rewritten.contains($0.name) }

        if let fullName { result.append(Self.element("FN", text: fullName)) }
        if let nickname { result.append(Self.element("NICKNAME", text: nickname)) }
        if let email {
            result.append(Self.element("EMAIL", children: [Self.element("INTERNET"), Self.element("USERID", text: email)]))
        }
        // Flags in the order of the XEP-0054 DTD: HOME, WORK, VOICE, PAGER, CELL, then NUMBER.
        let phones: [(MPHONE_TYPE, [String])] = [
            (.home, ["HOME", "VOICE"]), (.work, ["WORK", "VOICE"]), (.mobile, ["VOICE", "CELL"]), (.custom, ["VOICE"]),
        ]
        for (type, flags) in phones {
            if let number = phoneNumbers[type] { result.append(Self.tel(flags: flags, number: number)) }
        }
        if let pagerNumber { result.append(Self.tel(flags: ["PAGER"], number: pagerNumber)) }
        return result
    }

    /// Asks for a contact's vCard, or with nil for our own (XEP-0054 §3.1, §3.2).
    static func request(for jid: JID?) -> XMLElement {
        .clientIQ(type: "get", to: jid?.bare, payload: XMLElement(name: "vCard", namespace: XMLNamespace.vcard))
    }

    /// Replaces our own vCard on the server (XEP-0054 §3.3).
    static func publish(_ vCard: XMLElement) -> XMLElement {
        .clientIQ(type: "set", payload: vCard)
    }

    /// The vCard in a request's result; nil for anything else. An empty
    /// `<vCard/>` means the contact has not published one.
    static func vCard(inResult iq: XMLElement) -> XMLElement? {
        guard iq.isClientStanza("iq", type: "result") else { return nil }
        return iq.child("vCard", namespace: XMLNamespace.vcard)
    }

    // MARK: Reading and writing fields

    /// Which number a TEL holds. A pager is only a pager; otherwise CELL is
    /// the more specific flag, so a TEL marked WORK and CELL is the mobile.
    private enum TelephoneKind {
        case pager
        case phone(MPHONE_TYPE)

        init(_ tel: XMLElement) {
            let has = { (flag: String) in tel.child(flag, namespace: XMLNamespace.vcard) != nil }
            self =
                if has("PAGER") { .pager }
                else if has("CELL") { .phone(.mobile) }
                else if has("WORK") { .phone(.work) }
                else if has("HOME") { .phone(.home) }
                else { .phone(.custom) }
        }
    }

    /// A field's text without surrounding whitespace; nil when missing, empty or too long.
    private static func field(_ element: XMLElement?) -> String? {
        ProtocolLimits.bounded(element?.text.trimmingXMLWhitespace, limit: ProtocolLimits.maxFieldLength)
    }

    private static func element(_ name: String, text: String? = nil, children: [XMLElement] = []) -> XMLElement {
        var element = XMLElement(name: name, namespace: XMLNamespace.vcard, children: children.map(XMLNode.element))
        if let text { element.append(text: text) }
        return element
    }

    private static func tel(flags: [String], number: String) -> XMLElement {
        element("TEL", children: flags.map { element($0) } + [element("NUMBER", text: number)])
    }
}
