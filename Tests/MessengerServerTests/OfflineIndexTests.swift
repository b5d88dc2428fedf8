import Testing
@testable import MessengerServer

/// The index that lets a sign-in skip reading offline storage: it may say
/// "read" too often, never "skip" while a message may be waiting.
@Suite("Offline index")
struct OfflineIndexTests {
    @Test func beforeStartUpEveryoneIsRead() {
        let index = OfflineIndex()
        let mark = index.mark(for: "alice")
        #expect(mark != nil)
        index.delivered("alice", since: mark!)
        #expect(index.mark(for: "alice") != nil)
    }

    @Test func usersFoundAtStartUpAreReadOthersSkipped() {
        let index = OfflineIndex()
        index.prime(["alice"])
        #expect(index.mark(for: "alice") != nil)
        #expect(index.mark(for: "bob") == nil)
    }

    @Test func aWriteMakesTheUserReadUntilAFlushDeliversIt() throws {
        let index = OfflineIndex()
        index.prime([])
        index.writing(for: "bob")
        index.written(for: "bob")
        let mark = try #require(index.mark(for: "bob"))
        index.delivered("bob", since: mark)
        #expect(index.mark(for: "bob") == nil)
    }

    @Test func aWriteUnderWayWhenTheFlushLookedKeepsTheUser() throws {
        let index = OfflineIndex()
        index.prime([])
        index.writing(for: "bob")
        // The flush reads now and may miss the row being written…
        let mark = try #require(index.mark(for: "bob"))
        index.written(for: "bob")
        index.delivered("bob", since: mark)
        // …so bob stays, and his next sign-in reads it.
        #expect(index.mark(for: "bob") != nil)
    }

    @Test func aWriteBegunAfterTheFlushLookedKeepsTheUser() throws {
        let index = OfflineIndex()
        index.prime(["bob"])
        let mark = try #require(index.mark(for: "bob"))
        index.writing(for: "bob")
        index.written(for: "bob")
        index.delivered("bob", since: mark)
        #expect(index.mark(for: "bob") != nil)
    }

    @Test func aFlushAskedForDuringAnotherRunsAsItsRepeat() {
        let index = OfflineIndex()
        #expect(index.beginFlush(for: "bob"))
        #expect(!index.beginFlush(for: "bob"), "a second flush waits for the first")
        #expect(index.beginFlush(for: "alice"), "other users are not held up")
        #expect(index.endFlush(for: "bob"), "the first runs once more for the second")
        #expect(!index.endFlush(for: "bob"))
        #expect(index.beginFlush(for: "bob"), "done: the next flush starts at once")
        index.abandonFlush(for: "bob")
        #expect(index.beginFlush(for: "bob"), "a failed flush leaves nothing behind")
    }
}
