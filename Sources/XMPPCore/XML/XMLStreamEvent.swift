/// What the stream parser reports, in stream order.
public enum XMLStreamEvent: Sendable, Hashable {
    /// The `<stream:stream …>` root: its name, namespace and attributes, never children.
    case streamOpen(XMLElement)
    /// A complete depth-1 child of the root (a stanza, `<stream:features>`, `<auth>`, …),
    /// with every namespace resolved, including the default one declared on the root.
    case stanza(XMLElement)
    /// `</stream:stream>`.
    case streamClose
}
