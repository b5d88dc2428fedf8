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
            let outcome = try await deliverToAccount(page, to: to, from: sender)
            await finish(page, to: to, from: sender, outcome: outcome)
        } catch let error as StanzaError {
            await delivery.bounce(page, error, to: sender)
        } catch {
            context.logger.error("page delivery failed", metadata: ["xmpp.to": "\(to)", "error": "\(error)"])
            await delivery.bounce(page, StanzaError(.internalServerError), to: sender)
        }
    }

    /// Where a page went before the gateway was tried.
    struct Outcome: Sendable {
        var devices: Int
        var stored: Bool
        /// Why it was not stored when offline storage refused it.
        var storageRefusal: StanzaError?
        /// The counts may go in the receipt: the recipient shares presence
        /// with the sender and no device that got it is invisible.
        var mayReveal: Bool
    }

    /// Every available device gets it; with none, offline storage keeps it.
    private func deliverToAccount(_ page: XMLElement, to: JID, from sender: JID) async throws -> Outcome {
        guard let username = to.localpart, try await context.storage.accountExists(username) else {
            throw StanzaError(.serviceUnavailable)
        }
        if sender.bare != to.bare, try await BlockingModule.isBlocked(sender, by: username, context: context) {
            throw StanzaError(.serviceUnavailable)
        }
        guard try await acceptsPages(username) else {
            throw StanzaError(.notAcceptable, text: "\(to.bare) has not enabled paging")
        }
        let sharesPresence = try await sharesPresence(of: username, at: to, with: sender)
        let targets = context.registry.availableEntries(of: username).filter { $0.priority >= 0 }
        for entry in targets { entry.session.send(page) }
        let mayReveal = sharesPresence && !targets.contains { $0.invisible }
        guard targets.isEmpty else { return Outcome(devices: targets.count, stored: false, mayReveal: mayReveal) }
        do {
            try await LocalDelivery(context: context).storeOffline(page, username: username, sender: sender)
            return Outcome(devices: 0, stored: true, mayReveal: mayReveal)
        } catch let error as StanzaError where error.condition == .resourceConstraint {
            // A full offline store still leaves the gateway, if any; without one the page bounces.
            return Outcome(devices: 0, stored: false, storageRefusal: error, mayReveal: mayReveal)
        }
    }

    /// The user's roster item for the sender grants them presence (`from` or
    /// `both`, RFC 6121 §3): the sender could see whether they are online anyway.
    private func sharesPresence(of username: String, at address: JID, with sender: JID) async throws -> Bool {
        guard sender.bare != address.bare else { return true }
        guard let item = try await context.storage.rosterItem(of: username, contact: sender.bare) else { return false }
        return item.subscription == .from || item.subscription == .both
    }

    private func acceptsPages(_ username: String) async throws -> Bool {
        guard let stored = try await context.storage.vCard(of: username), let vCard = XMLElement(storedStanza: stored) else {
            return false
        }
        return VCardPager.number(in: vCard) != nil
    }

    /// The gateway (when set), then the receipt — or a `resource-constraint`
    /// bounce when the page reached no device, no storage and no gateway. A
    /// gateway may take seconds, so it runs off the sender's stream: their
    /// next stanzas are not held up.
    private func finish(_ page: XMLElement, to: JID, from sender: JID, outcome: Outcome) async {
        guard let username = to.localpart, let webhook = await gatewayURL(of: username) else {
            await answer(page, to: to, from: sender, outcome: outcome, gateway: .notSet)
            return
        }
        let posted = PagerGateway.Page(
            from: sender.bare.description, to: to.bare.description,
            body: page.child("body", namespace: XMLNamespace.client)?.text ?? "", sent: Date(),
            id: page[attribute: "id"] ?? "")
        let context = self.context
        Task {
            let gateway = await context.pagerGateway.post(posted, to: webhook)
            await PagingModule(context: context).answer(page, to: to, from: sender, outcome: outcome, gateway: gateway)
        }
    }

    private func answer(_ page: XMLElement, to: JID, from sender: JID, outcome: Outcome, gateway: PagerGateway.Outcome) async {
        guard outcome.devices > 0 || outcome.stored || gateway == .delivered else {
            let refusal = outcome.storageRefusal ?? StanzaError(.resourceConstraint, text: "the page reached no device")
            await LocalDelivery(context: context).bounce(page, refusal, to: sender)
            return
        }
        let facts: [String: String] =
            outcome.mayReveal
            ? ["devices": "\(outcome.devices)", "stored": outcome.stored ? "true" : "false", "gateway": gateway.rawValue]
            : ["accepted": "true"]
        await sendReceipt(for: page, to: to, from: sender, facts: facts)
    }

    private func gatewayURL(of username: String) async -> PagerWebhookURL? {
        let stored = try? await context.storage.privateData(
            of: username, namespace: XMLNamespace.pager, name: PagerGatewaySetting.elementName)
        return stored.flatMap { $0 }.flatMap { XMLElement(storedStanza: $0) }.flatMap(PagerGatewaySetting.webhook(in:))
    }

    /// `<message from='bob@d' type='headline'><page-receipt id='…' devices='N' stored='…' gateway='…'/></message>`,
    /// or `<page-receipt id='…' accepted='true'/>` when the counts would tell
    /// the sender more about the recipient's presence than they may see; to
    /// the sender's own session.
    private func sendReceipt(for page: XMLElement, to: JID, from sender: JID, facts: [String: String]) async {
        guard let session = context.registry.session(for: sender) else { return }
        var attributes = facts
        attributes["id"] = page[attribute: "id"] ?? ""
        let receipt = XMLElement(name: "page-receipt", namespace: XMLNamespace.page, attributes: attributes)
        session.send(XMLElement(
            name: "message", namespace: XMLNamespace.client,
            attributes: ["from": to.bare.description, "to": sender.description, "type": "headline"],
            children: [.element(receipt)]))
    }
}
