import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
@testable import MessengerServer
import XMPPCore

/// XEP-0198 counts stanzas in the order the session's lock saw them; the
/// client counts them in the order they arrive. The two must agree even when
/// a write comes from the connection's own event loop.
@Suite("XEP-0198 wire order")
struct StreamManagementWireOrderTests {
    /// Keeps the text of every write, in order, and completes it.
    final class RecordsWrites: ChannelOutboundHandler, Sendable {
        typealias OutboundIn = ByteBuffer
        let written = NIOLockedValueBox<[String]>([])

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            let text = String(buffer: unwrapOutboundIn(data))
            written.withLockedValue { $0.append(text) }
            promise?.succeed()
        }
    }

    @Test func aStanzaSentFromAnotherThreadBeforeEnablingLeavesBeforeEnabled() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let recorder = RecordsWrites()
        let (client, listener) = try await StreamManagementClosingTests.connectedChannel(group: group, outbound: recorder)
        let session = ClientSession(id: 3, jid: try JID("alice@example.test/phone"), channel: client)
        let settings = ClientSession.StreamManagementSettings(
            resumptionID: nil, resumptionSeconds: 0, maxUnacked: 100, ackRequestEvery: 100, ackRequestDelay: .seconds(30))
        // The stream task enables acking on the connection's loop, just after
        // another connection's task (another thread) sent this session a message.
        try await client.eventLoop.submit {
            // (`sync` would run the block on this very thread.)
            let sent = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                _ = session.send(StreamManagementClosingTests.message(1))
                sent.signal()
            }
            sent.wait()
            _ = session.enableStreamManagement(settings, reply: StreamManagementModule.element("enabled"))
        }.get()
        // The message was sent before acking began: the client must not count it.
        var wire = ""
        for _ in 0..<200 {
            wire = recorder.written.withLockedValue { $0.joined() }
            if wire.contains("<enabled") { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let message = try #require(wire.range(of: "<message"))
        let enabled = try #require(wire.range(of: "<enabled"))
        #expect(message.lowerBound < enabled.lowerBound)
        try? await client.close()
        try? await listener.close()
        try await group.shutdownGracefully()
    }
}
