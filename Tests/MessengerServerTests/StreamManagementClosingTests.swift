import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
@testable import MessengerServer
import XMPPCore

/// A session whose connection is ending: it takes no more stanzas, and its
/// socket closes even when the client never reads what we last wrote.
@Suite("XEP-0198 sessions that are closing")
struct StreamManagementClosingTests {
    /// Swallows every write without completing it, like a peer that never
    /// reads once the socket buffers are full.
    final class WritesNeverComplete: ChannelOutboundHandler, Sendable {
        typealias OutboundIn = ByteBuffer
        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {}
    }

    /// A connected client-side channel to a local listener, its writes going
    /// to `outbound`; the caller closes both.
    static func connectedChannel(
        group: MultiThreadedEventLoopGroup, outbound: some ChannelOutboundHandler & Sendable = WritesNeverComplete()
    ) async throws -> (client: any Channel, listener: any Channel) {
        let listener = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(listener.localAddress?.port)
        let client = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(outbound)
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return (client, listener)
    }

    static func message(_ n: Int) -> XMLElement {
        XMLElement(name: "message", namespace: XMLNamespace.client, attributes: ["id": "m\(n)"])
    }

    @Test func aStreamErrorThatIsNeverWrittenStillClosesTheConnection() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let (client, listener) = try await Self.connectedChannel(group: group)
        let session = ClientSession(id: 1, jid: try JID("alice@example.test/phone"), channel: client)
        session.close(with: StreamError(.conflict, text: "replaced"))
        let closed = try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask { try await client.closeFuture.get(); return true }
            tasks.addTask { try await Task.sleep(for: .seconds(30)); return false }
            let first = try await tasks.next() ?? false
            tasks.cancelAll()
            return first
        }
        #expect(closed)
        try? await listener.close()
        try await group.shutdownGracefully()
    }

    @Test func anOverflowedSessionHandsBackEveryLaterStanza() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let (client, listener) = try await Self.connectedChannel(group: group)
        let session = ClientSession(id: 2, jid: try JID("alice@example.test/phone"), channel: client)
        session.link.withLockedValue { $0.streamManagement = StreamManagementQueue(maxUnacked: 2, ackRequestEvery: 100) }
        let outcomes = (1...4).map { session.send(Self.message($0)) }
        #expect(outcomes == [.heldUntilAcknowledged, .heldUntilAcknowledged, .heldUntilAcknowledged, .ended])
        let held = session.link.withLockedValue { $0.streamManagement?.unacked.map { $0.stanza[attribute: "id"] ?? "" } }
        #expect(held == ["m1", "m2", "m3"])
        try? await client.close()
        try? await listener.close()
        try await group.shutdownGracefully()
    }
}
