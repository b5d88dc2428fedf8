import Foundation
import XMPPCore

/// Pages (docs/protocol.md, "Page messages"): a `headline` carrying
/// `<page xmlns='urn:xmpp:communicator:page:0'/>` to a local user who accepts
/// pages (their vCard has a pager number, `VCardPager`). Unlike an ordinary
/// headline it reaches every available device *or* waits in offline storage,
/// is also posted to the user's pager gateway when they set one, and the
/// sender gets a `<page-receipt/>` saying what happened.
struct PagingModule: Sendable {
    let context: ServerContext

    static func isPage(_ stanza: XMLElement) -> Bool {
        stanza.isMessage && stanza.stanzaType == "headline" && stanza.child("page", namespace: XMLNamespace.page) != nil
    }

    func deliver(_ stanza: XMLElement, to: JID, from sender: JID) async {
        let delivery = LocalDelivery(context: context)
        var page = stanza
        if page[attribute: "id"] == nil { page[attribute: "id"] = StanzaID.make("page") }
        do {
            let devices = try await deliverToAccount(page, to: to, from: sender)
            await finish(page, to: to, from: sender, devices: devices.sent, stored: devices.stored)
        } catch let error as StanzaError {
            await delivery.bounce(page, error, to: sender)
        } catch {
            context.logger.error("page delivery failed", metadata: ["xmpp.to": "\(to)", "error": "\(error)"])
            await delivery.bounce(page, StanzaError(.internalServerError), to: sender)
        }
    }

    /// Every available device gets it; with none, offline storage keeps it.
    private func deliverToAccount(_ page: XMLElement, to: JID, from sender: JID) async throws -> (sent: Int, stored: Bool) {
        guard let username = to.localpart, try await context.storage.accountExists(username) else {
            throw StanzaError(.serviceUnavailable)
        }
        if sender.bare != to.bare, try await BlockingModule.isBlocked(sender, by: username, context: context) {
            throw StanzaError(.serviceUnavailable)
        }
        guard try await acceptsPages(username) else {
            throw StanzaError(.notAcceptable, text: "\(to.bare) has not enabled paging")
        }
        let targets = await context.registry.availableEntries(of: username).filter { $0.priority >= 0 }
        for entry in targets { entry.session.send(page) }
        guard targets.isEmpty else { return (targets.count, false) }
        do {
            try await LocalDelivery(context: context).storeOffline(page, username: username, sender: sender)
            return (0, true)
        } catch let error as StanzaError where error.condition == .resourceConstraint {
            // A full offline store leaves the gateway, if any; the receipt says it was not stored.
            return (0, false)
        }
    }

    private func acceptsPages(_ username: String) async throws -> Bool {
        guard let stored = try await context.storage.vCard(of: username), let vCard = XMLElement(storedStanza: stored) else {
            return false
        }
        return VCardPager.number(in: vCard) != nil
    }

    /// The gateway (when set), then the receipt. A gateway may take seconds,
    /// so it runs off the sender's stream: their next stanzas are not held up.
    private func finish(_ page: XMLElement, to: JID, from sender: JID, devices: Int, stored: Bool) async {
        guard let username = to.localpart, let webhook = await gatewayURL(of: username) else {
            await sendReceipt(for: page, to: to, from: sender, devices: devices, stored: stored, gateway: .none)
            return
        }
        let posted = PagerGateway.Page(
            from: sender.bare.description, to: to.bare.description,
            body: page.child("body", namespace: XMLNamespace.client)?.text ?? "", sent: Date(),
            id: page[attribute: "id"] ?? "")
        let context = self.context
        Task {
            let outcome = await context.pagerGateway.post(posted, to: webhook)
            await PagingModule(context: context).sendReceipt(
                for: page, to: to, from: sender, devices: devices, stored: stored, gateway: outcome)
        }
    }

    private func gatewayURL(of username: String) async -> PagerWebhookURL? {
        let stored = try? await context.storage.privateData(
            of: username, namespace: XMLNamespace.pager, name: PagerGatewaySetting.elementName)
        return stored.flatMap { $0 }.flatMap { XMLElement(storedStanza: $0) }.flatMap(PagerGatewaySetting.webhook(in:))
    }

    /// `<message from='bob@d' type='headline'><page-receipt id='…' devices='N' stored='…' gateway='…'/></message>`
    /// to the sender's own session.
    func sendReceipt(
        for page: XMLElement, to: JID, from sender: JID, devices: Int, stored: Bool, gateway: PagerGateway.Outcome
    ) async {
        guard let session = await context.registry.session(for: sender) else { return }
        let receipt = XMLElement(
            name: "page-receipt", namespace: XMLNamespace.page,
            attributes: [
                "id": page[attribute: "id"] ?? "", "devices": "\(devices)", "stored": stored ? "true" : "false",
                "gateway": gateway.rawValue,
            ])
        session.send(XMLElement(
            name: "message", namespace: XMLNamespace.client,
            attributes: ["from": to.bare.description, "to": sender.description, "type": "headline"],
            children: [.element(receipt)]))
    }
}
