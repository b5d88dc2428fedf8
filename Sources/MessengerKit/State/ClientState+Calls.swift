import Foundation

/// The Phone Call dialog (§3.1.11).
extension ClientState {
    /// C3: the table wins — numbers longer than this are rejected. A named
    /// constant so the limit can be lifted in one place.
    static let maximumPhoneNumberLength = 256

    /// `Phone`, checks in §9 order: R1 → phone type → number length → signed
    /// in → self → policy → voice service → stored number. There is one dialog:
    /// a repeated call returns S_OK and the dialog shows the newest number (C2).
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
        guard policy.allowsPhoneCalls else {
            throw MessengerError(.MSGR_E_POLICY_RESTRICTED, "a policy setting forbids phone calls")
        }
        guard policy.hasVoiceService else {
            throw MessengerError(.MSGR_E_PHONESERVICE_UNAVAILABLE, "no voice service is configured")
        }
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
        let call = PhoneCallRecord(contact: key, phoneType: type, number: shown, callState: "Not connected")
        let title = "Call \(displayName(of: key))"
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
}
