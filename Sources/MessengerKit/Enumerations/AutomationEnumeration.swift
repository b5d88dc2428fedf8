/// What every enumeration of spec §5 offers: the numeric value JSON-RPC
/// carries (`rawValue`, `MISTATUS_BUSY` = 10) and the original constant
/// name the endpoint and the CLI print (`name`). Cases are Swift-cased;
/// type names stay as in the IDL so they can be grepped in the spec.
///
/// Not modelled: `MCONNECTIONTYPE` (§5.9, no members published, "do not
/// implement"), `VARIANT_BOOL` (§5.10, Swift's `Bool`), `MOPTDLGPAGE`
/// (§5.8, same values as `MOPTIONPAGE`; see `MOPTIONPAGE.legacyName`) and
/// `LockError`/`LockStatus` (§5.15, out of scope; codes are in `HRESULT`).
public protocol AutomationEnumeration: RawRepresentable, CaseIterable, Sendable, Hashable,
    CustomStringConvertible where RawValue == Int32
{
    /// The constant's name in the IDL, e.g. `"MISTATUS_BUSY"`.
    var name: String { get }
}

extension AutomationEnumeration {
    /// Looks a case up by its IDL constant name (exact spelling).
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    public var description: String {
        name
    }
}
