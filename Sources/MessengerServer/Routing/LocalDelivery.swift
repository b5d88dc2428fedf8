import Foundation
import XMPPCore

/// Delivers a stanza to an account on this server, following RFC 6121 §8.5:
/// unknown accounts, blocked senders, full vs bare JIDs, offline storage.
struct LocalDelivery: Sendable {
    let context: ServerContext

    func deliver(_ stanza: XMLElement, to: JID, from sender: JID) async {
        do {
            try await deliverOrThrow(stanza, to: to, from: sender)
        } catch let error as StanzaError {
            await bounce(stanza, error, to: sender)
        } catch {
            context.logger.error("delivery failed", metadata: ["xmpp.to": "\(to)", "error": "\(error)"])
            await bounce(stanza, StanzaError(.internalServerError), to: sender)
        }
    }

    private func deliverOrThrow(_ stanza: XMLElement, to: JID, from sender: JID) async throws {
        guard let username = to.localpart, context.isLocalUser(to) else {
            throw StanzaError(.remoteServerNotFound, text: "this server does not federate")
        }
        let type = stanza.stanzaType
        let isRequest = stanza.isIQ && (type == "get" || type == "set")
        // A signed-in user's account exists: only ask storage about the others.
        let hasSessions = context.registry.hasSessions(of: username)
        // Presence reaches only available resources: without a session it goes
        // nowhere whether or not the account exists, so storage is not asked.
        if !hasSessions, stanza.isPresence { return }
        let exists = try await hasSessions ? true : context.storage.accountExists(username)
        guard exists else {
            // RFC 6121 §8.5.1: presence is silently dropped; messages and requests bounce.
            if stanza.isMessage || isRequest { throw StanzaError(.serviceUnavailable) }
            return
        }
        if sender.bare != to.bare, try await BlockingModule.isBlocked(sender, by: username, context: context) {
            // XEP-0191 §3.5: a blocked sender learns nothing beyond "unavailable".
            if stanza.isMessage || isRequest { throw StanzaError(.serviceUnavailable) }
            return
        }
        if to.isFull {
            if let session = context.registry.session(for: to) {
                if stanza.isMessage {
                    try await deliverDurably(stanza, to: [session], username: username, sender: sender)
                } else {
                    session.send(stanza)
                }
                return
            }
            // RFC 6121 §8.5.3.2: chat/normal messages fall back to the bare JID.
            guard stanza.isMessage, type == nil || type == "chat" || type == "normal" else {
                if isRequest { throw StanzaError(.serviceUnavailable) }
                return
            }
        }
        if stanza.isMessage {
            try await deliverMessageToAccount(stanza, username: username, type: type, sender: sender)
        } else if stanza.isPresence {
            for entry in context.registry.availableEntries(of: username) { entry.session.send(stanza) }
        } else if isRequest {
            throw StanzaError(.serviceUnavailable)
        }
    }

    private func deliverMessageToAccount(_ stanza: XMLElement, username: String, type: String?, sender: JID) async throws {
        switch type {
        case "error":
            for session in context.registry.messageTargets(of: username) { session.send(stanza) }
        case "groupchat":
            throw StanzaError(.serviceUnavailable)
        case "headline":
            // Headlines are not stored; every non-negative available resource gets one.
            let targets = context.registry.availableEntries(of: username).filter { $0.priority >= 0 }.map(\.session)
            try await deliverDurably(stanza, to: targets, username: username, sender: sender)
        default:
            let targets = context.registry.messageTargets(of: username)
            if targets.isEmpty {
                try await storeOffline(stanza, username: username, sender: sender)
            } else {
                try await deliverDurably(stanza, to: targets, username: username, sender: sender)
            }
        }
    }

    /// XEP-0160: on disk before anything else happens to it.
    func storeOffline(_ stanza: XMLElement, username: String, sender: JID, stamp: Date = Date()) async throws {
        guard try await context.storage.offlineCount(for: username) < context.configuration.maxOfflineMessagesPerUser else {
            throw StanzaError(.resourceConstraint, text: "the recipient's offline storage is full")
        }
        let message = OfflineMessage(
            stanza: stanza.serialized(defaultNamespace: XMLNamespace.client), from: sender, stamp: stamp)
        do {
            context.offlineIndex.writing(for: username)
            defer { context.offlineIndex.written(for: username) }
            try await context.storage.storeOffline(message, for: username)
        }
        await deliverIfOnlineMeanwhile(username)
    }

    /// Every caller found no resource to take the message before storing it.
    /// One that came online since then may have had its flush look before
    /// the write, which would leave the message waiting for the next sign-in.
    private func deliverIfOnlineMeanwhile(_ username: String) async {
        guard let session = context.registry.messageTargets(of: username).first else { return }
        do {
            try await OfflineModule().flush(to: session, context: context)
        } catch {
            // Stored all the same: the next flush delivers it.
            context.logger.warning("offline catch-up flush failed", metadata: ["xmpp.user": "\(username)", "error": "\(error)"])
        }
    }

    /// The error reply goes to the sender's session, if it is still here.
    func bounce(_ stanza: XMLElement, _ error: StanzaError, to sender: JID) async {
        guard stanza.stanzaType != "error", let session = context.registry.session(for: sender) else { return }
        session.send(stanza.errorReply(error))
    }
}
