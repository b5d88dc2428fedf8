import MessengerKit
import Testing
@testable import MessengerAutomation

@Suite("What msgr prints and accepts")
struct ScriptingFormatTests {
    @Test("status words, MISTATUS names and numbers all read as the same status", arguments: [
        ("online", MISTATUS.online), ("ONLINE", .online), ("busy", .busy), ("away", .away),
        ("brb", .beRightBack), ("be-right-back", .beRightBack), ("phone", .onThePhone), ("on-the-phone", .onThePhone),
        ("lunch", .outToLunch), ("out-to-lunch", .outToLunch), ("invisible", .invisible), ("offline", .offline),
        ("idle", .idle), ("in-a-meeting", .inAMeeting), ("MISTATUS_BUSY", .busy), ("mistatus_be_right_back", .beRightBack),
        ("10", .busy), ("0x0A", .busy), ("0X22", .away), ("2", .online),
    ])
    func readsStatus(text: String, status: MISTATUS) {
        #expect(MISTATUS(commandName: text) == status)
    }

    @Test("anything else is not a status", arguments: ["", "bussy", "brb ", "11", "0x", "0xZZ", "-2", "MISTATUS_", "mistatus-busy"])
    func rejectsStatus(text: String) {
        #expect(MISTATUS(commandName: text) == nil)
    }

    @Test("the status printed is the short word, and every printed word reads back as that status")
    func printsStatus() {
        #expect(MISTATUS.beRightBack.commandName == "brb")
        #expect(MISTATUS.onThePhone.commandName == "phone")
        #expect(MISTATUS.outToLunch.commandName == "lunch")
        #expect(MISTATUS.allowUrgentInterruptions.commandName == "allow-urgent-interruptions")
        #expect(MISTATUS.localConnectingToServer.commandName == "local-connecting-to-server")
        for status in MISTATUS.allCases {
            #expect(MISTATUS(commandName: status.commandName) == status)
        }
        #expect(MISTATUS.commandName(rawValue: 0x0A) == "busy")
        #expect(MISTATUS.commandName(rawValue: 0x1234) == "0x1234")
    }

    @Test("columns are as wide as their widest cell, two spaces apart, with no trailing spaces")
    func columns() {
        let lines = ColumnLayout.lines([
            ["online", "bob@example.test", "Bob", ""],
            ["brb", "carol@example.test", "Carol Smith", "[blocked]"],
            ["offline", "d@example.test", "D", ""],
        ])
        #expect(lines == [
            "online   bob@example.test    Bob",
            "brb      carol@example.test  Carol Smith  [blocked]",
            "offline  d@example.test      D",
        ])
        #expect(ColumnLayout.lines([]) == [])
    }

    @Test("page --wait reads the page at the index it sent, and gives up on one still sending at the deadline")
    func sentPageWait() {
        func page(_ text: String, _ status: String) -> JSONValue { ["text": .string(text), "status": .string(status)] }
        let mine = page("mine", "sending")
        let settled = page("mine", "sent")
        let later = page("someone else's", "failed")
        #expect(SentPageWait.verdict(pages: [page("old", "sent")], index: 1, pastDeadline: false) == .waiting)
        #expect(SentPageWait.verdict(pages: [page("old", "sent"), mine, later], index: 1, pastDeadline: false) == .waiting)
        #expect(SentPageWait.verdict(pages: [page("old", "sent"), settled, later], index: 1, pastDeadline: false) == .settled(settled))
        #expect(
            SentPageWait.verdict(pages: [page("old", "sent"), mine], index: 1, pastDeadline: true)
                == .gaveUp("the server did not answer the page in time; it may still arrive"))
        #expect(SentPageWait.verdict(pages: [], index: 0, pastDeadline: true) == .gaveUp("the page was not listed in its window"))
    }
}
