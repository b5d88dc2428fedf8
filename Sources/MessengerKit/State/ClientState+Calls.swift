import Foundation

/// The Phone Call dialog (§3.1.11), `StartVoice` (§3.1.16), and the calls
/// the dialog shows. The state decides; the engine's SIP user agent places,
/// answers and ends calls when asked through effects, and reports back with
/// `callPlaced`, `incomingCall` and `callProgress`.
extension ClientState {
    /// C3: the table wins — numbers longer than this are rejected. A named
    /// constant so the limit can be lifted in one place.
    static let maximumPhoneNumberLength = 256

    /// `Phone`, checks in §9 order: R1 → phone type → number length → signed
    /// in → self → policy → voice service → stored number. There is one dialog:
    /// a repeated call returns S_OK and the dialog shows the newest number (C2).
    /// With a number the call is placed at once; without one the dialog opens
    /// with the contact's number and nothing is dialled (the OC sample).
    mutating func phone(_ argument: ContactArgument, type rawType: Int32, number: String?) throws(MessengerError) -> Int {
        try SigninNameRule.validate(argument)
        guard let type = MPHONE_TYPE(rawValue: rawType) else {
            throw MessengerError(.E_INVALIDARG, "phone type \(rawType) is not an MPHONE_TYPE")
        }
        if let number, number.utf16.count > Self.maximumPhoneNumberLength {
            throw MessengerError(.E_INVALIDARG, "number is longer than \(Self.maximumPhoneNumberLength) characters")
        }
        try requireSignedIn()
        let key = resolve(argument)
        guard key != ownKey else { throw MessengerError(.E_FAIL, "cannot call yourself") }
        try requireVoiceAllowed()
        let stored = contacts[key]?.profile.phoneNumbers ?? [:]
        let shown: String?
        switch type {
        case .home, .work, .mobile:
            guard let storedNumber = stored[type] else {
                throw MessengerError(.MSGR_E_PHONE_INVALID_NUMBER, "\(displayName(of: key)) has no \(type.name) number")
            }
            shown = number ?? storedNumber
        case .all:
            let any = [MPHONE_TYPE.work, .mobile, .home, .custom].lazy.compactMap { stored[$0] }.first
            guard number != nil || any != nil else {
                throw MessengerError(.MSGR_E_PHONE_INVALID_NUMBER, "\(displayName(of: key)) has no phone number")
            }
            shown = number ?? any
        case .custom:
            shown = number
        }
        let dials = number.map { !$0.isEmpty } ?? false
        if let id = activeCallWindowID {
            // One call at a time: the dialog is busy with it.
            guard !dials else { throw MessengerError(.E_FAIL, "a call is in progress; hang up first") }
            bringToFront(id)
            return id
        }
        let id = showPhoneDialog(PhoneCallRecord(contact: key, phoneType: type, number: shown), title: "Call \(displayName(of: key))")
        if dials, let shown { startCall(in: id, target: Self.sipTarget(dialling: shown, domain: account.domainpart)) }
        return id
    }

    /// `StartVoice`: R1 → signed in → self → policy, then a computer call to
    /// the contact's own address in the Phone dialog, which is where this
    /// client keeps calls (not in the conversation window; docs/phone.md).
    mutating func startVoice(_ argument: ContactArgument) throws(MessengerError) -> Int {
        try SigninNameRule.validate(argument)
        try requireSignedIn()
        let key = resolve(argument)
        guard key != ownKey else { throw MessengerError(.E_FAIL, "cannot start a voice conversation with yourself") }
        guard policy.allowsPhoneCalls else {
            throw MessengerError(.MSGR_E_POLICY_RESTRICTED, "a policy setting forbids voice conversations")
        }
        if activeCallWindowID != nil { throw MessengerError(.E_FAIL, "a call is in progress; hang up first") }
        guard let jid = contacts[key]?.jid else { throw MessengerError(.E_FAIL, "\(key.value) is not a valid address") }
        let id = showPhoneDialog(PhoneCallRecord(contact: key, phoneType: .custom, number: nil), title: "Call \(displayName(of: key))")
        startCall(in: id, target: "sip:\(jid.bare)")
        return id
    }

    /// The dialog's Call button: dials `number`, or the number in the box.
    mutating func dial(inWindow id: Int, number: String?) throws(MessengerError) {
        if let number, number.utf16.count > Self.maximumPhoneNumberLength {
            throw MessengerError(.E_INVALIDARG, "number is longer than \(Self.maximumPhoneNumberLength) characters")
        }
        try requireSignedIn()
        let call = try phoneCall(in: id)
        guard !call.isActive else { throw MessengerError(.E_FAIL, "a call is in progress; hang up first") }
        guard let dialled = number ?? call.number, !dialled.isEmpty else {
            throw MessengerError(.E_INVALIDARG, "there is no number to dial")
        }
        try requireVoiceAllowed()
        windows[id]?.phoneCall?.number = dialled
        startCall(in: id, target: Self.sipTarget(dialling: dialled, domain: account.domainpart))
    }

