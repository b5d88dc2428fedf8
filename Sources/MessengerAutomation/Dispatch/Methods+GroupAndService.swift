import MessengerKit

/// `Group.*` (IMessengerGroup) and `Service.*` (IMessengerService).
extension MethodTable {
    mutating func addGroupMethods() {
        add("Group.get_Name") { call in
            .value(try await call.resolve.group(try call.handle()).name)
        }
        add("Group.put_Name") { call in
            let group = try await call.resolve.group(try call.handle())
            try await group.setName(try call.params.string("value"))
            return .ok
        }
        add("Group.get_Contacts") { call in
            .value(await CollectionValue.of(try await call.resolve.group(try call.handle()).contacts))
        }
        add("Group.AddContact") { call in
            let group = try await call.resolve.group(try call.handle())
            try await group.addContact(try await call.params.contact(call.resolve))
            return .ok
        }
        add("Group.RemoveContact") { call in
            let group = try await call.resolve.group(try call.handle())
            try await group.removeContact(try await call.params.contact(call.resolve))
            return .ok
        }
        add("Group.get_Service") { call in
            _ = try await call.resolve.group(try call.handle())
            return .value(Handle.primaryService)
        }
    }

    mutating func addServiceMethods() {
        add("Service.get_ServiceName") { call in .value(try call.resolve.service(try call.handle()).serviceName) }
        add("Service.get_ServiceID") { call in .value(try await call.resolve.service(try call.handle()).serviceID) }
        add("Service.get_MyFriendlyName") { call in
            .value(try await call.resolve.service(try call.handle()).myFriendlyName)
        }
        add("Service.get_MySigninName") { call in
            .value(try await call.resolve.service(try call.handle()).mySigninName)
        }
        add("Service.get_MyStatus") { call in
            .value(try await call.resolve.service(try call.handle()).myStatus.rawValue)
        }
        add("Service.get_Property") { call in
            try call.resolve.service(try call.handle()).property(rawType: try call.params.int32("propType"))
        }
        add("Service.put_Property") { call in
            _ = try call.resolve.service(try call.handle())
            throw MessengerError(.E_INVALIDARG, "service properties are reserved")
        }
    }
}
