import XMPPCore

/// RFC 6121 §4: initial presence, broadcast, probes, directed presence and
/// unavailable on logout. Subscription stanzas are in `+Subscription`.
struct PresenceModule: Sendable {
    func handleOutbound(_ stanza: XMLElement, to: JID?, from session: ClientSession, context: ServerContext) async throws {
        let type = stanza.stanzaType
        if let type, let kind = SubscriptionStateMachine.Kind(rawValue: type) {
            guard let to else { return }
            do {
                try await processSubscription(kind, from: session.jid.bare, to: to.bare, context: context, updateSender: true)
            } catch let error as StanzaError {
                // A full roster (RFC 6121 §2.3.3) refuses the request; the stream goes on.
                session.send(stanza.errorReply(error))
            }
            return
        }
        switch type {
        case nil, "unavailable":
            if let to {
                try await directed(stanza, to: to, from: session, context: context)
            } else {
                try await broadcast(stanza, from: session, context: context)
            }
        case "probe":
            return  // Probes are the server's business (RFC 6121 §4.3); clients' are ignored.
        case "error":
            if let to { await LocalDelivery(context: context).deliver(stanza, to: to, from: session.jid) }
        default:
            session.send(stanza.errorReply(StanzaError(.badRequest, text: "unknown presence type")))
        }
    }

    // MARK: Broadcast

    private func broadcast(_ stanza: XMLElement, from session: ClientSession, context: ServerContext) async throws {
        let available = stanza.stanzaType == nil
        guard let before = context.registry.entry(for: session) else { return }
        let priority = Self.priority(of: stanza)
        var snapshot: RosterSnapshot?
        guard
            let after = context.registry.update(session, {
                $0.available = available
                $0.priority = priority
                $0.presence = available ? stanza : nil
                if !available { $0.directedPresence = [] }
                snapshot = $0.rosterSnapshot
                $0.rosterSnapshot = nil
            })
        else { return }

        // Read once for the broadcast and, on initial presence, the probes;
        // at sign-in the roster get has usually just read it.
        let isInitial = available && !before.available
        let items: [RosterItem]
        if after.invisible && !isInitial {
            items = []
        } else if let snapshot, snapshot.changeCount == context.rosterChanges.current {
            items = snapshot.items
        } else {
            items = try await context.storage.rosterItems(of: session.username)
        }
        // XEP-0186: an invisible session's contacts already hold its unavailable.
        if !after.invisible {
            try await sendToSubscribers(stanza, from: session, items: items, context: context)
        }
        // RFC 6121 §4.2.2, §4.4.2: every available resource of the user hears it, the sender included.
        for other in context.registry.availableEntries(of: session.username) {
            other.session.send(stanza.addressed(from: session.jid, to: other.session.jid))
        }
        if !available {
            for target in before.directedPresence {
                await LocalDelivery(context: context).deliver(stanza.addressed(from: session.jid, to: target), to: target, from: session.jid)
            }
            return
        }
        if isInitial {
            try await initialPresence(of: session, priority: after.priority, items: items, context: context)
        }
    }

    /// RFC 6121 §4.2.2 and §3.1.3: what a resource learns when it comes online.
    private func initialPresence(
        of session: ClientSession, priority: Int, items: [RosterItem], context: ServerContext
    ) async throws {
        for item in items where item.subscription.receivesPresenceFromContact {
            try await sendPresence(of: item.jid, to: session, context: context)
        }
        for other in context.registry.availableEntries(of: session.username) where other.session != session {
            if let presence = other.presence { session.send(presence.addressed(from: other.session.jid, to: session.jid)) }
        }
        // Subscription requests still waiting for an answer are delivered again.
        for item in items where item.pendingIn {
            let request = item.pendingInStanza.flatMap { XMLElement(storedStanza: $0) }
                ?? .presence(type: "subscribe", from: item.jid, to: session.jid.bare)
            session.send(request.addressed(from: item.jid, to: session.jid.bare))
        }
        if priority >= 0 {
            try await OfflineModule().flush(to: session, context: context)
        }
    }

