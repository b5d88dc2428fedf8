import Foundation
import NIOConcurrencyHelpers
import NIOCore
import XMPPCore

/// One authenticated, bound client session. The handle other parts of the
/// server use to send to it; mutable presence state lives in `SessionRegistry`.
///
/// With stream management (XEP-0198) a session outlives its connection: it
/// may hibernate with no connection and be resumed on a new one, so the
/// connection and the unacked queue live in `link`, behind one lock. Every
/// write joins the session's `SessionOutbox` under that lock, so sequence
/// numbers match wire order whichever thread wrote.
public final class ClientSession: Sendable, Hashable, CustomStringConvertible {
    public let id: UInt64
    /// The full JID this session is bound to.
    public let jid: JID
    /// `jid` as text, stamped as `from` on every stanza the client sends.
    let jidText: String
    let link: NIOLockedValueBox<Link>

    init(id: UInt64, jid: JID, channel: any Channel) {
        self.id = id
        self.jid = jid
        self.jidText = jid.description
        self.link = NIOLockedValueBox(Link(channel: channel, outbox: SessionOutbox()))
    }

    var username: String { jid.localpart ?? "" }

    /// What became of a stanza handed to a session.
    enum Handoff: Equatable {
        /// Written to the connection; no XEP-0198, so nothing will confirm it.
        case written
        /// Held (and written, unless hibernating) until the client's `<a h/>` covers it.
        case heldUntilAcknowledged
        /// The session had already ended: nothing was written.
        case ended
    }

    /// Queues a stanza for this client. Serialization happens on the caller's
    /// thread so the event loop only copies bytes.
    @discardableResult
    func send(_ stanza: XMLElement) -> Handoff {
        send(stanza, journalID: nil)
    }

    /// `journalID`: the stanza's delivery journal row, handed back by
    /// `acknowledge` or `detach` so the caller can retire it.
    func send(_ stanza: XMLElement, journalID: Int64?) -> Handoff {
        let text = stanza.serialized(defaultNamespace: XMLNamespace.client)
        let now = Date()
        return link.withLockedValue { link in
            // Closing (replaced, overflowed, stream error): nothing more reaches
            // this client, so the caller must keep the stanza elsewhere.
            guard !link.ended, !link.closing else { return .ended }
            guard link.streamManagement != nil else {
                link.write(text)
                return .written
            }
            switch link.streamManagement?.append(stanza, at: now, journalID: journalID) {
            case .queued(let requestAck):
                link.write(text)
                if requestAck {
                    link.requestAck()
                } else {
                    scheduleAckRequest(&link)
                }
            case .overflow:
                // This stanza is in the queue, which is redelivered when the session ends.
                link.overflow()
            case .refused, nil:
                // Overflowed while hibernating: the queue takes nothing more.
                return .ended
            }
            return .heldUntilAcknowledged
        }
    }

    /// Ends the stream with a stream error (e.g. `conflict` when replaced).
    /// A session closed this way is never resumed.
    func close(with error: StreamError?) {
        link.withLockedValue { link in
            link.resumable = false
            link.wakeHibernation()
            guard !link.closing, let channel = link.channel else { return }
            link.closing = true
            var text = ""
            if let error { text += error.element.serialized(defaultNamespace: XMLNamespace.client) }
            text += "</stream:stream>"
            link.outbox.close(after: text, on: channel)
        }
    }

    /// The timed half of the ack request policy: a stanza that has not been
    /// covered by an `<r/>` gets one after `ackRequestDelay`.
    private func scheduleAckRequest(_ link: inout Link) {
        guard !link.ackTimerPending, let channel = link.channel, let delay = link.ackRequestDelay else { return }
        link.ackTimerPending = true
        let nanoseconds = Int64(delay.components.seconds) * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
        channel.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { [self] in
            self.link.withLockedValue { link in
                link.ackTimerPending = false
                if (link.streamManagement?.unrequested ?? 0) > 0 { link.requestAck() }
            }
        }
    }

    public static func == (lhs: ClientSession, rhs: ClientSession) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    public var description: String { "session#\(id)(\(jid))" }
}

extension ClientSession {
    /// The connection side of a session; only touched under `ClientSession.link`'s lock.
    struct Link: Sendable {
        /// nil while hibernating (or after the session ended).
        var channel: (any Channel)?
        /// Every write to `channel` goes through it (see `SessionOutbox`).
        let outbox: SessionOutbox
        /// Set by `<enable/>`; nil means no XEP-0198 on this session.
        var streamManagement: StreamManagementQueue?
        /// Stanzas from the client handled so far (the `h` we report), modulo 2^32.
        var inboundHandled: UInt32 = 0
        /// The SM-ID when the client asked for resumption and we allowed it.
        var resumptionID: String?
        /// Cleared when the session must end for good (replaced, overflow, error).
        var resumable = false
        /// Seconds a dropped connection may be resumed within.
        var resumptionSeconds = 0
        var ackRequestDelay: Duration?
        var ackTimerPending = false
        /// Counts hibernations, so a stale hibernation watcher can tell it lost.
        var epoch: UInt64 = 0
        var wake: AsyncStream<Void>.Continuation?
        var ended = false
        /// The connection is being closed by us: nothing more is written to it.
        var closing = false

        /// Through the outbox, so that the wire order is the order of this lock.
        func write(_ text: String) {
            guard !closing, let channel else { return }
            outbox.write(text, to: channel)
        }

        mutating func requestAck() {
            streamManagement?.ackRequested()
            write(StreamManagementModule.element("r").serialized())
        }

        /// Too much unacknowledged: the connection ends with `resource-constraint`
        /// and the session is not resumed (its queue is redelivered).
        mutating func overflow() {
            resumable = false
            wakeHibernation()
            guard !closing, let channel else { return }
            closing = true
            let error = StreamError(.resourceConstraint, text: "too many unacknowledged stanzas")
            let text = error.element.serialized(defaultNamespace: XMLNamespace.client) + "</stream:stream>"
            outbox.close(after: text, on: channel)
        }

        mutating func wakeHibernation() {
            wake?.yield()
            wake?.finish()
            wake = nil
        }
    }
}
