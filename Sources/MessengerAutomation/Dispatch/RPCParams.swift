import MessengerKit

/// The named parameters of one call, read with the types the IDL gives them.
/// A wrong JSON type or a missing required parameter is -32602, unless the
/// API documents an HRESULT for it (then the member itself decides).
struct RPCParams: Sendable {
    let values: [String: JSONValue]

    init(_ values: [String: JSONValue]) {
        self.values = values
    }

    /// The first of `names` that is present (for the IDL's alternative spellings).
    private func value(_ names: [String]) -> (name: String, value: JSONValue)? {
        for name in names { if let value = values[name] { return (name, value) } }
        return nil
    }

    /// A required `LONG`/enumeration.
    func int32(_ names: String...) throws(RPCFailure) -> Int32 {
        guard let (name, value) = value(names) else {
            throw .invalidParams("\(names[0]) is required")
        }
        guard let integer = value.integerValue, let exact = Int32(exactly: integer) else {
            throw .invalidParams("\(name) must be a 32-bit integer")
        }
        return exact
    }

    /// An optional `LONG` (an `hwndParent`), `fallback` when absent.
    func int32(_ name: String, default fallback: Int32) throws(RPCFailure) -> Int32 {
        values[name] == nil || values[name] == .null ? fallback : try int32(name)
    }

    /// A `BSTR`: absent or null is the NULL string, which the member judges.
    func string(_ names: String...) throws(RPCFailure) -> String? {
        guard let (name, value) = value(names) else { return nil }
        switch value {
        case .null: return nil
        case .string(let string): return string
        default: throw .invalidParams("\(name) must be a string")
        }
    }

    /// A required `VARIANT_BOOL`.
    func bool(_ name: String) throws(RPCFailure) -> Bool {
        guard let value = values[name] else { throw .invalidParams("\(name) is required") }
        guard case .bool(let bool) = value else { throw .invalidParams("\(name) must be true or false") }
        return bool
    }

    /// An object parameter: `"group:3"` or `{"handle": "group:3"}`.
    func handle(_ name: String = "handle") throws(RPCFailure) -> String {
        switch values[name] {
        case .string(let handle)?: return handle
        case .object(let object)?:
            if case .string(let handle)? = object["handle"] { return handle }
            throw .invalidParams(#"\#(name) must be a handle or {"handle": "…"}"#)
        case nil, .null?: throw .invalidParams("\(name) is required")
        default: throw .invalidParams(#"\#(name) must be a handle or {"handle": "…"}"#)
        }
    }

    /// The `VARIANT vContact`: a string is a sign-in name (VT_BSTR), an
    /// object with a handle an existing contact (VT_DISPATCH), null or absent
    /// the NULL VARIANT, anything else the wrong VARIANT type.
    func contact(_ resolver: HandleResolver, name: String = "contact") async throws(RPCFailure) -> ContactArgument {
        switch values[name] {
        case nil, .null?: return .empty
        case .string(let signinName)?: return .signinName(signinName)
        case .object(let object)?:
            guard case .string(let handle)? = object["handle"] else { return .wrongType("an object without a handle") }
            return .contact(try await resolver.contact(handle))
        case .number?: return .wrongType("a number")
        case .bool?: return .wrongType("a boolean")
        case .array?: return .wrongType("an array")
        }
    }

    /// The `VARIANT vService`: absent/null = none, a string = a service id,
    /// a handle = the service object.
    func service(_ resolver: HandleResolver, name: String = "service") throws(RPCFailure) -> ServiceArgument {
        switch values[name] {
        case nil, .null?: return .none
        case .string(let id)? where !id.hasPrefix("service:"): return .id(id)
        default: return .service(try resolver.service(try handle(name)))
        }
    }
}
