import XMPPCore

extension PresenceModule {
    /// XEP-0186 §3.1: contacts who saw the session available hear it go
    /// unavailable; from now on its broadcasts stay with the user's own resources.
    func becomeInvisible(_ session: ClientSession, context: ServerContext) async throws {
        guard let before = context.registry.entry(for: session), !before.invisible else { return }
        _ = context.registry.update(session) {
            $0.invisible = true
            $0.directedPresence = []
        }
        guard before.available else { return }
        let unavailable = Self.unavailable
        try await sendToSubscribers(unavailable, from: session, context: context)
        // Those who got directed presence would also hear an unavailable broadcast.
        for target in before.directedPresence {
            await LocalDelivery(context: context).deliver(
                unavailable.addressed(from: session.jid, to: target), to: target, from: session.jid)
        }
    }

    /// XEP-0186 §3.2: contacts get the session's last available presence again.
    func becomeVisible(_ session: ClientSession, context: ServerContext) async throws {
        guard let before = context.registry.entry(for: session), before.invisible,
            let after = context.registry.update(session, { $0.invisible = false })
        else { return }
        guard after.available, let presence = after.presence else { return }
        try await sendToSubscribers(presence, from: session, context: context)
    }
}
