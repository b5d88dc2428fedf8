@testable import MessengerWeb
import Testing

/// A page that stops reading is cut off at the byte limit instead of
/// making the client hold its updates forever.
@Suite("web socket outbox")
struct WebSocketOutboxTests {
    @Test("accepts up to the limit, then refuses, finishes and says it overflowed")
    func overflow() async {
        let outbox = WebSocketOutbox(limit: 10)
        #expect(outbox.send("12345"))
        #expect(outbox.send("67890"))
        #expect(!outbox.hasOverflowed)
        #expect(!outbox.send("x"))
        #expect(outbox.hasOverflowed)
        // Once cut off, nothing more is accepted even after the page caught up.
        outbox.written("12345")
        #expect(!outbox.send("x"))
        var delivered: [String] = []
        for await message in outbox.messages { delivered.append(message) }
        #expect(delivered == ["12345", "67890"])
    }

    @Test("written messages make room again")
    func drains() {
        let outbox = WebSocketOutbox(limit: 10)
        #expect(outbox.send("1234567890"))
        outbox.written("1234567890")
        #expect(outbox.queuedBytes == 0)
        #expect(outbox.send("abcdefghij"))
        #expect(!outbox.hasOverflowed)
    }
}
