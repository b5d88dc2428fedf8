import MessengerKit

/// `Messenger.*`: IMessenger, IMessenger2, IMessenger3, IMessengerAdvanced
/// and IMessengerContactResolution — sign-in, conversations, objects.
extension MethodTable {
    mutating func addMessengerMethods() {
        add("Messenger.AutoSignin") { call in
            try await call.messenger.autoSignin()
            return .ok
        }
        add("Messenger.Signin") { call in
            let params = call.params
            try await call.messenger.signin(
                hwndParent: Int(try params.int32("hwndParent", default: 0)),
                signinName: try params.string("signinName"), password: try params.string("password"))
            return .ok
        }
        add("Messenger.Signout") { call in
            try await call.messenger.signout()
            return .ok
        }
        add("Messenger.InstantMessage") { call in
            let contact = try await call.params.contact(call.resolve)
            return .value(Handle.value(try await call.messenger.instantMessage(contact)))
        }
        add("Messenger.Phone") { call in
            let contact = try await call.params.contact(call.resolve)
            let window = try await call.messenger.phone(
                contact, rawType: try call.params.int32("type"), number: try call.params.string("number"))
            return .value(Handle.value(window))
        }
        add("Messenger.Page") { call in
            let contact = try await call.params.contact(call.resolve)
            return .value(Handle.value(try await call.messenger.page(contact)))
        }
        add("Messenger.GetContact") { call in
            let contact = try await call.messenger.getContact(
                try call.params.string("signinName"), serviceID: try call.params.string("serviceId"))
            return .value(Handle.value(contact))
        }
        add("Messenger.CreateGroup") { call in
            let name = try call.params.string("groupName", "name")
            let created = try await call.messenger.createGroup(name, service: try call.params.service(call.resolve))
            return RPCResult(created) { Handle.value($0) }
        }
        add("Messenger.StartConversation") { call in
            let participants: [ContactArgument]
            switch call.params.values["participants"] {
            case .array(let items)?:
                var arguments: [ContactArgument] = []
                for index in items.indices {
                    let one = RPCParams(["participant": items[index]])
                    arguments.append(try await one.contact(call.resolve, name: "participant"))
                }
                participants = arguments
            case nil, .null?: participants = []
            default: throw RPCFailure.invalidParams("participants must be an array")
            }
            let hwnd = try await call.messenger.startConversation(
                rawType: try call.params.int32("conversationType"), participants: participants)
            return .value(hwnd)
        }
        add("Messenger.GetAuthenticationInfo") { call in
            try call.messenger.authenticationInfo()
        }
        add("Messenger.ResolveContact") { call in
            let address = try await call.messenger.resolveContact(
                rawAddressType: try call.params.int32("addressType"),
                rawResolutionType: try call.params.int32("resolutionType"),
                address: try call.params.string("address"))
            return .value(address)
        }
        add("MessengerPrivate.AddContact") { call in
            let messengerPrivate = MessengerPrivate(messenger: call.messenger)
            try await messengerPrivate.addContact(
                try call.params.string("signinName", "siginName"), service: try call.params.service(call.resolve))
            return .ok
        }
        add("MessengerPrivate.EnableAlertEvents") { call in
            guard case .array(let items)? = call.params.values["siteIds"] else {
                throw RPCFailure.invalidParams("siteIds must be an array of integers")
            }
            var siteIDs: [Int32] = []
            for item in items {
                guard let id = item.integerValue, let exact = Int32(exactly: id) else {
                    throw RPCFailure.invalidParams("siteIds must be an array of integers")
                }
                siteIDs.append(exact)
            }
            try MessengerPrivate(messenger: call.messenger).enableAlertEvents(siteIDs: siteIDs)
            return .ok
        }
    }

    /// The wizard and dialog launchers; most are E_NOTIMPL after validation.
    mutating func addMessengerLauncherMethods() {
        add("Messenger.AddContact") { call in
            try await call.messenger.addContact(
                hwndParent: Int(try call.params.int32("hwndParent", default: 0)), email: try call.params.string("eMail", "email"))
            return .ok
        }
        add("Messenger.FindContact") { call in
            let params = call.params
            try call.messenger.findContact(
                hwndParent: Int(try params.int32("hwndParent", default: 0)),
                firstName: try params.string("firstName"), lastName: try params.string("lastName"),
                city: try params.string("city"), state: try params.string("state"), country: try params.string("country"))
            return .ok
        }
        add("Messenger.InviteApp") { call in
            try call.messenger.inviteApp(try await call.params.contact(call.resolve), appID: try call.params.string("appID", "appId"))
        }
        add("Messenger.MediaWizard") { call in
            try call.messenger.mediaWizard(hwndParent: Int(try call.params.int32("hwndParent", default: 0)))
            return .ok
        }
        add("Messenger.OpenInbox") { call in
            try call.messenger.openInbox()
            return .ok
        }
        add("Messenger.OptionsPages") { call in
            try call.messenger.optionsPages(
                hwndParent: Int(try call.params.int32("hwndParent", default: 0)), rawPage: try call.params.int32("optionPage"))
            return .ok
        }
        add("Messenger.SendFile") { call in
            try await call.messenger.sendFile(try await call.params.contact(call.resolve), fileName: try call.params.string("fileName"))
        }
        add("Messenger.SendMail") { call in
            try await call.messenger.sendMail(try await call.params.contact(call.resolve))
            return .ok
        }
        add("Messenger.StartVoice") { call in
            .value(Handle.value(try await call.messenger.startVoice(try await call.params.contact(call.resolve))))
        }
        add("Messenger.StartVideo") { call in
            try call.messenger.startVideo(try await call.params.contact(call.resolve))
        }
        add("Messenger.ViewProfile") { call in
            try await call.messenger.viewProfile(try await call.params.contact(call.resolve))
            return .ok
        }
    }
}
