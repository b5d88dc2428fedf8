import Testing
@testable import XMPPCore

@Suite("Stream errors (RFC 6120 §4.9)")
struct StreamErrorTests {
    @Test func rendersConditionAndText() {
        let error = StreamError(.notAuthorized, text: "Login first")
        let expected = XMLElement(
            name: "error", namespace: "http://etherx.jabber.org/streams",
            children: [
                .element(XMLElement(name: "not-authorized", namespace: "urn:ietf:params:xml:ns:xmpp-streams")),
                .element(XMLElement(
                    name: "text", namespace: "urn:ietf:params:xml:ns:xmpp-streams",
                    attributes: ["xml:lang": "en"], text: "Login first")),
            ])
        #expect(error.element == expected)
        #expect(error.description == "stream error not-authorized: Login first")
    }

    @Test func rendersConditionAlone() {
        let element = StreamError(.systemShutdown).element
        #expect(element.attributes.isEmpty)
        #expect(element.elements.map(\.name) == ["system-shutdown"])
        #expect(element.elements.first?.children.isEmpty == true)
    }

    @Test func seeOtherHostCarriesTheHost() throws {
        let error = StreamError(.seeOtherHost, otherHost: "[2001:db8::1]:5222")
        #expect(error.element.child("see-other-host", namespace: XMLNamespace.streamErrors)?.text == "[2001:db8::1]:5222")
        #expect(StreamError(element: error.element) == error)
        // Other conditions never carry content.
        #expect(StreamError(.conflict, otherHost: "x.test").element.elements.first?.children.isEmpty == true)
    }

    @Test(arguments: StreamError.Condition.allCases)
    func everyConditionRoundTrips(condition: StreamError.Condition) {
        let error = StreamError(condition, text: "why")
        #expect(error.element.elements.first?.name == condition.rawValue)
        #expect(StreamError(element: error.element) == error)
    }

    @Test func allTwentyFiveConditionsExist() {
        #expect(StreamError.Condition.allCases.count == 25)
        #expect(StreamError.Condition(rawValue: "bad-namespace-prefix") == .badNamespacePrefix)
        #expect(StreamError.Condition(rawValue: "unsupported-stanza-type") == .unsupportedStanzaType)
    }

    @Test func unknownConditionReadsAsUndefined() {
        let received = XMLElement(
            name: "error", namespace: XMLNamespace.streams,
            children: [
                .element(XMLElement(name: "text", namespace: XMLNamespace.streamErrors, text: "Too many")),
                .element(XMLElement(name: "too-many-cats", namespace: XMLNamespace.streamErrors)),
                .element(XMLElement(name: "escape-your-data", namespace: "urn:example:app")),
            ])
        // The application-specific element is kept (RFC 6120 §4.9.4), e.g. XEP-0198's handled-count-too-high.
        let expected = StreamError(
            .undefinedCondition, text: "Too many",
            applicationCondition: XMLElement(name: "escape-your-data", namespace: "urn:example:app"))
        #expect(StreamError(element: received) == expected)
    }

    @Test func elementsThatAreNotStreamErrors() {
        // No condition at all.
        #expect(StreamError(element: XMLElement(name: "error", namespace: XMLNamespace.streams)) == nil)
        // A stanza error is not a stream error.
        #expect(StreamError(element: StanzaError(.conflict).element) == nil)
        // A condition in the wrong namespace does not count.
        let wrongNamespace = XMLElement(
            name: "error", namespace: XMLNamespace.streams,
            children: [.element(XMLElement(name: "conflict", namespace: XMLNamespace.stanzaErrors))])
        #expect(StreamError(element: wrongNamespace) == nil)
    }
}
