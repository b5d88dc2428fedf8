/// A pager gateway address as users may set it: `http://HOST[:PORT]/PATH`,
/// at most 512 characters. Plain HTTP only — the server has no HTTP client
/// TLS — so a gateway should sit on a trusted network (docs/protocol.md).
/// Parsed the same way by the client (which refuses bad input with
/// E_INVALIDARG) and the server (which ignores a stored value that is not one).
public struct PagerWebhookURL: Sendable, Hashable, CustomStringConvertible {
    public static let maxLength = 512

    /// Lower-cased host name or IPv4 address, as written (no brackets, no user info).
    public let host: String
    public let port: Int
    /// Starts with `/`; may carry a query, never a fragment.
    public let path: String

    /// `host:port`, port always written: the form the server's allow-list
    /// (`pagerWebhookHosts`) holds and compares.
    public var hostAndPort: String { "\(host):\(port)" }

    /// An allow-list entry `HOST[:PORT]` (a bare host means port 80) in
    /// `hostAndPort` form; nil when it is not a host name or IPv4 address
    /// with an optional port 1…65535.
    public static func allowListEntry(_ text: String) -> String? {
        guard !text.contains("/"), let url = PagerWebhookURL("http://\(text)/") else { return nil }
        return url.hostAndPort
    }

    public var description: String {
        port == 80 ? "http://\(host)\(path)" : "http://\(host):\(port)\(path)"
    }

    public init?(_ text: String) {
        guard text.utf8.count <= Self.maxLength, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        let scheme = "http://"
        guard text.lowercased().hasPrefix(scheme) else { return nil }
        let rest = text.dropFirst(scheme.count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let authority = rest[..<slash]
        let path = String(rest[slash...])
        guard !path.contains("#") else { return nil }
        var host = Substring(authority)
        var port = 80
        if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            let digits = authority[authority.index(after: colon)...]
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isASCII), let number = Int(digits),
                (1...65535).contains(number)
            else { return nil }
            port = number
        }
        let allowed: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        guard !host.isEmpty, host.count <= 253, host.allSatisfy(allowed), !host.hasPrefix("."), !host.hasPrefix("-") else {
            return nil
        }
        self.host = host.lowercased()
        self.port = port
        self.path = path
    }
}

/// The `<pager xmlns='urn:xmpp:communicator:pager:0' webhook='…'/>` element a
/// user keeps in XEP-0049 private storage to name their pager gateway.
public enum PagerGatewaySetting {
    public static let elementName = "pager"

    /// The element to store; nil clears it (an empty element, which removes it).
    public static func element(webhook: PagerWebhookURL?) -> XMLElement {
        var element = XMLElement(name: elementName, namespace: XMLNamespace.pager)
        if let webhook { element[attribute: "webhook"] = webhook.description }
        return element
    }

    /// The gateway a stored element names; nil when none or not a valid address.
    public static func webhook(in element: XMLElement) -> PagerWebhookURL? {
        guard element.name == elementName, element.namespace == XMLNamespace.pager else { return nil }
        return element[attribute: "webhook"].flatMap(PagerWebhookURL.init)
    }
}
