/// A COM status code as the Automation API reports it (spec §6).
///
/// The raw value is the 32-bit pattern the C headers print (`0x8100031E`).
/// Bit 31 is the severity: clear for success (`S_OK`, `S_FALSE`, `MSGR_S_*`),
/// set for failure. The JSON-RPC binding carries the same bits as a signed
/// 32-bit integer (`signedValue`), like `COMException.ErrorCode` did.
///
/// Every code of spec §6 is a static constant with its original name
/// (`HRESULT.MSGR_E_NOT_LOGGED_ON`), so code and spec can be grepped side by
/// side. Constants live in `HRESULT+*Codes.swift`, one file per spec table;
/// `HRESULT+Catalog.swift` ties values to names and messages.
public struct HRESULT: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Shorthand for the constant tables: `HRESULT(0x8100031E)`.
    public init(_ rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The code as JSON-RPC and managed callers see it (`E_FAIL` = -2147467259).
    public init(signedValue: Int32) {
        self.rawValue = UInt32(bitPattern: signedValue)
    }

    /// The same bits read as a signed integer; negative means failure.
    public var signedValue: Int32 {
        Int32(bitPattern: rawValue)
    }

    /// Bit 31 clear. `S_FALSE` and `MSGR_S_*` are successes too (rule R9).
    public var isSuccess: Bool {
        rawValue & 0x8000_0000 == 0
    }

    public var isFailure: Bool {
        !isSuccess
    }

    /// Bits 16–28: 0x100 for the Messenger codes, 7 for Win32, 0 or 2 for COM.
    public var facility: UInt16 {
        UInt16((rawValue >> 16) & 0x1FFF)
    }

    /// The low 16 bits; `MSGR_E(x)` codes carry `0x300 + x` here.
    public var code: UInt16 {
        UInt16(truncatingIfNeeded: rawValue)
    }

    /// Eight upper-case hex digits with a `0x` prefix: `"0x8100031E"`.
    public var hexString: String {
        let digits = String(rawValue, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// `"MSGR_E_NOT_LOGGED_ON (0x8100031E)"`, or just the hex form for a
    /// value the spec does not name.
    public var description: String {
        guard let name else { return hexString }
        return "\(name) (\(hexString))"
    }
}
