/// Whether a vCard (XEP-0054) accepts pages, read one way by both the server
/// (which refuses pages to users without a pager) and the client (`CanPage`):
/// the first `TEL` flagged `PAGER` whose `NUMBER`, without surrounding XML
/// whitespace, is non-empty and at most `maxNumberLength` UTF-16 units.
public enum VCardPager {
    /// The longest vCard field either side keeps (docs/protocol.md, Client profile).
    public static let maxNumberLength = 1024

    /// The pager number, or nil when the vCard has none (paging disabled).
    public static func number(in vCard: XMLElement) -> String? {
        for tel in vCard.children("TEL", namespace: XMLNamespace.vcard)
        where tel.child("PAGER", namespace: XMLNamespace.vcard) != nil {
            guard let text = tel.child("NUMBER", namespace: XMLNamespace.vcard)?.text else { continue }
            let number = trimmed(text)
            if !number.isEmpty, number.utf16.count <= maxNumberLength { return number }
        }
        return nil
    }

    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[first...last])
    }
}