    /// The user's presence to every contact subscribed to it (from/both), except blocked ones.
    /// `items` is the user's roster when the caller has just read it.
    func sendToSubscribers(
        _ stanza: XMLElement, from session: ClientSession, items: [RosterItem]? = nil, context: ServerContext
    ) async throws {
        let items = if let items { items } else { try await context.storage.rosterItems(of: session.username) }
        for item in items where item.subscription.givesPresenceToContact {
            if try await BlockingModule.isBlocked(item.jid, by: session.username, context: context) { continue }
            await LocalDelivery(context: context).deliver(stanza.addressed(from: session.jid, to: item.jid), to: item.jid, from: session.jid)
        }
    }

    /// Answers a probe locally: the last presence of the contact's resources
    /// that are available to contacts (invisible ones answer as unavailable).
    func sendPresence(of contact: JID, to session: ClientSession, context: ServerContext) async throws {
        guard let username = contact.localpart, context.isLocalUser(contact) else { return }
        if try await BlockingModule.isBlocked(session.jid, by: username, context: context) { return }
        if try await BlockingModule.isBlocked(contact, by: session.username, context: context) { return }
        for entry in context.registry.availableEntries(of: username) where !entry.invisible {
            if let presence = entry.presence { session.send(presence.addressed(from: entry.session.jid, to: session.jid)) }
        }
    }

    /// Current presence of every available resource of `contact` to every available resource of `user`.
    func sendAllPresence(of contact: JID, toUser user: JID, context: ServerContext) async throws {
        guard let username = user.localpart else { return }
        for entry in context.registry.availableEntries(of: username) {
            try await sendPresence(of: contact, to: entry.session, context: context)
        }
    }

    /// Unavailable from each available resource of `contact` to `user` (subscription cancelled, blocked).
    func sendUnavailable(from contact: JID, to user: JID, context: ServerContext) async {
        guard let username = contact.localpart else { return }
        // Invisible resources already look unavailable.
        for entry in context.registry.availableEntries(of: username) where !entry.invisible {
            let stanza = XMLElement.presence(type: "unavailable", from: entry.session.jid, to: user)
            await LocalDelivery(context: context).deliver(stanza, to: user, from: entry.session.jid)
        }
    }

    // MARK: Directed presence

    private func directed(_ stanza: XMLElement, to: JID, from session: ClientSession, context: ServerContext) async throws {
        if try await BlockingModule.isBlocked(to, by: session.username, context: context) { return }
        let available = stanza.stanzaType == nil
        _ = context.registry.update(session) {
            if available { $0.directedPresence.insert(to) } else { $0.directedPresence.remove(to) }
        }
        guard context.isLocalUser(to) else { return }  // no federation: nobody else to tell
        await LocalDelivery(context: context).deliver(stanza, to: to, from: session.jid)
    }

    /// The session is gone: its contacts hear `unavailable` if it was available.
    func sessionEnded(_ entry: SessionRegistry.Entry, context: ServerContext) async {
        guard entry.available else { return }
        let session = entry.session
        let unavailable = Self.unavailable
        do {
            if !entry.invisible { try await sendToSubscribers(unavailable, from: session, context: context) }
        } catch {
            context.logger.warning("could not broadcast unavailable", metadata: ["xmpp.jid": "\(session.jid)", "error": "\(error)"])
        }
        for other in context.registry.availableEntries(of: session.username) {
            other.session.send(unavailable.addressed(from: session.jid, to: other.session.jid))
        }
        for target in entry.directedPresence {
            await LocalDelivery(context: context).deliver(unavailable.addressed(from: session.jid, to: target), to: target, from: session.jid)
        }
    }

    /// Undirected unavailable presence, before the server addresses it.
    static let unavailable = XMLElement(name: "presence", namespace: XMLNamespace.client, attributes: ["type": "unavailable"])

    /// `<priority/>` is -128…127; anything unreadable counts as 0 (RFC 6121 §4.7.2.3).
    static func priority(of stanza: XMLElement) -> Int {
        guard let text = stanza.child("priority", namespace: XMLNamespace.client)?.text,
            let value = Int(text.trimmingCharacters(in: .whitespaces))
        else { return 0 }
        return min(127, max(-128, value))
    }
}
