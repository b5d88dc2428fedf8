import NIOConcurrencyHelpers
import NIOCore
@testable import MessengerAutomation
import MessengerKit
import Testing

/// A client that stops reading must not make the endpoint hold its output
/// without bound: past the byte limit it is disconnected.
@Suite("automation endpoint: a client that does not read")
struct SlowClientTests {
    @Test("replies pile up past the limit → the session disconnects and stops queueing")
    func disconnectsPastTheLimit() async throws {
        let output = OutboundQueue(limit: 1_000)
        let disconnected = NIOLockedValueBox(false)
        let session = AutomationConnection(
            messenger: try signedOutMessenger(), send: { output.send($0) },
            close: { disconnected.withLockedValue { $0 = true } }, logger: .init(label: "test"))
        let request = #"{"jsonrpc":"2.0","id":1,"method":"Messenger.get_MyStatus"}"#
        var sent = 0
        while !disconnected.withLockedValue({ $0 }), sent < 100 {
            await session.receive(request)
            sent += 1
        }
        #expect(disconnected.withLockedValue { $0 })
        // Each reply is {"id":1,"jsonrpc":"2.0","result":{"hr":0,"value":0}} plus
        // its newline, 53 bytes: 18 fit in 1,000, the 19th is refused.
        #expect(sent == 19)
        #expect(output.queuedBytes <= 1_000)
        // Nothing more is queued once the client is cut off.
        await session.receive(request)
        #expect(output.queuedBytes <= 1_000)
    }
}
