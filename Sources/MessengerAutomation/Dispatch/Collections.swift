import MessengerKit

/// Collections travel as `{"handle": …, "count": N, "items": [handles]}`.
enum CollectionValue {
    static func of(_ contacts: MessengerContacts) async -> JSONValue {
        let items = await contacts.snapshot().map(Handle.value)
        return make(Handle.of(contacts), items)
    }

    static func of(_ groups: MessengerGroups) async -> JSONValue {
        make(Handle.myGroups, await groups.snapshot().map(Handle.value))
    }

    static func of(_ services: MessengerServices) -> JSONValue {
        make(Handle.myServices, [.string(Handle.primaryService)])
    }

    static func of(windows: [MessengerWindow]) -> JSONValue {
        make(Handle.openWindows, windows.map(Handle.value))
    }

    private static func make(_ handle: String, _ items: [JSONValue]) -> JSONValue {
        ["handle": .string(handle), "count": JSONValue(items.count), "items": .array(items)]
    }
}
