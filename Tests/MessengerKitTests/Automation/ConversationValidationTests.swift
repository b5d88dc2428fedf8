import Foundation
@testable import MessengerKit
import Testing

/// `InstantMessage` (§3.1.5, seeds 2 and 3), `SendText`, `History`: every
/// documented row, asserting the exact HRESULT, in the §9 order.
@Suite struct ConversationValidationTests {
    typealias Fixture = ClientStateFixture

    static let invalidContacts: [(String, ContactArgument)] = [
        ("empty VARIANT", .empty),
        ("NULL string", .signinName(nil)),
        ("zero-length string", ""),
        ("leading space", " bob@example.test"),
        ("130 characters", .signinName(Fixture.name(length: 130))),
        ("carriage return", "bob@example.test\r"),
        ("line feed", "bob@\nexample.test"),
        ("wrong VARIANT type", .wrongType("VT_I4")),
    ]

    @Test(arguments: invalidContacts)
    func instantMessageRejectsInvalidContact(_ row: (String, ContactArgument)) throws {
        var state = try Fixture.signedIn()
        let windowsBefore = state.windows.count
        #expect(failure { try state.instantMessage(row.1) } == .E_INVALIDARG, "\(row.0)")
        // A rejected call changes nothing: no window, no stanza, no event.
        #expect(state.windows.count == windowsBefore)
        #expect(state.takeEffects().isEmpty)
    }

    @Test(arguments: invalidContacts)
    func validationComesBeforeTheSignedInCheck(_ row: (String, ContactArgument)) throws {
        var state = try Fixture.signedOut()
        #expect(failure { try state.instantMessage(row.1) } == .E_INVALIDARG, "\(row.0)")
    }

    @Test func signedOutIsNotLoggedOn() throws {
        var state = try Fixture.signedOut()
        #expect(failure { try state.instantMessage("bob@example.test") } == .MSGR_E_NOT_LOGGED_ON)
        #expect(HRESULT.MSGR_E_NOT_LOGGED_ON.rawValue == 0x8100_031E)
    }

    @Test(arguments: ["alice@example.test", "ALICE@Example.Test", "sip:alice@example.test", "alice"])
    func selfIsRefusedWithEFail(_ name: String) throws {
        var state = try Fixture.signedIn()
        #expect(failure { try state.instantMessage(.signinName(name)) } == .E_FAIL)
        #expect(state.openWindowIDs == [state.mainWindowID])
    }

    @Test func exactly129CharactersIsAccepted() throws {
        var state = try Fixture.signedIn()
        let id = try state.instantMessage(.signinName(Fixture.name(length: 129)))
        #expect(state.windows[id]?.kind == .conversation)
    }

    @Test func theSameContactReusesItsWindowAndOthersGetTheirOwn() throws {
        var state = try Fixture.signedIn()
        let first = try state.instantMessage("bob@example.test")
        #expect(state.takeEffects().count == 1)  // OnIMWindowCreated
        let again = try state.instantMessage("BOB@example.test")
        #expect(again == first)
        #expect(state.takeEffects().isEmpty)  // reuse raises no event (R5)
        let other = try state.instantMessage("carol@example.test")
        #expect(other != first)
    }

    @Test func aNameThatIsNoValidUserStillOpensAWindow() throws {
        var state = try Fixture.signedIn()
        let id = try state.instantMessage("not a user")
        try state.sendText("hello", in: id, now: Date(timeIntervalSince1970: 0))
        // Nothing can be sent to it; the window says so.
        let sent = state.takeEffects().filter { if case .send = $0 { true } else { false } }
        #expect(sent.isEmpty)
        #expect(try state.history(of: id, timeZone: .gmt).contains("is not a valid address"))
    }

    @Test func sendTextAndHistory() throws {
        var state = try Fixture.signedIn()
        let id = try state.instantMessage("bob@example.test")
        try state.sendText("Hello\nsecond line", in: id, now: Date(timeIntervalSince1970: 3_723))
        #expect(try state.history(of: id, timeZone: .gmt) == "[01:02:03] alice@example.test: Hello\n    second line")
        #expect(failure { try state.sendText("", in: id, now: Date()) } == .E_INVALIDARG)
        #expect(failure { try state.sendText(String(repeating: "x", count: 32_769), in: id, now: Date()) } == .E_INVALIDARG)
    }

    @Test func aClosedConversationFailsEveryMemberButClose() throws {
        var state = try Fixture.signedIn()
        let id = try state.instantMessage("bob@example.test")
        #expect(state.close(id).hresult == .S_OK)
        #expect(state.close(id).hresult == .S_FALSE)
        #expect(state.isClosed(id))
        #expect(failure { try state.sendText("hi", in: id, now: Date()) } == .E_FAIL)
        #expect(failure { try state.history(of: id, timeZone: .gmt) } == .E_FAIL)
        #expect(failure { try state.participants(of: id) } == .E_FAIL)
        #expect(failure { try state.geometry(of: id, .left) } == .E_FAIL)
        #expect(failure { try state.show(id) } == .E_FAIL)
        // A new conversation with the same contact is a new window.
        #expect(try state.instantMessage("bob@example.test") != id)
    }

    @Test func signoutClosesEveryConversationWindow() throws {
        var state = try Fixture.signedIn()
        let bob = try state.instantMessage("bob@example.test")
        let carol = try state.instantMessage("carol@example.test")
        _ = state.takeEffects()
        try state.signout()
        #expect(state.isClosed(bob) && state.isClosed(carol))
        #expect(!state.isClosed(state.mainWindowID))
        let destroyed = state.takeEffects().compactMap { effect -> Int? in
            if case .emit(.imWindowDestroyed(let id)) = effect { return id }
            return nil
        }
        #expect(destroyed == [bob, carol])
    }

    @Test func addingAParticipant() throws {
        var state = try Fixture.signedIn()
        let id = try state.instantMessage("bob@example.test")
        #expect(failure { try state.addParticipant(" x", to: id) } == .E_INVALIDARG)
        #expect(failure { try state.addParticipant("alice@example.test", to: id) } == .E_FAIL)
        #expect(try state.addParticipant("bob@example.test", to: id).hresult == .S_FALSE)
        #expect(failure { try state.addParticipant("carol@example.test", to: id) } == .MSGR_E_SESSION_FULL)
    }
}