    /// Hang Up: ends the call, declining it if it is still ringing here.
    mutating func hangUp(inWindow id: Int) throws(MessengerError) {
        let call = try phoneCall(in: id)
        guard call.isActive else { throw MessengerError(.E_FAIL, "there is no call to hang up") }
        endCallLocally(in: id)
    }

    mutating func answerCall(inWindow id: Int) throws(MessengerError) {
        let call = try phoneCall(in: id)
        guard call.phase == .incoming, let sipCallID = call.sipCallID else {
            throw MessengerError(.E_FAIL, "there is no incoming call to answer")
        }
        perform(.answerCall(sipCallID))
    }

    mutating func declineCall(inWindow id: Int) throws(MessengerError) {
        let call = try phoneCall(in: id)
        guard call.phase == .incoming else { throw MessengerError(.E_FAIL, "there is no incoming call to decline") }
        endCallLocally(in: id)
    }

    // MARK: Reports from the user agent

    /// The user agent sent the INVITE for `attempt` and named the call.
    mutating func callPlaced(attempt: Int, sipCallID: String) {
        guard let id = windowID(where: { $0.attempt == attempt }) else {
            perform(.hangUpCall(sipCallID))
            return
        }
        windows[id]?.phoneCall?.sipCallID = sipCallID
        if windows[id]?.phoneCall?.hangUpRequested == true {
            perform(.hangUpCall(sipCallID))
            return
        }
        for update in pendingCallUpdates.removeValue(forKey: sipCallID) ?? [] {
            callProgress(sipCallID: sipCallID, update, now: update.time)
        }
    }

    /// The call for `attempt` could not be placed at all.
    mutating func callPlacementFailed(attempt: Int, _ hr: HRESULT) {
        guard let id = windowID(where: { $0.attempt == attempt && $0.isActive }) else { return }
        setCallPhase(.ended(hr), in: id)
    }

    /// Someone calls us. The dialog opens (or is reused when idle) and asks
    /// the user to answer; with a call already in the dialog, we decline.
    mutating func incomingCall(sipCallID: String, from address: String) {
        guard isSignedIn, activeCallWindowID == nil else {
            perform(.declineCall(sipCallID))
            return
        }
        let key = callerKey(address)
        var call = PhoneCallRecord(contact: key, phoneType: .custom, number: nil)
        call.direction = .incoming
        call.sipCallID = sipCallID
        call.phase = .incoming
        let id = showPhoneDialog(call, title: "Call from \(self.displayName(of: key))")
        emit(.phoneCallChange(windowID: id, .incoming))
    }

    /// A call moved on. Updates for a call the dialog does not know yet (the
    /// user agent can report before `callPlaced` lands) wait for it.
    mutating func callProgress(sipCallID: String, _ update: CallUpdate, now: Date) {
        guard let id = windowID(where: { $0.sipCallID == sipCallID }) else {
            if pendingCallUpdates.count < 8 || pendingCallUpdates[sipCallID] != nil {
                pendingCallUpdates[sipCallID, default: []].append(update)
            }
            return
        }
        guard windows[id]?.phoneCall?.isActive == true else { return }
        switch update.kind {
        case .ringing:
            guard windows[id]?.phoneCall?.phase == .dialling else { return }
            setCallPhase(.ringing, in: id)
        case .connected:
            windows[id]?.phoneCall?.connectedAt = now
            setCallPhase(.connected, in: id)
        case .ended(let hr):
            // A call that rang here until it gave up was missed, not unanswered elsewhere.
            let missed = windows[id]?.phoneCall?.phase == .incoming && hr == .MSGR_E_VOICE_NO_ANSWER
            setCallPhase(.ended(missed ? .MSGR_E_INCOMING_INVITE_CANCELLED : hr), in: id)
        }
    }

    // MARK: Helpers

    /// The dialog window whose call is dialling, ringing or connected.
    var activeCallWindowID: Int? {
        guard let id = phoneWindowID, let window = windows[id], !window.isClosed, window.phoneCall?.isActive == true else { return nil }
        return id
    }

    private func requireVoiceAllowed() throws(MessengerError) {
        guard policy.allowsPhoneCalls else {
            throw MessengerError(.MSGR_E_POLICY_RESTRICTED, "a policy setting forbids phone calls")
        }
        guard policy.hasVoiceService else {
            throw MessengerError(.MSGR_E_PHONESERVICE_UNAVAILABLE, "no voice service is configured")
        }
    }

    private func phoneCall(in id: Int) throws(MessengerError) -> PhoneCallRecord {
        guard let call = try openWindow(id).phoneCall else { throw MessengerError(.E_FAIL, "not the Phone dialog") }
        return call
    }

