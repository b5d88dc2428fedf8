import XMPPCore

extension PresenceModule {
    /// One subscription stanza from `user` (bare) to `contact` (bare), both
    /// sides of RFC 6121 §3 handled here because both accounts live on this server.
    /// `updateSender` is false when the sender's item is being removed anyway.
    func processSubscription(
        _ kind: SubscriptionStateMachine.Kind, from user: JID, to contact: JID,
        context: ServerContext, updateSender: Bool
    ) async throws {
        guard let username = user.localpart, contact != user else { return }
        let roster = RosterService(context: context)

        var forward = true
        if updateSender {
            forward = try await roster.update(contact, of: username) { item in
                var edited = item ?? RosterItem(jid: contact)
                let outcome = SubscriptionStateMachine.outbound(kind, edited.subscriptionState)
                edited.subscriptionState = outcome.state
                // Asking for or granting a subscription puts the contact on the roster (§3.1.2, §3.1.5).
                if kind == .subscribe || (kind == .subscribed && outcome.forward) { edited.listed = true }
                if !edited.pendingIn { edited.pendingInStanza = nil }
                item = edited
                return outcome.forward
            }
        }
        guard forward else { return }

        // Stanzas travel with the sender's bare JID (RFC 6121 §3.1.2).
        if kind == .unsubscribed {
            await sendUnavailable(from: user, to: contact, context: context)
        }
        guard let contactName = contact.localpart, context.isLocalUser(contact),
            try await Self.accountExists(contactName, context: context),
            try await !BlockingModule.isBlocked(user, by: contactName, context: context)
        else { return }

        let stanza = XMLElement.presence(type: kind.rawValue, from: user, to: contact)
        let request = kind == .subscribe ? stanza.serialized(defaultNamespace: XMLNamespace.client) : nil
        let outcome = try await roster.update(user, of: contactName) { item in
            var edited = item ?? RosterItem(jid: user, listed: false)
            let outcome = SubscriptionStateMachine.inbound(kind, edited.subscriptionState)
            if outcome.state != edited.subscriptionState {
                edited.subscriptionState = outcome.state
                if let request { edited.pendingInStanza = request }
                if !edited.pendingIn { edited.pendingInStanza = nil }
                item = edited
            }
            return outcome
        }
        if outcome.forward {
            for session in await deliveryTargets(for: kind, username: contactName, context: context) {
                session.send(stanza.addressed(from: user, to: contact))
            }
        }
        if outcome.autoReplySubscribed {
            // The contact already approved: answer for them (RFC 6121 §3.1.3 step 2).
            try await processSubscription(.subscribed, from: contact, to: user, context: context, updateSender: false)
        }
        switch kind {
        case .subscribed where outcome.forward:
            try await sendAllPresence(of: user, toUser: contact, context: context)
        case .unsubscribe where outcome.forward:
            // The contact stops sending presence to the user (RFC 6121 §3.3.3).
            await sendUnavailable(from: contact, to: user, context: context)
        default:
            break
        }
    }

    /// A signed-in user's account exists: only ask storage about the others.
    private static func accountExists(_ username: String, context: ServerContext) async throws -> Bool {
        if context.registry.hasSessions(of: username) { return true }
        return try await context.storage.accountExists(username)
    }

    /// Subscription requests go to resources that asked for the roster; the
    /// others learn of them at their next login.
    private func deliveryTargets(
        for kind: SubscriptionStateMachine.Kind, username: String, context: ServerContext
    ) async -> [ClientSession] {
        let available = context.registry.availableEntries(of: username)
        return available.filter { kind != .subscribe || $0.interestedInRoster }.map(\.session)
    }
}
