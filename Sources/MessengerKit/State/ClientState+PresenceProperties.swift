/// `IMessengerContactAdvanced::PresenceProperties` (§3.7, C18, C50): rich
/// presence as an array indexed by `PRESENCE_PROPERTY`.
extension ClientState {
    /// Communicator 2007's availability numbers (§3.7).
    static func availability(of status: MISTATUS) -> Int32? {
        switch status {
        case .online, .custom: 3500
        case .idle, .mayBeAvailable: 5000
        case .busy, .onThePhone, .inAMeeting, .inAConference: 6500
        case .doNotDisturb, .allowUrgentInterruptions: 9500
        case .beRightBack: 12500
        case .away, .outToLunch, .outOfOffice: 15500
        case .offline, .invisible: 18500
        default: nil
        }
    }

    /// The state an availability number stands for, by its documented range.
    static func status(forAvailability value: Int32) -> MISTATUS? {
        switch value {
        case 3000..<4500: .online
        case 4500..<6000: .idle
        case 6000..<9000: .busy
        case 9000..<12000: .doNotDisturb
        case 12000..<15000: .beRightBack
        case 15000..<18000: .away
        default: nil
        }
    }

    /// get: MSTATE, AVAILABILITY and IS_BLOCKED are filled; the rest are null.
    func presenceProperties(of key: ContactKey) throws(MessengerError) -> [PresencePropertyValue?] {
        try requireSignedIn()
        var values = [PresencePropertyValue?](repeating: nil, count: Int(PRESENCE_PROPERTY.arrayLength))
        let status = status(of: key)
        values[Int(PRESENCE_PROPERTY.mstate.rawValue)] = .status(status)
        values[Int(PRESENCE_PROPERTY.availability.rawValue)] = Self.availability(of: status).map { .integer($0) }
        values[Int(PRESENCE_PROPERTY.isBlocked.rawValue)] = .boolean(isBlocked(key))
        return values
    }

    /// put, local user only (E_ACCESSDENIED otherwise): MSTATE sets the status;
    /// with MSTATE empty or UNKNOWN, AVAILABILITY does (E_INVALIDARG for a
    /// number outside the documented ranges). Other entries cannot be
    /// published here and are refused rather than ignored.
    mutating func setPresenceProperties(_ values: [PresencePropertyValue?], of key: ContactKey) throws(MessengerError) {
        guard key == ownKey else { throw MessengerError(.E_ACCESSDENIED, "only the local user's presence can be written") }
        guard values.count <= Int(PRESENCE_PROPERTY.arrayLength) else {
            throw MessengerError(.DISP_E_BADINDEX, "more than \(PRESENCE_PROPERTY.arrayLength) presence properties")
        }
        try requireSignedIn()
        let publishable: Set<Int> = [Int(PRESENCE_PROPERTY.mstate.rawValue), Int(PRESENCE_PROPERTY.availability.rawValue)]
        if let index = values.indices.first(where: { values[$0] != nil && !publishable.contains($0) }) {
            throw MessengerError(.E_INVALIDARG, "presence property \(index) cannot be published")
        }
        let state = values.first.flatMap { $0 }
        if case .status(let status) = state, status != .unknown {
            try putMyStatus(status.rawValue)
            return
        }
        guard values.count > 1, case .integer(let number) = values[1] else {
            throw MessengerError(.E_INVALIDARG, "neither a state nor an availability to publish")
        }
        guard let status = Self.status(forAvailability: number) else {
            throw MessengerError(.E_INVALIDARG, "\(number) is not a valid availability")
        }
        try putMyStatus(status.rawValue)
    }
}

/// One element of the `PresenceProperties` array.
public enum PresencePropertyValue: Sendable, Hashable {
    case status(MISTATUS)
    case integer(Int32)
    case boolean(Bool)
    case string(String)
}
