import Foundation
import NIOCore
import XMPPCore

/// XEP-0198 operations on a session. Each runs under the session's lock, so
/// enabling, acking, hibernating and resuming never interleave with a send.
extension ClientSession {
    struct StreamManagementSettings: Sendable {
        var resumptionID: String?
        var resumptionSeconds: Int
        var maxUnacked: Int
        var ackRequestEvery: Int
        var ackRequestDelay: Duration
    }

    /// Turns acking on and writes `enabled` as the last uncounted element.
    /// False when it was on already.
    func enableStreamManagement(_ settings: StreamManagementSettings, reply enabled: XMLElement) -> Bool {
        link.withLockedValue { link in
            guard link.streamManagement == nil else { return false }
            link.write(enabled.serialized())
            link.streamManagement = StreamManagementQueue(
                maxUnacked: settings.maxUnacked, ackRequestEvery: settings.ackRequestEvery)
            link.resumptionID = settings.resumptionID
            link.resumable = settings.resumptionID != nil
            link.resumptionSeconds = settings.resumptionSeconds
            link.ackRequestDelay = settings.ackRequestDelay
            return true
        }
    }

    /// The SM-ID this session can be resumed with, if any.
    var resumptionID: String? { link.withLockedValue { $0.resumptionID } }

    var streamManagementEnabled: Bool { link.withLockedValue { $0.streamManagement != nil } }

    /// The `h` to report for the client's stanzas; nil before `<enable/>`.
    var inboundHandled: UInt32? {
        link.withLockedValue { $0.streamManagement == nil ? nil : $0.inboundHandled }
    }

    /// One more stanza from the client was handled (counted only once enabled).
    func countInbound() {
        link.withLockedValue { link in
            if link.streamManagement != nil { link.inboundHandled &+= 1 }
        }
    }

    /// Returns the delivery journal rows of the newly acknowledged stanzas.
    /// Throws `StreamManagementQueue.HandledCountTooHigh` for an `h` beyond what was sent.
    func acknowledge(_ h: UInt32) throws -> [Int64] {
        try link.withLockedValue { try $0.streamManagement?.acknowledge(h) ?? [] }
    }

    enum Detached {
        /// Another connection resumed this session meanwhile: not ours to end.
        case notOwner
        /// Kept for resumption; `wake` fires when it must end early or was resumed.
        case hibernating(wake: AsyncStream<Void>, epoch: UInt64, seconds: Int)
        /// Over: these stanzas were never acknowledged.
        case ended(unacked: [StreamManagementQueue.Entry])
    }

    /// The connection `channel` went away. Hibernates when the session is
    /// resumable and `mayHibernate`; otherwise the session ends here.
    func detach(from channel: any Channel, mayHibernate: Bool) -> Detached {
        link.withLockedValue { link in
            guard !link.ended, let current = link.channel, current === channel else { return .notOwner }
            link.channel = nil
            link.closing = false
            if mayHibernate, link.resumable {
                link.epoch += 1
                let (wake, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
                link.wake = continuation
                return .hibernating(wake: wake, epoch: link.epoch, seconds: link.resumptionSeconds)
            }
            link.ended = true
            return .ended(unacked: link.streamManagement?.drain() ?? [])
        }
    }

    /// Ends a hibernating session (window over, replaced, overflow, shutdown).
    /// nil when it was resumed or ended meanwhile; `epoch` nil matches any hibernation.
    func endHibernation(epoch: UInt64?) -> [StreamManagementQueue.Entry]? {
        link.withLockedValue { link in
            guard !link.ended, link.channel == nil, epoch == nil || epoch == link.epoch else { return nil }
            link.ended = true
            link.resumable = false
            link.wakeHibernation()
            return link.streamManagement?.drain() ?? []
        }
    }

    enum ResumeOutcome {
        /// Resumed; `previous` is the old connection if it was still open (the caller closes it);
        /// `acknowledged`: journal rows of what the client's `h` covered.
        case resumed(previous: (any Channel)?, acknowledged: [Int64])
        case gone
        case handledCountTooHigh(StreamManagementQueue.HandledCountTooHigh)
    }

    /// Moves this session onto `channel`: applies the client's `h`, writes
    /// `resumed`, then every stanza the client has not acknowledged, in order.
    func resume(on channel: any Channel, clientHandled h: UInt32, previd: String) -> ResumeOutcome {
        link.withLockedValue { link in
            guard !link.ended, link.resumable, link.resumptionID == previd, link.streamManagement != nil else { return .gone }
            let acknowledged: [Int64]
            do {
                acknowledged = try link.streamManagement?.acknowledge(h) ?? []
            } catch let error as StreamManagementQueue.HandledCountTooHigh {
                return .handledCountTooHigh(error)
            } catch {
                return .gone
            }
            let previous = link.channel
            link.channel = channel
            link.closing = false
            link.epoch += 1
            link.wakeHibernation()
            let resumed = StreamManagementModule.element(
                "resumed", attributes: ["previd": previd, "h": String(link.inboundHandled)])
            link.write(resumed.serialized())
            let pending = link.streamManagement?.unacked ?? []
            for entry in pending {
                link.write(entry.stanza.serialized(defaultNamespace: XMLNamespace.client))
            }
            if !pending.isEmpty { link.requestAck() }
            return .resumed(previous: previous, acknowledged: acknowledged)
        }
    }
}
