import NIOCore
import XMPPCore

/// How the stream task reaches its channel handler: every call hops to the
/// handler's event loop, so the handler's state is never touched elsewhere.
struct C2SBridge: Sendable {
    let handler: NIOLoopBound<C2SChannelHandler>
    let channel: any Channel

    var eventLoop: any EventLoop { handler.eventLoop }

    /// The peer's IP address, the key for per-address sign-in throttling.
    var remoteAddress: String { channel.remoteAddress?.ipAddress ?? "unknown" }

    func send(_ text: String) {
        channel.writeAndFlush(channel.allocator.buffer(string: text), promise: nil)
    }

    func send(_ element: XMLElement) {
        send(element.serialized(defaultNamespace: XMLNamespace.client))
    }

    func headerSent() {
        let handler = self.handler
        eventLoop.execute { handler.value.headerSent() }
    }

    func eventDone(restart: Bool = false) {
        let handler = self.handler
        eventLoop.execute { handler.value.eventDone(restart: restart) }
    }

    func startTLS() async throws {
        let handler = self.handler
        try await eventLoop.submit { try handler.value.startTLS() }.get()
    }

    func sessionBound() {
        let handler = self.handler
        eventLoop.execute { handler.value.sessionBound() }
    }

    func fail(_ error: StreamError) {
        let handler = self.handler
        eventLoop.execute { handler.value.fail(error) }
    }

    func finish() {
        let handler = self.handler
        eventLoop.execute { handler.value.finish() }
    }
}
