import MessengerKit

/// Handles: how objects travel as JSON strings (automation-rpc.md, Objects).
enum Handle {
    static let messenger = "messenger"
    static let primaryService = "service:primary"
    static let myContacts = "contacts:mine"
    static let myGroups = "groups:mine"
    static let myServices = "services:mine"
    static let openWindows = "windows:open"

    static func of(_ contact: MessengerContact) -> String { "contact:" + contact.signinName }
    static func of(_ window: MessengerWindow) -> String { "window:\(window.id)" }
    static func of(_ group: MessengerGroup) -> String { "group:\(group.groupID)" }

    static func of(_ contacts: MessengerContacts) -> String {
        switch contacts.scope {
        case .contactList: myContacts
        case .group(let id): "contacts:group:\(id)"
        case .conversation(let windowID): "contacts:window:\(windowID)"
        }
    }

    static func value(_ contact: MessengerContact) -> JSONValue { .string(of(contact)) }
    static func value(_ window: MessengerWindow) -> JSONValue { .string(of(window)) }
    static func value(_ group: MessengerGroup) -> JSONValue { .string(of(group)) }
}

/// Turns handles back into the objects they name. A handle that never named
/// an object (forged, or from another run) is -32602; a closed window's
/// handle still resolves, and its members report the closed window.
struct HandleResolver: Sendable {
    let messenger: Messenger

    func contact(_ handle: String) async throws(RPCFailure) -> MessengerContact {
        guard handle.hasPrefix("contact:"), let contact = await messenger.knownContact(signinName: String(handle.dropFirst(8)))
        else { throw .invalidParams("\(handle) is not a contact this client knows") }
        return contact
    }

    func window(_ handle: String) async throws(RPCFailure) -> MessengerWindow {
        guard let id = Self.number(in: handle, after: "window:"), let window = await messenger.knownWindow(id: id) else {
            throw .invalidParams("\(handle) is not a window of this client")
        }
        return window
    }

    func conversation(_ handle: String) async throws(RPCFailure) -> MessengerConversationWindow {
        guard let window = try await window(handle) as? MessengerConversationWindow else {
            throw .invalidParams("\(handle) is not a conversation window")
        }
        return window
    }

    func group(_ handle: String) async throws(RPCFailure) -> MessengerGroup {
        guard let id = Self.number(in: handle, after: "group:"), let group = await messenger.knownGroup(id: id) else {
            throw .invalidParams("\(handle) is not a group of this client")
        }
        return group
    }

    func service(_ handle: String) throws(RPCFailure) -> MessengerService {
        guard handle == Handle.primaryService else { throw .invalidParams("\(handle) is not a service (only \(Handle.primaryService))") }
        return messenger.services.primaryService
    }

    /// Throws `RPCFailure` for a bad handle, `MessengerError` when the
    /// collection cannot be read (a closed conversation window).
    func contacts(_ handle: String) async throws -> MessengerContacts {
        if handle == Handle.myContacts { return messenger.myContacts }
        // "contacts:group:3" names the members of "group:3", and so on.
        if handle.hasPrefix("contacts:group:") { return try await group(String(handle.dropFirst(9))).contacts }
        if handle.hasPrefix("contacts:window:") { return try await conversation(String(handle.dropFirst(9))).contacts }
        throw RPCFailure.invalidParams("\(handle) is not a contact collection")
    }

    func requireHandle(_ handle: String, is expected: String) throws(RPCFailure) {
        guard handle == expected else { throw .invalidParams("\(handle) is not \(expected)") }
    }

    private static func number(in handle: String, after prefix: String) -> Int? {
        let digits = handle.dropFirst(prefix.count)
        guard handle.hasPrefix(prefix), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}
