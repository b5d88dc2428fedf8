/// Namespace names the XML layer itself needs.
public enum XMLNamespaces {
    /// The namespace of the stream root, `<stream:features>` and `<stream:error>`.
    public static let streams = "http://etherx.jabber.org/streams"
    /// Bound to the `xml` prefix in every document (`xml:lang`).
    public static let xml = "http://www.w3.org/XML/1998/namespace"
    /// The namespace of `xmlns` declarations themselves; never bindable.
    public static let xmlns = "http://www.w3.org/2000/xmlns/"

    static let xmlPrefix = "xml"
    static let xmlnsPrefix = "xmlns"

    /// `{namespace}localName`: how an attribute in a namespace other than `xml` is named in an
    /// `XMLElement` (`x:type` under `xmlns:x='jabber:x:data'` becomes `{jabber:x:data}type`).
    /// Prefixes are arbitrary and their declarations are not stored, so the namespace travels
    /// in the name; `{` cannot start an XML name, so these never clash with names as written.
    public static func clarkName(namespace: String, localName: String) -> String {
        "{\(namespace)}\(localName)"
    }

    /// Splits a `{namespace}localName` attribute name; nil for an ordinary qualified name.
    public static func splitClarkName(_ name: String) -> (namespace: String, localName: String)? {
        guard name.first == "{", let close = name.firstIndex(of: "}") else { return nil }
        let namespace = name[name.index(after: name.startIndex)..<close]
        return (String(namespace), String(name[name.index(after: close)...]))
    }
}
