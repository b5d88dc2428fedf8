import Foundation

/// Members whose values need more than one JSON scalar: contact properties
/// and the `PresenceProperties` array.
extension RemoteClient {
    /// `Contact.get_Property`: an array of group names or an e-mail address.
    nonisolated func contactProperty(of handle: String, rawType: Int32) async throws(MessengerError) -> ContactPropertyValue {
        let method = "Contact.get_Property"
        let value = try await call(method, handle, ["propType": JSONValue(rawType)]).value
        if let address = value?.stringValue { return .email(address) }
        guard let items = value?.arrayValue else { throw Self.unexpected(method, value) }
        var names: [String] = []
        for item in items {
            guard let name = item.stringValue else { throw Self.unexpected(method, value) }
            names.append(name)
        }
        return .groups(names)
    }

    /// Element 0 (`PRESENCE_PROP_MSTATE`) is a MISTATUS; null is an unset element.
    nonisolated func presenceProperties(of handle: String) async throws(MessengerError) -> [PresencePropertyValue?] {
        let method = "Contact.get_PresenceProperties"
        let value = try await call(method, handle).value
        guard let items = value?.arrayValue else { throw Self.unexpected(method, value) }
        var values: [PresencePropertyValue?] = []
        for (index, item) in items.enumerated() {
            switch item {
            case .null: values.append(nil)
            case .bool(let bool): values.append(.boolean(bool))
            case .string(let string): values.append(.string(string))
            case .number:
                guard let number = Int32(remote: item) else { throw Self.unexpected(method, value) }
                if index == Int(PRESENCE_PROPERTY.mstate.rawValue) {
                    guard let status = MISTATUS(rawValue: number) else { throw Self.unexpected(method, value) }
                    values.append(.status(status))
                } else {
                    values.append(.integer(number))
                }
            case .array, .object: throw Self.unexpected(method, value)
            }
        }
        return values
    }

    nonisolated func setPresenceProperties(_ values: [PresencePropertyValue?], of handle: String) async throws(MessengerError) {
        let items: [JSONValue] = values.map { element in
            switch element {
            case nil: .null
            case .status(let status)?: JSONValue(status.rawValue)
            case .integer(let number)?: JSONValue(number)
            case .boolean(let bool)?: .bool(bool)
            case .string(let string)?: .string(string)
            }
        }
        try await run("Contact.put_PresenceProperties", handle, ["value": .array(items)])
    }
}

extension RemoteClient {
    /// A contact collection as it is now: the member that returns it whole.
    nonisolated func snapshot(of source: MessengerContacts.Source) async throws(MessengerError) -> [MessengerContact] {
        let reply: RemoteReply
        switch source {
        case .contactList: reply = try await call("Messenger.get_MyContacts")
        case .group(let id): reply = try await call("Group.get_Contacts", "group:\(id)")
        case .conversation(let id): reply = try await call("ConversationWnd.get_Contacts", "window:\(id)")
        }
        return try await contacts(in: reply.value)
    }
}

extension RemoteClient {
    /// `Window.get_SentPages` (a project addition): nil for other windows and when the call fails.
    nonisolated func sentPages(of handle: String) async -> [MessengerView.SentPage]? {
        guard let value = try? await call("Window.get_SentPages", handle).value,
            let data = value.serialized().data(using: .utf8)
        else { return nil }
        return try? JSONDecoder().decode([MessengerView.SentPage].self, from: data)
    }

    /// `Window.get_PhoneCall` (a project addition): nil for other windows and when the call fails.
    nonisolated func phoneCall(of handle: String) async -> PhoneCallInfo? {
        guard let value = try? await call("Window.get_PhoneCall", handle).value,
            let type = value["type"].flatMap(Int32.init(remote:)).flatMap(MPHONE_TYPE.init(rawValue:)),
            let state = value["phase"]?.stringValue.flatMap({ PhoneCallState(name: $0, failure: value["error"]?.stringValue) }),
            let direction = value["direction"]?.stringValue.flatMap(PhoneCallDirection.init(rawValue:)),
            let contact = value["contact"]?.stringValue
        else { return nil }
        return PhoneCallInfo(number: value["number"]?.stringValue, type: type, state: state, direction: direction, contact: contact)
    }
}
