/// A failed Automation API call: the HRESULT plus a text that says what
/// exactly went wrong ("contact starts with a space").
///
/// Members throw this for failure codes only. Success is never an error:
/// a member that can succeed in more than one way returns its HRESULT
/// (see `MessengerSuccess`), so `S_FALSE` and `MSGR_S_*` stay visible.
public struct MessengerError: Error, Sendable, Hashable, CustomStringConvertible {
    public var hresult: HRESULT
    public var message: String

    /// `message` defaults to the code's own text (`HRESULT.message`).
    public init(_ hresult: HRESULT, _ message: String? = nil) {
        self.hresult = hresult
        self.message = message ?? hresult.message
    }

    /// The name, or "HRESULT" for a value the spec does not name.
    public var name: String {
        hresult.name ?? "HRESULT"
    }

    /// `"MSGR_E_NOT_LOGGED_ON (0x8100031E): not signed in"` — what the CLI prints.
    public var description: String {
        "\(name) (\(hresult.hexString)): \(message)"
    }
}
