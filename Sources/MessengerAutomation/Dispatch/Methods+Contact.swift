import MessengerKit

/// `Contact.*`: IMessengerContact and IMessengerContactAdvanced.
extension MethodTable {
    mutating func addContactMethods() {
        addContactGetter("FriendlyName") { .value(await $0.friendlyName) }
        addContactGetter("Status") { .value(await $0.status.rawValue) }
        addContactGetter("SigninName") { .value($0.signinName) }
        addContactGetter("ServiceName") { .value($0.serviceName) }
        addContactGetter("ServiceId") { .value(await $0.serviceID) }
        addContactGetter("Blocked") { .value(await $0.blocked) }
        addContactGetter("CanPage") { .value(await $0.canPage) }
        addContactGetter("IsSelf") { .value(await $0.isSelf) }
        addContactGetter("IsTagged") { .value(await $0.isTagged) }
        addContactGetter("PresenceProperties") { contact in
            .value(.array(try await contact.presenceProperties.map(PresenceJSON.value)))
        }
        add("Contact.put_Blocked") { call in
            let contact = try await call.resolve.contact(try call.handle())
            return RPCResult(try await contact.setBlocked(try call.params.bool("value")))
        }
        add("Contact.put_IsTagged") { call in
            let contact = try await call.resolve.contact(try call.handle())
            await contact.setTagged(try call.params.bool("value"))
            return .ok
        }
        add("Contact.put_PresenceProperties") { call in
            let contact = try await call.resolve.contact(try call.handle())
            guard case .array(let items)? = call.params.values["value"] else {
                throw MessengerError(.E_INVALIDARG, "PresenceProperties must be an array")
            }
            try await contact.setPresenceProperties(try PresenceJSON.values(items))
            return .ok
        }
        add("Contact.get_PhoneNumber") { call in
            let contact = try await call.resolve.contact(try call.handle())
            return .value(try await contact.phoneNumber(rawType: try call.params.int32("type", "phoneType")))
        }
        add("Contact.get_Property") { call in
            let contact = try await call.resolve.contact(try call.handle())
            switch try await contact.property(rawType: try call.params.int32("propType")) {
            case .groups(let names): return .value(.array(names.map(JSONValue.string)))
            case .email(let address): return .value(address)
            }
        }
        add("Contact.put_Property") { call in
            let contact = try await call.resolve.contact(try call.handle())
            try contact.setProperty(rawType: try call.params.int32("propType"), value: try call.params.string("value") ?? "")
            return .ok
        }
    }

    private mutating func addContactGetter(_ property: String, _ body: @escaping @Sendable (MessengerContact) async throws -> RPCResult) {
        add("Contact.get_\(property)") { call in
            try await body(try await call.resolve.contact(try call.handle()))
        }
    }
}

/// The `PresenceProperties` array in JSON: each element a number, boolean,
/// string or null; element 0 (`PRESENCE_PROP_MSTATE`) is a MISTATUS.
enum PresenceJSON {
    static func value(_ element: PresencePropertyValue?) -> JSONValue {
        switch element {
        case nil: .null
        case .status(let status)?: JSONValue(status.rawValue)
        case .integer(let number)?: JSONValue(number)
        case .boolean(let bool)?: .bool(bool)
        case .string(let string)?: .string(string)
        }
    }

    static func values(_ items: [JSONValue]) throws(MessengerError) -> [PresencePropertyValue?] {
        var values: [PresencePropertyValue?] = []
        for (index, item) in items.enumerated() {
            switch item {
            case .null: values.append(nil)
            case .bool(let bool): values.append(.boolean(bool))
            case .string(let string): values.append(.string(string))
            case .number:
                guard let number = item.integerValue.flatMap({ Int32(exactly: $0) }) else {
                    throw MessengerError(.E_INVALIDARG, "presence property \(index) is not a 32-bit integer")
                }
                if index == Int(PRESENCE_PROPERTY.mstate.rawValue) {
                    guard let status = MISTATUS(rawValue: number) else {
                        throw MessengerError(.E_INVALIDARG, "\(number) is not a MISTATUS")
                    }
                    values.append(.status(status))
                } else {
                    values.append(.integer(number))
                }
            case .array, .object:
                throw MessengerError(.E_INVALIDARG, "presence property \(index) has an unsupported type")
            }
        }
        return values
    }
}
