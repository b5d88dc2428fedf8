/// What a successful Automation API member returns: the success HRESULT
/// and the `[out, retval]` value, if the member has one.
///
/// The design in one line: failures throw `MessengerError`, successes
/// return `MessengerSuccess`. COM members return `S_OK`, `S_FALSE` or an
/// `MSGR_S_*` code and callers rely on the difference (rule R9: `S_FALSE`
/// means "dialog already open", "already in that state"…;
/// `MSGR_S_GROUP_ALREADY_EXISTS` from `CreateGroup`). Keeping the code next
/// to the value lets the JSON-RPC endpoint send `{"hr": H, "value": V}`
/// unchanged. Members without a value use `MessengerSuccess<Void>`.
public struct MessengerSuccess<Value: Sendable>: Sendable {
    /// Always a success code (bit 31 clear).
    public let hresult: HRESULT
    public var value: Value

    /// Traps if `hresult` is a failure: failures are thrown, never returned.
    public init(_ value: Value, hresult: HRESULT = .S_OK) {
        precondition(hresult.isSuccess, "a failure HRESULT must be thrown as MessengerError")
        self.hresult = hresult
        self.value = value
    }
}

extension MessengerSuccess where Value == Void {
    public init(hresult: HRESULT = .S_OK) {
        self.init((), hresult: hresult)
    }

    public static var ok: Self { Self(hresult: .S_OK) }
    public static var sFalse: Self { Self(hresult: .S_FALSE) }
}

extension MessengerSuccess: Equatable where Value: Equatable {}
extension MessengerSuccess: Hashable where Value: Hashable {}
