/// Bounds that keep one peer from exhausting memory or CPU through the XML stream.
///
/// Every limit that is exceeded makes the parser throw a `policyViolation` error.
public struct XMLStreamLimits: Sendable, Hashable {
    /// Bytes of one depth-1 element (a stanza), from its start tag to its end tag.
    public var maxStanzaBytes: Int = 256 * 1024
    /// Element nesting, counting the stream root as 1.
    public var maxDepth: Int = 64
    /// Attributes on one element, namespace declarations included.
    public var maxAttributesPerElement: Int = 64
    /// Bytes of one decoded attribute value.
    public var maxAttributeValueBytes: Int = 64 * 1024
    /// Bytes of one decoded run of text.
    public var maxTextBytes: Int = 256 * 1024
    /// Bytes of an element or attribute name, prefix included.
    public var maxNameBytes: Int = 1024
    /// Bytes before the stream root's start tag is complete (XML declaration included).
    public var maxStreamHeaderBytes: Int = 16 * 1024

    public init() {}

    public init(
        maxStanzaBytes: Int = 256 * 1024,
        maxDepth: Int = 64,
        maxAttributesPerElement: Int = 64,
        maxAttributeValueBytes: Int = 64 * 1024,
        maxTextBytes: Int = 256 * 1024,
        maxNameBytes: Int = 1024,
        maxStreamHeaderBytes: Int = 16 * 1024
    ) {
        self.maxStanzaBytes = maxStanzaBytes
        self.maxDepth = maxDepth
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxAttributeValueBytes = maxAttributeValueBytes
        self.maxTextBytes = maxTextBytes
        self.maxNameBytes = maxNameBytes
        self.maxStreamHeaderBytes = maxStreamHeaderBytes
    }
}
