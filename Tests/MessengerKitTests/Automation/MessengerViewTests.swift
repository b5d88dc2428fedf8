import Foundation
@testable import MessengerKit
import Testing
import XMPPCore

/// The web UI's VIEW, built from a state without a server: its JSON keys
/// and values are the contract (docs/web.md), and window stacking follows
/// what a person did last.
@Suite("MessengerView: the UI's view of the client")
struct MessengerViewTests {
    typealias Fixture = ClientStateFixture

    /// The state's view as a JSON object.
    static func json(_ state: ClientState) throws -> [String: Any] {
        let data = try JSONEncoder().encode(state.view())
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("top-level, me, contact and window keys are exactly the contract's")
    func keysMatchTheContract() throws {
        var state = try Fixture.signedIn()
        state.setMyStatus(.busy)
        let window = try state.instantMessage("bob@example.test")
        try state.sendText("hi", in: window, now: Date(timeIntervalSince1970: 1_700_000_000))
        let view = try Self.json(state)
        #expect(Set(view.keys) == ["me", "groups", "contacts", "windows"])

        let me = try #require(view["me"] as? [String: Any])
        #expect(Set(me.keys) == ["signinName", "friendlyName", "status", "statusName", "statusText", "phase", "selectableStatuses"])
        #expect(me["signinName"] as? String == "alice@example.test")
        #expect(me["status"] as? Int == 10)
        #expect(me["statusName"] as? String == "busy")
        #expect(me["statusText"] as? String == "Busy")
        #expect(me["phase"] as? String == "online")

        let contacts = try #require(view["contacts"] as? [[String: Any]])
        #expect(contacts.map { $0["signinName"] as? String } == ["bob@example.test", "carol@example.test"])
        #expect(Set(contacts[0].keys) == ["signinName", "friendlyName", "status", "statusName", "statusText", "blocked", "canPage", "phones"])
        #expect(contacts[0]["statusName"] as? String == "offline")
        #expect(contacts[0]["phones"] as? [String: String] == ["home": "", "work": "+1 555 0200", "mobile": ""])
        #expect(contacts[1]["canPage"] as? Bool == true)

        let windows = try #require(view["windows"] as? [[String: Any]])
        #expect(windows.map { $0["kind"] as? String } == ["main", "conversation"])
        let allKeys: Set<String> = [
            "id", "kind", "title", "left", "top", "width", "height", "minimized", "z", "contact", "transcript", "history", "phone", "page",
        ]
        #expect(Set(windows[0].keys) == allKeys)
        #expect(Set(windows[1].keys) == allKeys)
        // Absent parts are null, not missing.
        #expect(windows[0]["contact"] is NSNull)
        #expect(windows[0]["phone"] is NSNull)
        #expect(windows[1]["contact"] as? String == "bob@example.test")
        let transcript = try #require(windows[1]["transcript"] as? [[String: String]])
        #expect(transcript == [["time": "2023-11-14T22:13:20Z", "origin": "local", "sender": "alice@example.test", "text": "hi"]])
        #expect(windows[1]["history"] as? String == (try state.history(of: window, timeZone: state.timeZone)))
        #expect(windows[1]["left"] as? Int == 400 + (window % 8) * 24)
    }

    @Test("the status menu lists the settable states in menu order, invisible as Appear Offline")
    func statusMenu() throws {
        let state = try Fixture.signedIn()
        let menu = state.view().me.selectableStatuses
        #expect(menu.map(\.name) == [
            "online", "busy", "do-not-disturb", "brb", "away", "phone", "lunch", "in-a-meeting",
            "out-of-office", "in-a-conference", "allow-urgent-interruptions", "may-be-available", "invisible",
        ])
        #expect(menu.first?.text == "Available")
        #expect(menu.last?.text == "Appear Offline")
        #expect(menu.last?.status == 6)
    }

    @Test("phone and page windows carry their dialog's parts")
    func phoneAndPageWindows() throws {
        var state = try Fixture.signedIn()
        _ = try state.phone("bob@example.test", type: MPHONE_TYPE.work.rawValue, number: nil)
        _ = try state.page("carol@example.test")
        let windows = state.view().windows
        let phone = try #require(windows.first { $0.kind == "phone" })
        #expect(phone.phone == MessengerView.PhoneCall(
            number: "+1 555 0200", type: "work", state: "Not connected", phase: "idle", direction: "outgoing"))
        #expect(phone.contact == "bob@example.test")
        #expect(phone.page == nil)
        let page = try #require(windows.first { $0.kind == "page" })
        #expect(page.page == MessengerView.Page(maximumLength: 160, sent: []))
        #expect(page.contact == "carol@example.test")
    }

    @Test("closed windows leave the view; the main window stays")
    func closedWindowsLeave() throws {
        var state = try Fixture.signedIn()
        let window = try state.instantMessage("bob@example.test")
        _ = state.close(window)
        _ = state.close(state.mainWindowID)
        #expect(state.view().windows.map(\.id) == [state.mainWindowID])
    }

    @Test("opening, Show and InstantMessage on an open window bring it to the front")
    func stacking() throws {
        var state = try Fixture.signedIn()
        let bob = try state.instantMessage("bob@example.test")
        let carol = try state.instantMessage("carol@example.test")
        func z(_ id: Int) -> Int { state.windows[id]?.z ?? -1 }
        #expect(z(carol) > z(bob))
        #expect(z(bob) > z(state.mainWindowID))
        #expect(try state.instantMessage("bob@example.test") == bob)
        #expect(z(bob) > z(carol))
        try state.show(carol)
        #expect(z(carol) > z(bob))
        try state.minimize(bob)
        try state.show(bob)
        #expect(state.windows[bob]?.isMinimized == false)
        #expect(z(bob) > z(carol))
    }

    @Test("a page holds at most 160 UTF-16 units")
    func pageLimit() throws {
        var state = try Fixture.signedIn()
        let id = try state.page("carol@example.test")
        try state.sendPage(String(repeating: "a", count: 160), in: id, now: .now)
        let error = try #require(throws: MessengerError.self) {
            try state.sendPage(String(repeating: "a", count: 161), in: id, now: .now)
        }
        #expect(error.hresult == .E_INVALIDARG)
        #expect(error.message == "a page holds at most 160 characters, not 161")
    }

    @Test("the view decodes from its own JSON (the attached messenger's path)")
    func roundTrip() throws {
        var state = try Fixture.signedIn()
        _ = try state.instantMessage("bob@example.test")
        let view = state.view()
        let data = try JSONEncoder().encode(view)
        let value = try JSONValue(parsing: data)
        #expect(MessengerView(remote: value) == view)
    }
}
