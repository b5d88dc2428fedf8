@testable import MessengerKit
import Testing
import XMPPCore

/// `Phone` (§3.1.11, seed 0) and `Page` (§3.1.10, seed 4): every row of
/// their tables with the exact HRESULT, and the single-dialog rules.
@Suite struct PhoneAndPageValidationTests {
    typealias Fixture = ClientStateFixture

    @Test(arguments: ConversationValidationTests.invalidContacts)
    func phoneRejectsInvalidContact(_ row: (String, ContactArgument)) throws {
        var state = try Fixture.signedIn()
        #expect(failure { try state.phone(row.1, type: MPHONE_TYPE.work.rawValue, number: nil) } == .E_INVALIDARG, "\(row.0)")
        #expect(state.phoneWindowID == nil)
    }

    @Test(arguments: [Int32(-2), 4, 100, Int32.min])
    func phoneRejectsATypeOutsideMPHONE_TYPE(_ type: Int32) throws {
        var state = try Fixture.signedIn()
        #expect(failure { try state.phone("bob@example.test", type: type, number: nil) } == .E_INVALIDARG)
    }

    @Test func phoneNumberLimitIs256Characters() throws {
        var state = try Fixture.signedIn()
        let custom = MPHONE_TYPE.custom.rawValue
        #expect(failure { try state.phone("bob@example.test", type: custom, number: String(repeating: "1", count: 257)) } == .E_INVALIDARG)
        let id = try state.phone("bob@example.test", type: custom, number: String(repeating: "1", count: 256))
        #expect(state.windows[id]?.phoneCall?.number?.count == 256)
    }

    @Test func phoneChecksComeInTheDocumentedOrder() throws {
        var signedOut = try Fixture.signedOut()
        // Arguments before the session: a bad type while signed out is E_INVALIDARG.
        #expect(failure { try signedOut.phone("bob@example.test", type: 9, number: nil) } == .E_INVALIDARG)
        #expect(failure { try signedOut.phone("bob@example.test", type: 1, number: nil) } == .MSGR_E_NOT_LOGGED_ON)

        var state = try Fixture.signedIn()
        #expect(failure { try state.phone("alice@example.test", type: 1, number: nil) } == .E_FAIL)

        var restricted = try Fixture.signedIn(policy: ClientPolicy(allowsPhoneCalls: false))
        #expect(failure { try restricted.phone("bob@example.test", type: 1, number: nil) } == .MSGR_E_POLICY_RESTRICTED)

        var noVoice = try Fixture.signedIn(policy: ClientPolicy(hasVoiceService: false))
        #expect(failure { try noVoice.phone("bob@example.test", type: 1, number: nil) } == .MSGR_E_PHONESERVICE_UNAVAILABLE)
    }

    @Test func aMissingNumberOfTheRequestedTypeIsPhoneInvalidNumber() throws {
        var state = try Fixture.signedIn()
        // Carol has a home number only; Bob a work number only.
        #expect(failure { try state.phone("carol@example.test", type: MPHONE_TYPE.work.rawValue, number: nil) } == .MSGR_E_PHONE_INVALID_NUMBER)
        #expect(failure { try state.phone("carol@example.test", type: MPHONE_TYPE.mobile.rawValue, number: nil) } == .MSGR_E_PHONE_INVALID_NUMBER)
        #expect(failure { try state.phone("dave@example.test", type: MPHONE_TYPE.all.rawValue, number: nil) } == .MSGR_E_PHONE_INVALID_NUMBER)
        let id = try state.phone("carol@example.test", type: MPHONE_TYPE.home.rawValue, number: nil)
        #expect(state.windows[id]?.phoneCall?.number == "+1 555 0100")
        #expect(state.windows[id]?.phoneCall?.callState == "Not connected")
    }

    @Test func thereIsOnePhoneDialogShowingTheNewestNumber() throws {
        var state = try Fixture.signedIn()
        let first = try state.phone("bob@example.test", type: MPHONE_TYPE.work.rawValue, number: nil)
        let second = try state.phone("carol@example.test", type: MPHONE_TYPE.custom.rawValue, number: "+44 20 7946 0000")
        #expect(second == first)
        #expect(state.windows[first]?.phoneCall?.number == "+44 20 7946 0000")
        #expect(state.windows.values.filter { $0.kind == .phone }.count == 1)
        // Once closed, the next call opens a new dialog.
        #expect(state.close(first).hresult == .S_OK)
        let third = try state.phone("bob@example.test", type: MPHONE_TYPE.work.rawValue, number: nil)
        #expect(third != first)
    }

    @Test(arguments: ConversationValidationTests.invalidContacts)
    func pageRejectsInvalidContact(_ row: (String, ContactArgument)) throws {
        var state = try Fixture.signedIn()
        #expect(failure { try state.page(row.1) } == .E_INVALIDARG, "\(row.0)")
    }

    @Test func pageRows() throws {
        var signedOut = try Fixture.signedOut()
        #expect(failure { try signedOut.page("carol@example.test") } == .MSGR_E_NOT_LOGGED_ON)
        var state = try Fixture.signedIn()
        #expect(failure { try state.page("alice@example.test") } == .E_FAIL)
        #expect(failure { try state.page("bob@example.test") } == .MSGR_E_PAGING_UNAVAILABLE)
        #expect(HRESULT.MSGR_E_PAGING_UNAVAILABLE.name == "MSGR_E_PAGING_UNAVAILABLE")
        let id = try state.page("carol@example.test")
        #expect(state.windows[id]?.kind == .page)
        #expect(try state.page("carol@example.test") == id)
    }

    @Test func sendingAPage() throws {
        var state = try Fixture.signedIn()
        let id = try state.page("carol@example.test")
        _ = state.takeEffects()
        #expect(failure { try state.sendPage("", in: id, now: .now) } == .E_INVALIDARG)
        try state.sendPage("Call me", in: id, now: .now)
        guard case .send(let message) = state.takeEffects().first else {
            Issue.record("no page sent")
            return
        }
        #expect(message[attribute: "type"] == "headline")
        #expect(message[attribute: "to"] == "carol@example.test")
        #expect(message.child("page", namespace: XMLNamespace.page) != nil)
    }
}
