import HummingbirdWebSocket
import Logging
import MessengerAutomation
import MessengerKit
import NIOConcurrencyHelpers

/// Carries one page's WebSocket to an `AutomationConnection`: each text
/// message is one JSON-RPC request, each reply or notification one text
/// message (docs/web.md). Enforces the WebSocket limits.
struct WebSocketBridge: Sendable {
    struct Limits: Sendable {
        /// Largest request, in bytes (bigger → close 1009).
        var maximumMessageSize = 1 << 20
        /// How far a page may fall behind before it is closed with 1008.
        var maximumQueuedBytes = 8 << 20
        var maximumConnections = 16
    }

    let messenger: Messenger
    let limits: Limits
    let logger: Logger
    private let connectionCount = NIOLockedValueBox(0)

    init(messenger: Messenger, limits: Limits, logger: Logger) {
        self.messenger = messenger
        self.limits = limits
        self.logger = logger
    }

    func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let admitted = connectionCount.withLockedValue { count in
            guard count < limits.maximumConnections else { return false }
            count += 1
            return true
        }
        guard admitted else {
            logger.warning("too many web UI connections; refused one", metadata: ["web.limit": "\(limits.maximumConnections)"])
            try? await outbound.close(.policyViolation, reason: "too many connections")
            return
        }
        defer { connectionCount.withLockedValue { $0 -= 1 } }

        let outbox = WebSocketOutbox(limit: limits.maximumQueuedBytes)
        let connection = AutomationConnection(
            messenger: messenger, send: { outbox.send($0) }, close: { outbox.finish() }, logger: logger)
        let logger = self.logger
        let maximumMessageSize = limits.maximumMessageSize
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await message in outbox.messages {
                        try await outbound.write(.text(message))
                        outbox.written(message)
                    }
                    if outbox.hasOverflowed {
                        logger.warning(
                            "web UI page is not reading; closing it",
                            metadata: ["web.queued_bytes": "\(outbox.queuedBytes)"])
                        try await outbound.close(.policyViolation, reason: "the page fell too far behind")
                    }
                }
                group.addTask {
                    for try await message in inbound.messages(maxSize: maximumMessageSize) {
                        guard case .text(let text) = message else {
                            try await outbound.close(.unacceptableData, reason: "only text messages")
                            return
                        }
                        await connection.receive(text)
                    }
                }
                // Whichever side ends first (the page left, sent binary, or
                // fell behind) ends the other.
                try await group.next()
                group.cancelAll()
            }
        } catch {
            logger.debug("web UI connection ended", metadata: ["error": "\(error)"])
        }
        await connection.end()
        outbox.finish()
    }
}
