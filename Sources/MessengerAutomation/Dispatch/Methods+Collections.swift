import MessengerKit

/// `Contacts.*`, `Groups.*`, `Services.*`: counts, items and removal on a
/// collection handle.
extension MethodTable {
    mutating func addCollectionMethods() {
        add("Contacts.get_Count") { call in
            .value(try await call.resolve.contacts(try call.handle()).count)
        }
        add("Contacts.Item") { call in
            let contacts = try await call.resolve.contacts(try call.handle())
            return .value(Handle.value(try await contacts.item(Int(try call.params.int32("index")))))
        }
        add("Contacts.Remove") { call in
            let contacts = try await call.resolve.contacts(try call.handle())
            let contact = try await call.resolve.contact(try call.params.handle("contact"))
            try await contacts.remove(contact)
            return .ok
        }
        add("Groups.get_Count") { call in
            try call.resolve.requireHandle(try call.handle(), is: Handle.myGroups)
            return .value(await call.messenger.myGroups.count)
        }
        add("Groups.Item") { call in
            try call.resolve.requireHandle(try call.handle(), is: Handle.myGroups)
            return .value(Handle.value(try await call.messenger.myGroups.item(Int(try call.params.int32("index")))))
        }
        add("Groups.Remove") { call in
            try call.resolve.requireHandle(try call.handle(), is: Handle.myGroups)
            let group = try await call.resolve.group(try call.params.handle("group"))
            try await call.messenger.myGroups.remove(group)
            return .ok
        }
        add("Services.get_Count") { call in
            try call.resolve.requireHandle(try call.handle(), is: Handle.myServices)
            return .value(call.messenger.services.count)
        }
        add("Services.Item") { call in
            try call.resolve.requireHandle(try call.handle(), is: Handle.myServices)
            _ = try call.messenger.services.item(Int(try call.params.int32("index")))
            return .value(Handle.primaryService)
        }
        add("Services.get_PrimaryService") { call in
            try call.resolve.requireHandle(try call.handle(), is: Handle.myServices)
            return .value(Handle.primaryService)
        }
    }
}
