import XMPPCore

/// RFC 6121 §2: roster get, set and remove, with pushes to every interested resource.
struct RosterModule: IQModule {
    var namespaces: [String] { [XMLNamespace.roster] }
    var discoFeatures: [String] { [XMLNamespace.roster, XMLNamespace.rosterVersioning] }

    static let maxNameBytes = 1024
    static let maxGroups = 64

    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        if let to = request.to, to != request.session.jid.bare, !context.isServer(to) {
            throw StanzaError(.forbidden)
        }
        switch request.kind {
        case .get: return try await get(request, context: context)
        case .set: try await set(request, context: context); return nil
        }
    }

    private func get(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        // Interested first: a change committed after the read is then pushed.
        _ = context.registry.update(request.session) { $0.interestedInRoster = true }
        let changeCount = context.rosterChanges.current
        let roster = try await context.storage.rosterWithVersion(of: request.username)
        _ = context.registry.update(request.session) { entry in
            // Before initial presence, which reads the same items (PresenceModule).
            if !entry.available { entry.rosterSnapshot = RosterSnapshot(items: roster.items, changeCount: changeCount) }
        }
        let version = String(roster.version)
        // RFC 6121 §2.6: an up-to-date client gets an empty result and pushes from here on.
        if let clientVersion = request.payload[attribute: "ver"], clientVersion == version { return nil }
        return XMLElement(
            name: "query", namespace: XMLNamespace.roster, attributes: ["ver": version],
            children: roster.items.filter(\.listed).map { .element($0.element) })
    }

    private func set(_ request: IQRequest, context: ServerContext) async throws {
        let items = request.payload.children("item", namespace: XMLNamespace.roster)
        guard items.count == 1, let element = items.first else {
            throw StanzaError(.badRequest, text: "a roster set carries exactly one item")
        }
        guard let jidText = element[attribute: "jid"], let jid = try? JID(jidText).bare else {
            throw StanzaError(.jidMalformed)
        }
        guard jid != request.session.jid.bare else {
            throw StanzaError(.notAllowed, text: "your own address cannot be in your roster")
        }
        if element[attribute: "subscription"] == "remove" {
            return try await RosterService(context: context).remove(jid, of: request.username)
        }
        let groups = element.children("group", namespace: XMLNamespace.roster).map(\.text)
        guard !groups.contains(where: \.isEmpty) else { throw StanzaError(.notAcceptable, text: "empty group name") }
        guard Set(groups).count == groups.count else { throw StanzaError(.badRequest, text: "duplicate group") }
        guard groups.count <= Self.maxGroups, groups.allSatisfy({ $0.utf8.count <= Self.maxNameBytes }) else {
            throw StanzaError(.notAcceptable, text: "too many or too long groups")
        }
        let name = element[attribute: "name"].flatMap { $0.isEmpty ? nil : $0 }
        guard (name?.utf8.count ?? 0) <= Self.maxNameBytes else { throw StanzaError(.notAcceptable, text: "name too long") }

        // The client sets name and groups only; subscription state is the server's (§2.1.2.5).
        try await RosterService(context: context).update(jid, of: request.username, writeUnchanged: true) { item in
            var edited = item ?? RosterItem(jid: jid)
            edited.name = name
            edited.groups = groups
            edited.listed = true
            item = edited
        }
    }
}

/// Roster changes with their pushes, shared by the roster, presence and blocking features.
struct RosterService: Sendable {
    let context: ServerContext

    /// Reads `username`'s item for `contact`, lets `edit` change it (nil: no
    /// item) and writes the result, pushing it to the user's interested
    /// resources. Nobody else changes this user's roster in between, and the
    /// change is on disk before anyone hears of it. An item left as it was is
    /// not written unless `writeUnchanged` (a client's roster set is always
    /// pushed back). Returns what `edit` returns.
    @discardableResult
    func update<T: Sendable>(
        _ contact: JID, of username: String, writeUnchanged: Bool = false, _ edit: (inout RosterItem?) throws -> T
    ) async throws -> T {
        try await context.rosterLocks.withLock(username) {
            let before = try await context.storage.rosterItem(of: username, contact: contact)
            var after = before
            let result = try edit(&after)
            if after != before || writeUnchanged { try await write(after, replacing: before, contact: contact, of: username) }
            return result
        }
    }

    /// Call with the user's roster lock held.
    private func write(_ item: RosterItem?, replacing before: RosterItem?, contact: JID, of username: String) async throws {
        guard let item, !item.isEmptyShadow else {
            guard before != nil else { return }
            let outcome = try await context.rosterWriter.apply(.remove(contact, of: username))
            // An unlisted item was never shown, so its removal is not either.
            if case .applied(let version) = outcome, before?.listed == true {
                let removed = XMLElement(
                    name: "item", namespace: XMLNamespace.roster,
                    attributes: ["jid": contact.description, "subscription": "remove"])
                await push(removed, version: version, to: username)
            }
            return
        }
        if item.listed, before?.listed != true { try await checkRoom(of: username) }
        switch try await context.rosterWriter.apply(.set(item, of: username)) {
        case .applied(let version):
            if item.listed || before?.listed == true { await push(item.element, version: version, to: username) }
        case .noAccount, .noItem:
            throw StorageError.accountNotFound(username)
        }
    }

    /// RFC 6121 §2.3.3: a roster at its maximum size takes no new contact.
    private func checkRoom(of username: String) async throws {
        let limit = context.configuration.maxRosterItems
        let listed = try await context.storage.listedRosterCount(of: username)
        guard listed < limit else {
            throw StanzaError(.resourceConstraint, text: "a contact list holds at most \(limit) contacts")
        }
    }

    /// RFC 6121 §2.5: removal cancels subscriptions both ways first.
    func remove(_ contact: JID, of username: String) async throws {
        guard let item = try await context.storage.rosterItem(of: username, contact: contact), item.listed else {
            throw StanzaError(.itemNotFound)
        }
        guard let user = context.userJID(username) else { return }
        let presence = PresenceModule()
        if item.subscription.receivesPresenceFromContact || item.askOut {
            try await presence.processSubscription(.unsubscribe, from: user, to: contact, context: context, updateSender: false)
        }
        if item.subscription.givesPresenceToContact || item.pendingIn {
            try await presence.processSubscription(.unsubscribed, from: user, to: contact, context: context, updateSender: false)
        }
        try await update(contact, of: username) { $0 = nil }
    }

    /// Sends `<iq type='set'><query ver><item/></query></iq>` to each interested resource.
    private func push(_ item: XMLElement, version: Int, to username: String) async {
        let query = XMLElement(
            name: "query", namespace: XMLNamespace.roster, attributes: ["ver": String(version)],
            children: [.element(item)])
        for session in context.registry.rosterInterested(of: username) {
            session.send(.iq(type: "set", id: StanzaID.make("push"), to: session.jid, payload: query))
        }
    }
}
