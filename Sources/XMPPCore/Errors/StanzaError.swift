/// An error carried inside a stanza of type "error" (RFC 6120 §8.3).
public struct StanzaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The defined conditions of RFC 6120 §8.3.3; the raw value is the element name.
    public enum Condition: String, Sendable, CaseIterable {
        case badRequest = "bad-request"
        case conflict
        case featureNotImplemented = "feature-not-implemented"
        case forbidden
        case gone
        case internalServerError = "internal-server-error"
        case itemNotFound = "item-not-found"
        case jidMalformed = "jid-malformed"
        case notAcceptable = "not-acceptable"
        case notAllowed = "not-allowed"
        case notAuthorized = "not-authorized"
        case policyViolation = "policy-violation"
        case recipientUnavailable = "recipient-unavailable"
        case redirect
        case registrationRequired = "registration-required"
        case remoteServerNotFound = "remote-server-not-found"
        case remoteServerTimeout = "remote-server-timeout"
        case resourceConstraint = "resource-constraint"
        case serviceUnavailable = "service-unavailable"
        case subscriptionRequired = "subscription-required"
        case undefinedCondition = "undefined-condition"
        case unexpectedRequest = "unexpected-request"

        /// The error type RFC 6120 §8.3.3 gives for this condition.
        /// `undefined-condition` allows any type; we use "cancel".
        public var defaultType: ErrorType {
            switch self {
            case .badRequest, .jidMalformed, .notAcceptable, .policyViolation, .redirect:
                .modify
            case .forbidden, .notAuthorized, .registrationRequired, .subscriptionRequired:
                .auth
            case .recipientUnavailable, .remoteServerTimeout, .resourceConstraint, .unexpectedRequest:
                .wait
            case .conflict, .featureNotImplemented, .gone, .internalServerError, .itemNotFound, .notAllowed,
                .remoteServerNotFound, .serviceUnavailable, .undefinedCondition:
                .cancel
            }
        }
    }

    /// What the sender of the failed stanza may do about it (RFC 6120 §8.3.2).
    public enum ErrorType: String, Sendable {
        case auth, cancel, `continue`, modify, wait
    }

    public var condition: Condition
    public var type: ErrorType
    public var text: String?
    /// Extra application-specific child (e.g. `<blocked xmlns='urn:xmpp:blocking:errors'/>`).
    public var applicationCondition: XMLElement?
    /// For `gone` and `redirect` only: the new address (an XMPP URI), carried
    /// as the condition element's content (RFC 6120 §8.3.3.5, §8.3.3.14).
    public var alternateAddress: String?

    public init(
        _ condition: Condition,
        type: ErrorType? = nil,
        text: String? = nil,
        applicationCondition: XMLElement? = nil,
        alternateAddress: String? = nil
    ) {
        self.condition = condition
        self.type = type ?? condition.defaultType
        self.text = text
        self.applicationCondition = applicationCondition
        self.alternateAddress = alternateAddress
    }

    private var carriesAddress: Bool { condition == .gone || condition == .redirect }

    /// `<error type='…'>` in the `jabber:client` namespace with the condition,
    /// the optional text and the optional application condition, in that order.
    public var element: XMLElement {
        var conditionElement = XMLElement(name: condition.rawValue, namespace: XMLNamespace.stanzaErrors)
        if carriesAddress, let alternateAddress {
            conditionElement.append(text: alternateAddress)
        }
        var error = XMLElement(
            name: "error", namespace: XMLNamespace.client, attributes: ["type": type.rawValue],
            children: [.element(conditionElement)])
        if let text {
            error.append(XMLElement(name: "text", namespace: XMLNamespace.stanzaErrors, text: text))
        }
        if let applicationCondition {
            error.append(applicationCondition)
        }
        return error
    }

    /// Reads a received `<error/>` child of a stanza. An unknown condition is
    /// read as `undefined-condition`; a missing or unknown type falls back to
    /// the condition's default. Gives nil when no condition element is present.
    public init?(element: XMLElement) {
        guard element.name == "error", element.namespace != XMLNamespace.streams else { return nil }
        let details = element.elements.filter { $0.namespace == XMLNamespace.stanzaErrors }
        guard let conditionElement = details.first(where: { $0.name != "text" }) else { return nil }
        let condition = Condition(rawValue: conditionElement.name) ?? .undefinedCondition
        self.init(
            condition,
            type: element[attribute: "type"].flatMap(ErrorType.init(rawValue:)),
            text: details.first { $0.name == "text" }?.text,
            applicationCondition: element.elements.first { $0.namespace != XMLNamespace.stanzaErrors }
        )
        let addressText = conditionElement.text
        if carriesAddress, !addressText.isEmpty {
            alternateAddress = addressText
        }
    }

    public var description: String {
        var result = "stanza error \(condition.rawValue) (\(type.rawValue))"
        if let alternateAddress { result += " → \(alternateAddress)" }
        if let text { result += ": \(text)" }
        return result
    }
}
