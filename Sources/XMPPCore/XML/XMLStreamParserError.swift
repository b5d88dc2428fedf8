/// Why the stream parser gave up. Once thrown, the parser keeps throwing the same error.
public struct XMLStreamParserError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind maps one to one onto an RFC 6120 stream error condition; the raw value is its element name.
    public enum Kind: String, Sendable {
        /// Breaks XML 1.0 or Namespaces in XML well-formedness (an unbound prefix included).
        case notWellFormed = "not-well-formed"
        /// Uses XML that RFC 6120 §11.1 forbids: DTDs, comments, processing instructions, entities.
        case restrictedXML = "restricted-xml"
        /// Exceeds one of the `XMLStreamLimits`.
        case policyViolation = "policy-violation"
        /// The stream root is not in the `http://etherx.jabber.org/streams` namespace.
        case invalidNamespace = "invalid-namespace"
        /// Well-formed XML that is not an XMPP stream (text between stanzas, wrong root, bad XML declaration).
        case badFormat = "bad-format"
    }

    public var kind: Kind
    /// A readable account of what was wrong.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    static func notWellFormed(_ message: String) -> Self { Self(kind: .notWellFormed, message: message) }
    static func restrictedXML(_ message: String) -> Self { Self(kind: .restrictedXML, message: message) }
    static func policyViolation(_ message: String) -> Self { Self(kind: .policyViolation, message: message) }
    static func invalidNamespace(_ message: String) -> Self { Self(kind: .invalidNamespace, message: message) }
    static func badFormat(_ message: String) -> Self { Self(kind: .badFormat, message: message) }
}
