import Testing
@testable import XMPPCore

@Suite("Stanza errors (RFC 6120 §8.3)")
struct StanzaErrorTests {
    @Test func rendersTypeConditionTextAndApplicationCondition() {
        let blocked = XMLElement(name: "blocked", namespace: XMLNamespace.blockingErrors)
        let error = StanzaError(.notAcceptable, text: "You blocked them", applicationCondition: blocked)
        let expected = XMLElement(
            name: "error", namespace: "jabber:client", attributes: ["type": "modify"],
            children: [
                .element(XMLElement(name: "not-acceptable", namespace: "urn:ietf:params:xml:ns:xmpp-stanzas")),
                .element(XMLElement(name: "text", namespace: "urn:ietf:params:xml:ns:xmpp-stanzas", text: "You blocked them")),
                .element(XMLElement(name: "blocked", namespace: "urn:xmpp:blocking:errors")),
            ])
        #expect(error.element == expected)
        #expect(StanzaError(element: expected) == error)
        #expect(error.description == "stanza error not-acceptable (modify): You blocked them")
    }

    @Test(arguments: [
        (StanzaError.Condition.badRequest, StanzaError.ErrorType.modify),
        (.conflict, .cancel), (.featureNotImplemented, .cancel), (.forbidden, .auth), (.gone, .cancel),
        (.internalServerError, .cancel), (.itemNotFound, .cancel), (.jidMalformed, .modify),
        (.notAcceptable, .modify), (.notAllowed, .cancel), (.notAuthorized, .auth), (.policyViolation, .modify),
        (.recipientUnavailable, .wait), (.redirect, .modify), (.registrationRequired, .auth),
        (.remoteServerNotFound, .cancel), (.remoteServerTimeout, .wait), (.resourceConstraint, .wait),
        (.serviceUnavailable, .cancel), (.subscriptionRequired, .auth), (.undefinedCondition, .cancel),
        (.unexpectedRequest, .wait),
    ])
    func defaultTypes(condition: StanzaError.Condition, type: StanzaError.ErrorType) {
        #expect(condition.defaultType == type)
        #expect(StanzaError(condition).element[attribute: "type"] == type.rawValue)
    }

    @Test func allTwentyTwoConditionsExist() {
        #expect(StanzaError.Condition.allCases.count == 22)
    }

    @Test func explicitTypeOverridesDefault() {
        let error = StanzaError(.itemNotFound, type: .modify)
        #expect(error.element[attribute: "type"] == "modify")
        #expect(StanzaError(element: error.element)?.type == .modify)
    }

    @Test(arguments: StanzaError.Condition.allCases)
    func everyConditionRoundTrips(condition: StanzaError.Condition) {
        let error = StanzaError(condition, text: "detail")
        #expect(StanzaError(element: error.element) == error)
    }

    @Test func redirectAndGoneCarryTheNewAddress() {
        let error = StanzaError(.gone, alternateAddress: "xmpp:romeo@example.net")
        #expect(error.element.child("gone")?.text == "xmpp:romeo@example.net")
        #expect(StanzaError(element: error.element) == error)
        #expect(StanzaError(.forbidden, alternateAddress: "xmpp:x@y.test").element.child("forbidden")?.children.isEmpty == true)
    }

    @Test func lenientReading() {
        // Unknown condition and type: undefined-condition with its default type.
        let odd = XMLElement(
            name: "error", namespace: "jabber:server", attributes: ["type": "panic"],
            children: [.element(XMLElement(name: "lost-in-space", namespace: XMLNamespace.stanzaErrors))])
        #expect(StanzaError(element: odd) == StanzaError(.undefinedCondition))
        // No condition: not an error we can read.
        #expect(StanzaError(element: XMLElement(name: "error", namespace: "jabber:client", attributes: ["type": "cancel"])) == nil)
        #expect(StanzaError(element: XMLElement(name: "iq", namespace: "jabber:client")) == nil)
        #expect(StanzaError(element: StreamError(.conflict).element) == nil)
    }
}

@Suite("Error replies (RFC 6120 §8.3.1)")
struct ErrorReplyTests {
    private let body = XMLElement(name: "body", namespace: "jabber:client", text: "Hi")

    @Test func messageReplySwapsAddressesAndKeepsPayload() {
        let message = XMLElement(
            name: "message", namespace: "jabber:client",
            attributes: ["from": "juliet@example.com/balcony", "to": "romeo@example.net", "id": "m1", "type": "chat"],
            children: [.element(body), .text(" ")])
        let reply = message.errorReply(StanzaError(.serviceUnavailable))
        #expect(reply.name == "message")
        #expect(reply.namespace == "jabber:client")
        #expect(reply.attributes == [
            .init(name: "id", value: "m1"),
            .init(name: "from", value: "romeo@example.net"),
            .init(name: "to", value: "juliet@example.com/balcony"),
            .init(name: "type", value: "error"),
        ])
        #expect(reply.children == [.element(body), .element(StanzaError(.serviceUnavailable).element)])
    }

    @Test func iqReplyDropsThePayload() {
        let query = XMLElement(name: "query", namespace: XMLNamespace.roster)
        let iq = XMLElement(
            name: "iq", namespace: "jabber:client",
            attributes: ["from": "juliet@example.com/balcony", "id": "r1", "type": "set"],
            children: [.element(query)])
        let reply = iq.errorReply(StanzaError(.forbidden))
        #expect(reply[attribute: "to"] == "juliet@example.com/balcony")
        #expect(reply[attribute: "from"] == nil)
        #expect(reply[attribute: "id"] == "r1")
        #expect(reply[attribute: "type"] == "error")
        #expect(reply.elements.map(\.name) == ["error"])
        #expect(StanzaError(element: reply.elements[0]) == StanzaError(.forbidden))
    }

    @Test func presenceWithoutAddressesOrId() {
        let presence = XMLElement(
            name: "presence", namespace: "jabber:client",
            children: [.element(XMLElement(name: "show", namespace: "jabber:client", text: "away"))])
        let reply = presence.errorReply(StanzaError(.notAllowed))
        #expect(reply.attributes == [.init(name: "type", value: "error")])
        #expect(reply.elements.map(\.name) == ["show", "error"])
    }

    @Test func earlierErrorChildIsNotRepeated() {
        let message = XMLElement(
            name: "message", namespace: "jabber:client", attributes: ["to": "a@b.test"],
            children: [.element(body), .element(StanzaError(.gone).element)])
        let reply = message.errorReply(StanzaError(.itemNotFound))
        #expect(reply.elements.map(\.name) == ["body", "error"])
        #expect(StanzaError(element: reply.elements[1])?.condition == .itemNotFound)
    }

    @Test func errorFollowsTheStanzaNamespace() {
        let message = XMLElement(name: "message", namespace: "jabber:server", attributes: ["from": "a@b.test"])
        let reply = message.errorReply(StanzaError(.remoteServerNotFound))
        #expect(reply.namespace == "jabber:server")
        #expect(reply.elements.first?.namespace == "jabber:server")
    }
}
