import XMPPCore

extension VCardProfile {
    /// `vCard` (or a new one) with its pager TELs replaced by one holding
    /// `number`, or removed when nil; every other element is left alone.
    static func withPager(_ number: String?, in vCard: XMLElement?) -> XMLElement {
        var result = vCard ?? XMLElement(name: "vCard", namespace: XMLNamespace.vcard)
        result.removeChildren {
            $0.name == "TEL" && $0.namespace == XMLNamespace.vcard && $0.child("PAGER", namespace: XMLNamespace.vcard) != nil
        }
        if let number {
            let flag = XMLElement(name: "PAGER", namespace: XMLNamespace.vcard)
            let value = XMLElement(name: "NUMBER", namespace: XMLNamespace.vcard, text: number)
            result.append(XMLElement(name: "TEL", namespace: XMLNamespace.vcard, children: [.element(flag), .element(value)]))
        }
        return result
    }
}
