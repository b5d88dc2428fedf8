import XMPPCore

/// The local user's paging settings: the pager number in their vCard and
/// the pager gateway in private storage. These wait for the server's answer
/// (they are settings, not R7 operations), outside the state machine.
extension MessengerEngine {
    /// Replaces (or with nil removes) the pager TEL of our vCard, read fresh
    /// so a change made on another device is kept.
    func setPagerNumber(_ number: String?) async throws(MessengerError) {
        let current = try await settingsRequest(VCardProfile.request(for: nil))
        let updated = VCardProfile.withPager(number, in: VCardProfile.vCard(inResult: current))
        _ = try await settingsRequest(VCardProfile.publish(updated))
        apply { $0.ownProfilePublished(updated) }
    }

    func setPagerGateway(_ url: PagerWebhookURL?) async throws(MessengerError) {
        _ = try await settingsRequest(PagerGatewayIQ.set(url))
    }

    func pagerGateway() async throws(MessengerError) -> PagerWebhookURL? {
        PagerGatewayIQ.parse(try await settingsRequest(PagerGatewayIQ.get()))
    }

    /// One iq on the live connection, answered or turned into the API's errors.
    private func settingsRequest(_ iq: XMLElement) async throws(MessengerError) -> XMLElement {
        guard state.isSignedIn, let connection else { throw MessengerError(.MSGR_E_NOT_LOGGED_ON, "not signed in") }
        do {
            return try await connection.request(iq, timeout: configuration.requestTimeout)
        } catch let error as StanzaError {
            throw MessengerError(.E_FAIL, "the server refused the change: \(error.text ?? error.condition.rawValue)")
        } catch {
            throw MessengerError(.MSGR_E_SERVER_UNAVAILABLE, "no answer from the server")
        }
    }
}

/// XEP-0049 get/set of our `<pager xmlns='urn:xmpp:communicator:pager:0'/>`.
enum PagerGatewayIQ {
    static func get() -> XMLElement {
        .clientIQ(type: "get", payload: query(PagerGatewaySetting.element(webhook: nil)))
    }

    /// nil stores the empty element, which removes the setting.
    static func set(_ url: PagerWebhookURL?) -> XMLElement {
        .clientIQ(type: "set", payload: query(PagerGatewaySetting.element(webhook: url)))
    }

    static func parse(_ result: XMLElement) -> PagerWebhookURL? {
        result.child("query", namespace: XMLNamespace.privateStorage)?
            .child(PagerGatewaySetting.elementName, namespace: XMLNamespace.pager)
            .flatMap(PagerGatewaySetting.webhook(in:))
    }

    private static func query(_ element: XMLElement) -> XMLElement {
        XMLElement(name: "query", namespace: XMLNamespace.privateStorage, children: [.element(element)])
    }
}
