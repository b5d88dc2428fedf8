import Foundation
@testable import MessengerKit
import Testing

/// The Phone dialog's calls as the state machine runs them (docs/phone.md):
/// what is dialled, which effects ask the SIP user agent for what, how its
/// reports move the dialog, ON_THE_PHONE, and hanging up on Close.
@Suite struct PhoneCallStateTests {
    typealias Fixture = ClientStateFixture
    static let work = MPHONE_TYPE.work.rawValue
    static let custom = MPHONE_TYPE.custom.rawValue

    @Test func phoneWithANumberDialsItAtOnce() throws {
        var state = try Fixture.signedIn()
        let id = try state.phone("bob@example.test", type: Self.work, number: "+1 (425) 555-0100")
        #expect(state.windows[id]?.phoneCall?.phase == .dialling)
        let effects = state.takeEffects()
        #expect(effects.placedCalls == ["sip:+14255550100@example.test;user=phone"])
        #expect(effects.callChanges == [.dialling])
    }

    @Test func phoneWithoutANumberOpensTheDialogAndDialsNothing() throws {
        var state = try Fixture.signedIn()
        let id = try state.phone("bob@example.test", type: Self.work, number: nil)
        #expect(state.windows[id]?.phoneCall?.number == "+1 555 0200")
        #expect(state.windows[id]?.phoneCall?.phase == .idle)
        #expect(state.takeEffects().placedCalls.isEmpty)
        // The dialog's Call button then dials the number in the box.
        try state.dial(inWindow: id, number: nil)
        #expect(state.takeEffects().placedCalls == ["sip:+15550200@example.test;user=phone"])
    }

    @Test func aCallRingsConnectsShowsOnThePhoneAndRestoresTheStatus() throws {
        var state = try Self.online(.busy)
        let id = try state.phone("bob@example.test", type: Self.custom, number: "5550100")
        let attempt = try #require(state.windows[id]?.phoneCall?.attempt)
        state.callPlaced(attempt: attempt, sipCallID: "c1")
        state.callProgress(sipCallID: "c1", CallUpdate(kind: .ringing, time: .now), now: .now)
        #expect(state.windows[id]?.phoneCall?.callState == "Ringing…")
        _ = state.takeEffects()
        state.callProgress(sipCallID: "c1", CallUpdate(kind: .connected, time: .now), now: .now)
        #expect(state.reportedMyStatus == .onThePhone)
        let connected = state.takeEffects()
        #expect(connected.callChanges == [.connected])
        #expect(connected.statusChanges == [.onThePhone])
        #expect(connected.presenceShows == ["dnd"])
        state.callProgress(sipCallID: "c1", CallUpdate(kind: .ended(.S_OK), time: .now), now: .now)
        #expect(state.reportedMyStatus == .busy)
        #expect(state.windows[id]?.phoneCall?.callState == "Call ended")
        #expect(state.takeEffects().statusChanges == [.busy])
    }

    @Test func aStatusChosenDuringTheCallIsKept() throws {
        var state = try Self.online(.online)
        let id = try Self.connectedCall(&state)
        try state.putMyStatus(MISTATUS.away.rawValue)
        state.callProgress(sipCallID: "c1", CallUpdate(kind: .ended(.S_OK), time: .now), now: .now)
        #expect(state.reportedMyStatus == .away)
        #expect(state.windows[id]?.phoneCall?.isActive == false)
    }

    @Test func invisibleStaysInvisibleDuringACall() throws {
        var state = try Self.online(.invisible)
        _ = try Self.connectedCall(&state)
        #expect(state.reportedMyStatus == .invisible)
    }

