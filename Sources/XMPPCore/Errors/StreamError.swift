/// A stream-level error (RFC 6120 §4.9). Sending one ends the stream: the
/// sender writes `<stream:error/>`, then `</stream:stream>`, then closes.
public struct StreamError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The defined conditions of RFC 6120 §4.9.3; the raw value is the element name.
    public enum Condition: String, Sendable, CaseIterable {
        case badFormat = "bad-format"
        case badNamespacePrefix = "bad-namespace-prefix"
        case conflict
        case connectionTimeout = "connection-timeout"
        case hostGone = "host-gone"
        case hostUnknown = "host-unknown"
        case improperAddressing = "improper-addressing"
        case internalServerError = "internal-server-error"
        case invalidFrom = "invalid-from"
        case invalidNamespace = "invalid-namespace"
        case invalidXML = "invalid-xml"
        case notAuthorized = "not-authorized"
        case notWellFormed = "not-well-formed"
        case policyViolation = "policy-violation"
        case remoteConnectionFailed = "remote-connection-failed"
        case reset
        case resourceConstraint = "resource-constraint"
        case restrictedXML = "restricted-xml"
        case seeOtherHost = "see-other-host"
        case systemShutdown = "system-shutdown"
        case undefinedCondition = "undefined-condition"
        case unsupportedEncoding = "unsupported-encoding"
        case unsupportedFeature = "unsupported-feature"
        case unsupportedStanzaType = "unsupported-stanza-type"
        case unsupportedVersion = "unsupported-version"
    }

    public var condition: Condition
    /// Human-readable detail, sent as `<text xml:lang='en'>`.
    public var text: String?
    /// For `see-other-host` only: the host (and optional port) to reconnect
    /// to, carried as the condition element's content (RFC 6120 §4.9.3.19).
    public var otherHost: String?
    /// An application-specific condition (RFC 6120 §4.9.4), e.g. XEP-0198's
    /// `<handled-count-too-high/>`; sent after the text.
    public var applicationCondition: XMLElement?

    public init(_ condition: Condition, text: String? = nil, otherHost: String? = nil, applicationCondition: XMLElement? = nil) {
        self.condition = condition
        self.text = text
        self.otherHost = otherHost
        self.applicationCondition = applicationCondition
    }

    /// `<stream:error>` with the condition, then the optional text.
    public var element: XMLElement {
        var conditionElement = XMLElement(name: condition.rawValue, namespace: XMLNamespace.streamErrors)
        if condition == .seeOtherHost, let otherHost {
            conditionElement.append(text: otherHost)
        }
        var error = XMLElement(name: "error", namespace: XMLNamespace.streams, children: [.element(conditionElement)])
        if let text {
            error.append(XMLElement(
                name: "text", namespace: XMLNamespace.streamErrors, attributes: ["xml:lang": "en"], text: text))
        }
        if let applicationCondition { error.append(applicationCondition) }
        return error
    }

    /// Reads a received `<stream:error>`. A condition we do not know is read
    /// as `undefined-condition` (RFC 6120 §4.9.3.21); an element without any
    /// condition is not a stream error and gives nil.
    public init?(element: XMLElement) {
        guard element.name == "error", element.namespace == XMLNamespace.streams else { return nil }
        let details = element.elements.filter { $0.namespace == XMLNamespace.streamErrors }
        guard let conditionElement = details.first(where: { $0.name != "text" }) else { return nil }
        let condition = Condition(rawValue: conditionElement.name) ?? .undefinedCondition
        let hostText = conditionElement.text
        self.init(
            condition,
            text: details.first { $0.name == "text" }?.text,
            otherHost: condition == .seeOtherHost && !hostText.isEmpty ? hostText : nil,
            applicationCondition: element.elements.first { $0.namespace != XMLNamespace.streamErrors }
        )
    }

    public var description: String {
        var result = "stream error \(condition.rawValue)"
        if let otherHost { result += " (\(otherHost))" }
        if let text { result += ": \(text)" }
        return result
    }
}
