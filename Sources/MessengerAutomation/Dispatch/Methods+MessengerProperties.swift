import MessengerKit

/// `Messenger.get_*` / `put_*`: the local user and the object roots.
extension MethodTable {
    mutating func addMessengerPropertyMethods() {
        add("Messenger.get_MyStatus") { call in .value(await call.messenger.myStatus.rawValue) }
        add("Messenger.put_MyStatus") { call in
            try await call.messenger.setMyStatus(rawValue: try call.params.int32("value"))
            return .ok
        }
        add("Messenger.get_MySigninName") { call in .value(try await call.messenger.mySigninName) }
        add("Messenger.get_MyFriendlyName") { call in .value(await call.messenger.myFriendlyName) }
        add("Messenger.get_MyServiceId") { call in .value(await call.messenger.myServiceID) }
        add("Messenger.get_MyServiceName") { call in .value(call.messenger.myServiceName) }
        add("Messenger.get_MyPhoneNumber") { call in
            .value(try await call.messenger.myPhoneNumber(rawType: try call.params.int32("type", "phoneType")))
        }
        add("Messenger.get_MyProperty") { call in
            try call.messenger.myProperty(rawType: try call.params.int32("propType"))
        }
        add("Messenger.put_MyProperty") { call in
            try call.messenger.setMyProperty(rawType: try call.params.int32("propType"), value: try call.params.string("value") ?? "")
            return .ok
        }
        add("Messenger.get_Property") { call in
            switch try call.messenger.property(rawType: try call.params.int32("propType")) {
            case .version(let version): return .value(version)
            case .lcid(let lcid): return .value(lcid)
            }
        }
        add("Messenger.put_Property") { call in
            try call.messenger.setProperty(rawType: try call.params.int32("propType"), value: try call.params.string("value") ?? "")
            return .ok
        }
        add("Messenger.get_ContactsSortOrder") { call in .value(try await call.messenger.contactsSortOrder.rawValue) }
        add("Messenger.put_ContactsSortOrder") { call in
            try await call.messenger.setContactsSortOrder(rawValue: try call.params.int32("value"))
            return .ok
        }
        add("Messenger.get_UnreadEmailCount") { call in
            let count = try await call.messenger.unreadEmailCount(rawFolder: try call.params.int32("folder"))
            return RPCResult(count) { JSONValue($0) }
        }
        add("Messenger.get_ReceiveFileDirectory") { call in
            try call.messenger.receiveFileDirectory()
        }
        add("Messenger.get_MyContacts") { call in .value(await CollectionValue.of(call.messenger.myContacts)) }
        add("Messenger.get_MyGroups") { call in .value(await CollectionValue.of(call.messenger.myGroups)) }
        add("Messenger.get_Services") { call in .value(CollectionValue.of(call.messenger.services)) }
        add("Messenger.get_Window") { call in .value(Handle.value(await call.messenger.window)) }
    }
}
