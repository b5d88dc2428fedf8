import XMPPCore

/// XEP-0191: the block list, its pushes, and the check every delivery makes.
struct BlockingModule: IQModule {
    var namespaces: [String] { [XMLNamespace.blocking] }
    var discoFeatures: [String] { [XMLNamespace.blocking] }

    static let maxItemsPerRequest = 1000

    /// True when `entity` matches the user's block list by full JID, bare JID
    /// or domain (XEP-0191 §3.7 refers to RFC 6121 §2.1.1 matching).
    static func isBlocked(_ entity: JID, by username: String, context: ServerContext) async throws -> Bool {
        let list = try await context.blocklists.list(of: username) { try await context.storage.blocklist(of: username) }
        guard !list.isEmpty else { return false }
        let domainOnly = try? JID(localpart: nil, domainpart: entity.domainpart)
        return list.contains { $0 == entity || $0 == entity.bare || $0 == domainOnly }
    }

    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        if let to = request.to, to != request.session.jid.bare, !context.isServer(to) { throw StanzaError(.forbidden) }
        switch (request.kind, request.payload.name) {
        case (.get, "blocklist"):
            _ = context.registry.update(request.session) { $0.interestedInBlocklist = true }
            let list = try await context.storage.blocklist(of: request.username)
            return XMLElement(name: "blocklist", namespace: XMLNamespace.blocking, children: list.map { .element(Self.item($0)) })
        case (.set, "block"):
            let jids = try Self.items(of: request.payload)
            guard !jids.isEmpty else { throw StanzaError(.badRequest, text: "block needs at least one item") }
            try await context.storage.block(jids, for: request.username)
            // After the write: a load under way meanwhile is then not kept (BlocklistCache).
            context.blocklists.invalidate(request.username)
            await push("block", jids, to: request.username, context: context)
            // Blocked contacts stop seeing us at once.
            let user = request.session.jid.bare
            for jid in jids where context.isLocalUser(jid) {
                await PresenceModule().sendUnavailable(from: user, to: jid.bare, context: context)
            }
            return nil
        case (.set, "unblock"):
            let jids = try Self.items(of: request.payload)
            let unblocked = jids.isEmpty ? try await context.storage.blocklist(of: request.username) : jids
            if jids.isEmpty {
                try await context.storage.unblockAll(for: request.username)
            } else {
                try await context.storage.unblock(jids, for: request.username)
            }
            context.blocklists.invalidate(request.username)
            await push("unblock", jids, to: request.username, context: context)
            try await restorePresence(after: unblocked, request: request, context: context)
            return nil
        default:
            throw StanzaError(.badRequest)
        }
    }

    private static func item(_ jid: JID) -> XMLElement {
        XMLElement(name: "item", namespace: XMLNamespace.blocking, attributes: ["jid": jid.description])
    }

    private static func items(of payload: XMLElement) throws -> [JID] {
        let items = payload.children("item", namespace: XMLNamespace.blocking)
        guard items.count <= maxItemsPerRequest else { throw StanzaError(.policyViolation, text: "too many items") }
        return try items.map { item in
            guard let text = item[attribute: "jid"], let jid = try? JID(text) else { throw StanzaError(.jidMalformed) }
            return jid
        }
    }

    /// XEP-0191 §3.3/§3.4: every resource that fetched the list hears the change.
    private func push(_ action: String, _ jids: [JID], to username: String, context: ServerContext) async {
        let payload = XMLElement(name: action, namespace: XMLNamespace.blocking, children: jids.map { .element(Self.item($0)) })
        for session in context.registry.blocklistInterested(of: username) {
            session.send(.iq(type: "set", id: StanzaID.make("block"), to: session.jid, payload: payload))
        }
    }

    /// Unblocked subscribers get our current presence again.
    private func restorePresence(after unblocked: [JID], request: IQRequest, context: ServerContext) async throws {
        let presence = PresenceModule()
        for jid in unblocked where context.isLocalUser(jid) {
            guard let item = try await context.storage.rosterItem(of: request.username, contact: jid.bare),
                item.subscription.givesPresenceToContact
            else { continue }
            try await presence.sendAllPresence(of: request.session.jid.bare, toUser: jid.bare, context: context)
        }
    }
}