    private func windowID(where matches: (PhoneCallRecord) -> Bool) -> Int? {
        windows.values.first { window in window.phoneCall.map(matches) ?? false }?.id
    }

    /// Opens the one dialog, or reuses it (C2).
    private mutating func showPhoneDialog(_ call: PhoneCallRecord, title: String) -> Int {
        if let id = phoneWindowID, windows[id]?.isClosed == false {
            windows[id]?.phoneCall = call
            windows[id]?.title = title
            bringToFront(id)
            return id
        }
        let id = openNewWindow(kind: .phone, title: title)
        windows[id]?.phoneCall = call
        phoneWindowID = id
        return id
    }

    private mutating func startCall(in id: Int, target: String?) {
        nextCallAttempt += 1
        windows[id]?.phoneCall?.attempt = nextCallAttempt
        windows[id]?.phoneCall?.direction = .outgoing
        windows[id]?.phoneCall?.sipCallID = nil
        windows[id]?.phoneCall?.hangUpRequested = false
        windows[id]?.phoneCall?.connectedAt = nil
        windows[id]?.phoneCall?.target = target
        setCallPhase(.dialling, in: id)
        guard let target else {
            // "Placed in the text box without validation": a number with no
            // digits fails as a call, not as the method.
            setCallPhase(.ended(.MSGR_E_PHONE_INVALID_NUMBER), in: id)
            return
        }
        perform(.placeCall(attempt: nextCallAttempt, target: target))
    }

    /// Hang Up, Decline and Close: the call ends here at once; the user
    /// agent is told, or told later if it has not named the call yet.
    mutating func endCallLocally(in id: Int) {
        guard let call = windows[id]?.phoneCall, call.isActive else { return }
        if let sipCallID = call.sipCallID {
            perform(call.phase == .incoming ? .declineCall(sipCallID) : .hangUpCall(sipCallID))
        } else {
            windows[id]?.phoneCall?.hangUpRequested = true
        }
        setCallPhase(.ended(.S_OK), in: id)
    }

    private mutating func setCallPhase(_ phase: PhoneCallState, in id: Int) {
        guard let previous = windows[id]?.phoneCall?.phase, previous != phase else { return }
        windows[id]?.phoneCall?.phase = phase
        emit(.phoneCallChange(windowID: id, phase))
        if phase == .connected { showOnThePhone() }
        if !phase.isActive { restoreStatusAfterCall() }
    }

    /// A caller's `sip:user@host` is the contact `user@host`.
    private mutating func callerKey(_ address: String) -> ContactKey {
        var name = address
        for scheme in ["sip:", "sips:"] where name.lowercased().hasPrefix(scheme) { name.removeFirst(scheme.count) }
        if let end = name.firstIndex(where: { $0 == ";" || $0 == "?" || $0 == ">" }) { name = String(name[..<end]) }
        if let colon = name.lastIndex(of: ":"), !name[colon...].dropFirst().contains(where: { !$0.isNumber }) {
            name = String(name[..<colon])
        }
        return knownContact(named: name.removingPercentEncoding ?? name)
    }

    /// What the user agent dials for a number: its digits (and a leading
    /// `+`; `*` and `#` for extensions) at our domain with `user=phone`,
    /// which the server routes to the number's owner or the gateway. Nil
    /// when the number has no digit to dial.
    static func sipTarget(dialling number: String, domain: String) -> String? {
        var dialled = ""
        for character in number {
            if character.isASCII, character.isNumber {
                dialled.append(character)
            } else if character == "+", dialled.isEmpty {
                dialled.append(character)
            } else if character == "*" {
                dialled.append(character)
            } else if character == "#" {
                dialled.append("%23")
            }
        }
        guard dialled.contains(where: \.isNumber) else { return nil }
        return "sip:\(dialled)@\(domain);user=phone"
    }

    // MARK: ON_THE_PHONE

    /// A call connected: show ON_THE_PHONE, unless the user hides (invisible)
    /// or already chose it.
    private mutating func showOnThePhone() {
        guard phase == .online, statusBeforeCall == nil, myStatus != .invisible, myStatus != .onThePhone else { return }
        statusBeforeCall = chosenStatus
        setChosenStatus(.onThePhone)
        publish(.onThePhone)
        setMyStatus(.onThePhone)
    }

    /// The call ended: go back to what the user had, unless they chose
    /// another status during the call.
    private mutating func restoreStatusAfterCall() {
        guard let previous = statusBeforeCall else { return }
        statusBeforeCall = nil
        guard chosenStatus == .onThePhone else { return }
        setChosenStatus(previous)
        guard phase == .online else { return }
        publish(previous)
        setMyStatus(previous)
    }
}

/// A call's progress as the state machine needs it, translated from the SIP
/// user agent's reports by the engine.
struct CallUpdate: Sendable {
    enum Kind: Sendable, Hashable {
        case ringing, connected
        case ended(HRESULT)
    }

    var kind: Kind
    var time: Date
}
