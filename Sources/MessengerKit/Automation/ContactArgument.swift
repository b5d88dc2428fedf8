/// The `VARIANT vContact` argument of the original API: a sign-in name
/// (`VT_BSTR`), an existing contact object (`VT_DISPATCH`), nothing
/// (`VT_EMPTY`/NULL), or a value of another type.
///
/// Swift callers usually write a string literal (`instantMessage("bob@example.test")`)
/// or pass a contact (`instantMessage(.contact(bob))`). The JSON-RPC endpoint
/// maps JSON values onto the same cases, so both see the same validation (rule R1).
public enum ContactArgument: Sendable, ExpressibleByStringLiteral {
    /// `VT_BSTR`; nil is the NULL string.
    case signinName(String?)
    /// `VT_DISPATCH`: the object is used as it is.
    case contact(MessengerContact)
    /// An empty VARIANT.
    case empty
    /// A VARIANT of some other type (rule R1.e), named for the error message.
    case wrongType(String)

    public init(stringLiteral value: String) {
        self = .signinName(value)
    }
}

/// Rule R1: the checks every `vContact` string goes through, in one place.
enum SigninNameRule {
    /// R1.c: 64-character local part + "@" + 64-character domain, in UTF-16 units (C68).
    static let maximumLength = 129

    /// Throws `E_INVALIDARG` with the reason; R1.e applies only where the member says so.
    static func validate(_ argument: ContactArgument, checkType: Bool = true) throws(MessengerError) {
        switch argument {
        case .empty:
            throw MessengerError(.E_INVALIDARG, "contact is empty")
        case .wrongType(let type):
            if checkType { throw MessengerError(.E_INVALIDARG, "contact must be a sign-in name or a contact, not \(type)") }
        case .contact:
            return
        case .signinName(let name):
            try validate(name, what: "contact")
        }
    }

    /// R1.a–R1.d for a plain string argument.
    static func validate(_ name: String?, what: String) throws(MessengerError) {
        guard let name, !name.isEmpty else {
            throw MessengerError(.E_INVALIDARG, "\(what) is empty")
        }
        if name.utf16.first == 0x20 {
            throw MessengerError(.E_INVALIDARG, "\(what) starts with a space")
        }
        if name.utf16.count > maximumLength {
            throw MessengerError(.E_INVALIDARG, "\(what) is longer than \(maximumLength) characters")
        }
        if hasLineBreak(name) {
            throw MessengerError(.E_INVALIDARG, "\(what) contains a line break")
        }
    }

    /// CR or LF anywhere (R1.d), counted in UTF-16 units like every length here.
    static func hasLineBreak(_ text: String) -> Bool {
        text.utf16.contains { $0 == 0x0D || $0 == 0x0A }
    }

    /// A space, CR or LF anywhere: what `GetContact` refuses in names and service IDs.
    static func hasSpaceOrLineBreak(_ text: String) -> Bool {
        text.utf16.contains { $0 == 0x20 || $0 == 0x0D || $0 == 0x0A }
    }
}