    @Test func reportsThatArriveBeforeTheCallIsNamedWait() throws {
        var state = try Fixture.signedIn()
        let id = try state.phone("bob@example.test", type: Self.custom, number: "5550100")
        state.callProgress(sipCallID: "early", CallUpdate(kind: .ringing, time: .now), now: .now)
        #expect(state.windows[id]?.phoneCall?.phase == .dialling)
        state.callPlaced(attempt: try #require(state.windows[id]?.phoneCall?.attempt), sipCallID: "early")
        #expect(state.windows[id]?.phoneCall?.phase == .ringing)
    }

    @Test func closingTheDialogHangsUp() throws {
        var state = try Self.online(.online)
        let id = try Self.connectedCall(&state)
        _ = state.takeEffects()
        #expect(state.close(id).hresult == .S_OK)
        let effects = state.takeEffects()
        #expect(effects.hungUp == ["c1"])
        #expect(effects.statusChanges == [.online])
        // The user agent's own report of the end changes nothing more.
        state.callProgress(sipCallID: "c1", CallUpdate(kind: .ended(.S_OK), time: .now), now: .now)
        #expect(state.takeEffects().callChanges.isEmpty)
    }

    @Test func hangingUpBeforeTheCallIsNamedHangsUpWhenItIs() throws {
        var state = try Fixture.signedIn()
        let id = try state.phone("bob@example.test", type: Self.custom, number: "5550100")
        let attempt = try #require(state.windows[id]?.phoneCall?.attempt)
        try state.hangUp(inWindow: id)
        #expect(state.windows[id]?.phoneCall?.phase == .ended(.S_OK))
        _ = state.takeEffects()
        state.callPlaced(attempt: attempt, sipCallID: "late")
        #expect(state.takeEffects().hungUp == ["late"])
    }

    @Test func oneCallAtATime() throws {
        var state = try Fixture.signedIn()
        let id = try state.phone("bob@example.test", type: Self.custom, number: "5550100")
        #expect(failure { try state.phone("carol@example.test", type: Self.custom, number: "5550111") } == .E_FAIL)
        #expect(failure { try state.startVoice("carol@example.test") } == .E_FAIL)
        #expect(failure { try state.dial(inWindow: id, number: "5550111") } == .E_FAIL)
        // Without a number, Phone just brings the busy dialog forward.
        #expect(try state.phone("carol@example.test", type: Self.custom, number: nil) == id)
        #expect(state.windows[id]?.phoneCall?.number == "5550100")
    }

    @Test func anIncomingCallOpensTheDialogAndCanBeAnsweredOrDeclined() throws {
        var state = try Fixture.signedIn()
        state.incomingCall(sipCallID: "in1", from: "sip:bob@example.test")
        let id = try #require(state.phoneWindowID)
        #expect(state.windows[id]?.phoneCall?.phase == .incoming)
        #expect(state.windows[id]?.phoneCall?.direction == .incoming)
        #expect(state.windows[id]?.phoneCall?.contact.value == Fixture.bob)
        #expect(state.windows[id]?.title == "Call from bob@example.test")
        _ = state.takeEffects()
        try state.answerCall(inWindow: id)
        #expect(state.takeEffects().answered == ["in1"])
        try state.declineCall(inWindow: id)
        #expect(state.takeEffects().declined == ["in1"])
        #expect(failure { try state.answerCall(inWindow: id) } == .E_FAIL)
    }

    @Test func aSecondIncomingCallIsDeclinedWhileOneIsActive() throws {
        var state = try Fixture.signedIn()
        state.incomingCall(sipCallID: "in1", from: "sip:bob@example.test")
        _ = state.takeEffects()
        state.incomingCall(sipCallID: "in2", from: "<sip:carol@example.test:5070;transport=udp>")
        #expect(state.takeEffects().declined == ["in2"])
    }

    @Test func theCallerCancellingIsAMissedCall() throws {
        var state = try Fixture.signedIn()
        state.incomingCall(sipCallID: "in1", from: "sip:bob@example.test")
        state.callProgress(sipCallID: "in1", CallUpdate(kind: .ended(.MSGR_E_INCOMING_INVITE_CANCELLED), time: .now), now: .now)
        #expect(state.windows[try #require(state.phoneWindowID)]?.phoneCall?.callState == "Missed call")
        // Ringing here until our own answer timeout is a missed call too.
        state.incomingCall(sipCallID: "in2", from: "sip:bob@example.test")
        state.callProgress(sipCallID: "in2", CallUpdate(kind: .ended(.MSGR_E_VOICE_NO_ANSWER), time: .now), now: .now)
        #expect(state.windows[try #require(state.phoneWindowID)]?.phoneCall?.phase == .ended(.MSGR_E_INCOMING_INVITE_CANCELLED))
    }

    @Test func aNumberWithoutDigitsFailsAsACall() throws {
        var state = try Fixture.signedIn()
        let id = try state.phone("bob@example.test", type: Self.custom, number: "call me")
        #expect(state.windows[id]?.phoneCall?.phase == .ended(.MSGR_E_PHONE_INVALID_NUMBER))
        #expect(state.takeEffects().placedCalls.isEmpty)
    }

    @Test func startVoiceCallsTheContactsAddress() throws {
        var state = try Fixture.signedIn()
        let id = try state.startVoice("bob@example.test")
        #expect(state.windows[id]?.kind == .phone)
        #expect(state.takeEffects().placedCalls == ["sip:bob@example.test"])
        var restricted = try Fixture.signedIn(policy: ClientPolicy(allowsPhoneCalls: false))
        #expect(failure { try restricted.startVoice("bob@example.test") } == .MSGR_E_POLICY_RESTRICTED)
        var signedOut = try Fixture.signedOut()
        #expect(failure { try signedOut.startVoice("bob@example.test") } == .MSGR_E_NOT_LOGGED_ON)
    }

    @Test(arguments: [
        ("+1 (425) 555-0100", "sip:+14255550100@example.test;user=phone"),
        ("555.0100 ext 12", "sip:555010012@example.test;user=phone"),
        ("*72#", "sip:*72%23@example.test;user=phone"),
        ("1+2", "sip:12@example.test;user=phone"),
    ])
    func dialledNumbersKeepDigitsAndTheLeadingPlus(_ row: (String, String)) {
        #expect(ClientState.sipTarget(dialling: row.0, domain: "example.test") == row.1)
    }

    @Test func noDigitsIsNothingToDial() {
        #expect(ClientState.sipTarget(dialling: "+-() ", domain: "example.test") == nil)
    }

    @Test(arguments: [
        (486, HRESULT.MSGR_E_BUSY), (600, .MSGR_E_BUSY), (603, .SR_INVITATION_DECLINED),
        (408, .MSGR_E_VOICE_NO_ANSWER), (480, .MSGR_E_VOICE_NO_ANSWER), (404, .MSGR_E_PHONE_INVALID_NUMBER),
        (484, .MSGR_E_PHONE_INVALID_NUMBER), (503, .MSGR_E_PHONE_CIRCUITS_BUSY), (502, .MSGR_E_PHONE_CIRCUITS_BUSY),
        (403, .MSGR_E_POLICY_RESTRICTED), (488, .MSGR_E_PHONE_CALL_NOT_COMPLETE), (500, .MSGR_E_PHONE_CALL_NOT_COMPLETE),
    ])
    func sipFailuresMapToTheDocumentedCodes(_ row: (Int, HRESULT)) {
        #expect(CallOutcome.hresult(forStatus: row.0) == row.1)
    }

    // MARK: Helpers

    static func online(_ status: MISTATUS) throws -> ClientState {
        var state = try Fixture.signedIn()
        try state.putMyStatus(status.rawValue)
        _ = state.takeEffects()
        return state
    }

    /// Places a call to Bob that the user agent names "c1" and connects.
    static func connectedCall(_ state: inout ClientState) throws -> Int {
        let id = try state.phone("bob@example.test", type: custom, number: "5550100")
        state.callPlaced(attempt: try #require(state.windows[id]?.phoneCall?.attempt), sipCallID: "c1")
        state.callProgress(sipCallID: "c1", CallUpdate(kind: .connected, time: .now), now: .now)
        return id
    }
}

private extension [ClientEffect] {
    var placedCalls: [String] {
        compactMap { if case .placeCall(_, let target) = $0 { target } else { nil } }
    }
    var hungUp: [String] { compactMap { if case .hangUpCall(let id) = $0 { id } else { nil } } }
    var answered: [String] { compactMap { if case .answerCall(let id) = $0 { id } else { nil } } }
    var declined: [String] { compactMap { if case .declineCall(let id) = $0 { id } else { nil } } }
    var callChanges: [PhoneCallState] {
        compactMap { if case .emit(.phoneCallChange(_, let state)) = $0 { state } else { nil } }
    }
    var statusChanges: [MISTATUS] {
        compactMap { if case .emit(.myStatusChange(_, let status)) = $0 { status } else { nil } }
    }
    /// The `<show/>` of each presence sent.
    var presenceShows: [String] {
        compactMap {
            guard case .send(let stanza) = $0, stanza.name == "presence" else { return nil }
            return stanza.child("show")?.text ?? ""
        }
    }
}
