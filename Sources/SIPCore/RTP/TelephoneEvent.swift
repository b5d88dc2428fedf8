/// An RFC 4733 telephone-event payload (§2.3): one event, its end bit,
/// volume and duration so far.
public struct TelephoneEvent: Hashable, Sendable {
    /// 0-9 digits, 10 `*`, 11 `#`, 12-15 `A`-`D` (§3.2); other codes pass through.
    public var event: UInt8
    /// Set in the last packets of the event (the E bit).
    public var isEnd: Bool
    /// Power level in −dBm0, 0…63 (larger is quieter).
    public var volume: UInt8
    /// In timestamp units since the event began.
    public var duration: UInt16

    public init(event: UInt8, isEnd: Bool = false, volume: UInt8 = 10, duration: UInt16) {
        self.event = event
        self.isEnd = isEnd
        self.volume = volume
        self.duration = duration
    }

    static let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B", "C", "D"]

    /// The event code of a DTMF key, nil for other characters.
    public static func event(for digit: Character) -> UInt8? {
        digits.firstIndex(of: Character(digit.uppercased())).map { UInt8($0) }
    }

    /// The DTMF key of this event, nil beyond 15.
    public var digit: Character? { event < 16 ? Self.digits[Int(event)] : nil }

    /// Parses the 4-octet payload. The reserved bit is ignored (§2.3.4).
    public init(parsing payload: some Collection<UInt8>) throws(RTPError) {
        let bytes = Array(payload)
        guard bytes.count == 4 else {
            throw RTPError(.invalidTelephoneEvent, "payload of \(bytes.count) bytes, expected 4")
        }
        self.init(event: bytes[0], isEnd: bytes[1] & 0x80 != 0, volume: bytes[1] & 0x3F,
                  duration: UInt16(bytes[2]) << 8 | UInt16(bytes[3]))
    }

    /// The 4-octet payload, reserved bit zero.
    public func serialized() throws(RTPError) -> [UInt8] {
        guard volume <= 63 else { throw RTPError(.invalidTelephoneEvent, "volume \(volume) above 63") }
        return [event, (isEnd ? 0x80 : 0) | volume, UInt8(duration >> 8), UInt8(truncatingIfNeeded: duration)]
    }
}
