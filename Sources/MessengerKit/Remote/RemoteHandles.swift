/// The handles proxy objects are named by on the wire (automation-rpc.md,
/// Objects), and the JSON forms of the VARIANT arguments.
extension MessengerContact {
    var remoteHandle: String { "contact:" + key.value }
}

extension MessengerWindow {
    var remoteHandle: String { "window:\(id)" }
}

extension MessengerGroup {
    var remoteHandle: String { "group:\(id)" }
}

extension MessengerContacts {
    var remoteHandle: String {
        switch source {
        case .contactList: "contacts:mine"
        case .group(let id): "contacts:group:\(id)"
        case .conversation(let id): "contacts:window:\(id)"
        }
    }
}

enum RemoteHandle {
    static let myGroups = "groups:mine"
    static let myServices = "services:mine"
    static let primaryService = "service:primary"
}

extension ContactArgument {
    /// A string is a sign-in name, `{"handle"}` a contact, null the empty
    /// VARIANT. A value of another type travels as a number: the endpoint's
    /// message then says "not a number" whatever type was named here.
    var remoteValue: JSONValue {
        switch self {
        case .signinName(let name): name.map(JSONValue.string) ?? .null
        case .contact(let contact): ["handle": .string(contact.remoteHandle)]
        case .empty: .null
        case .wrongType: .number(0)
        }
    }
}

extension ServiceArgument {
    var remoteValue: JSONValue {
        switch self {
        case .none: .null
        case .id(let id): .string(id)
        case .service: .string(RemoteHandle.primaryService)
        }
    }
}

extension String? {
    /// A `BSTR` argument: nil is the NULL string.
    var remoteValue: JSONValue { map(JSONValue.string) ?? .null }
}

extension ClientState.Edge {
    /// The property's name in `Window.get_…`/`put_…`.
    var remoteName: String {
        switch self {
        case .left: "Left"
        case .top: "Top"
        case .width: "Width"
        case .height: "Height"
        }
    }
}
