import NIOCore
import XMPPCore

/// What happens when a bound session loses its connection: hibernation for
/// a resumable session (XEP-0198 §5), otherwise the end — out of the
/// registry, unavailable to contacts, unacknowledged messages redelivered.
struct SessionLifecycle: Sendable {
    let context: ServerContext

    /// `deliberate`: the client closed its stream, or we ended it for a
    /// reason (stream error): no hibernation then.
    func connectionEnded(_ session: ClientSession, channel: any Channel, deliberate: Bool) async {
        let shuttingDown = await context.resumableSessions.isShuttingDown
        let mayHibernate = !deliberate && !shuttingDown
        switch session.detach(from: channel, mayHibernate: mayHibernate) {
        case .notOwner:
            return
        case .hibernating(let wake, let epoch, let seconds):
            context.logger.debug("session hibernating", metadata: ["xmpp.jid": "\(session.jid)", "xmpp.sm.seconds": "\(seconds)"])
            watch(session, wake: wake, epoch: epoch, seconds: seconds)
        case .ended(let unacked):
            await end(session, unacked: unacked)
        }
    }

    /// Ends the hibernation when its window passes or something wakes it
    /// (replaced, overflow, resumed — the last one makes `endHibernation` a no-op).
    private func watch(_ session: ClientSession, wake: AsyncStream<Void>, epoch: UInt64, seconds: Int) {
        Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await Task.sleep(for: .seconds(seconds)) }
                group.addTask { for await _ in wake { break } }
                await group.next()
                group.cancelAll()
            }
            guard let unacked = session.endHibernation(epoch: epoch) else { return }
            await end(session, unacked: unacked)
        }
    }

    func end(_ session: ClientSession, unacked: [StreamManagementQueue.Entry]) async {
        await context.resumableSessions.remove(session)
        if let entry = context.registry.remove(session) {
            await PresenceModule().sessionEnded(entry, context: context)
        }
        await LocalDelivery(context: context).redeliver(unacked, of: session)
        context.logger.debug("session ended", metadata: ["xmpp.jid": "\(session.jid)", "xmpp.sm.unacked": "\(unacked.count)"])
    }

    /// Server shutdown: sessions still hibernating end now, so their queues
    /// reach offline storage before the storage closes.
    func endHibernatingSessions() async {
        for session in await context.resumableSessions.all() {
            if let unacked = session.endHibernation(epoch: nil) {
                await end(session, unacked: unacked)
            }
        }
    }
}
