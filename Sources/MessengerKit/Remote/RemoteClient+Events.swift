/// `Messenger.events()` on an attached messenger: the transport's
/// notifications as `MessengerEvent`s, objects through the interning table.
extension RemoteClient {
    /// Subscribed when this returns. A transport that cannot subscribe gives
    /// a stream that has already finished, as a shut-down engine does.
    nonisolated func events() async -> AsyncStream<MessengerEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: MessengerEvent.self, bufferingPolicy: .unbounded)
        let notifications: AsyncStream<RemoteEvent>
        do throws(MessengerError) {
            notifications = try await transport.events()
        } catch {
            continuation.finish()
            return stream
        }
        let task = Task {
            for await notification in notifications {
                // An event this version does not know, or a malformed one, is skipped.
                if let event = try? await self.event(notification) { continuation.yield(event) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Parameter names as the endpoint writes them (automation-rpc.md, Events).
    func event(_ notification: RemoteEvent) throws(MessengerError) -> MessengerEvent? {
        let params = notification.params
        func hr() throws(MessengerError) -> HRESULT {
            guard let code = params["hr"].flatMap(Int32.init(remote:)) else { throw Self.unexpected("hr", params["hr"]) }
            return HRESULT(signedValue: code)
        }
        func status() throws(MessengerError) -> MISTATUS {
            guard let status = params["status"].flatMap(MISTATUS.init(remote:)) else { throw Self.unexpected("status", params["status"]) }
            return status
        }
        func phoneType() throws(MessengerError) -> MPHONE_TYPE {
            guard let type = params["type"].flatMap(Int32.init(remote:)).flatMap(MPHONE_TYPE.init(rawValue:)) else {
                throw Self.unexpected("type", params["type"])
            }
            return type
        }
        func text(_ name: String) throws(MessengerError) -> String {
            guard let text = params[name]?.stringValue else { throw Self.unexpected(name, params[name]) }
            return text
        }
        func contact() throws(MessengerError) -> MessengerContact { try self.contact(params["contact"]) }
        func group() throws(MessengerError) -> MessengerGroup { try self.group(params["group"]) }
        func window() throws(MessengerError) -> MessengerConversationWindow { try conversation(params["window"]) }

        switch notification.name {
        case "OnSignin": return .signin(hr: try hr())
        case "OnSignout": return .signout
        case "OnContactListAdd": return .contactListAdd(hr: try hr(), contact: try contact())
        case "OnContactListRemove": return .contactListRemove(hr: try hr(), contact: try contact())
        case "OnContactFriendlyNameChange":
            return .contactFriendlyNameChange(hr: try hr(), contact: try contact(), previousFriendlyName: try text("prevFriendlyName"))
        case "OnMyFriendlyNameChange": return .myFriendlyNameChange(hr: try hr(), previousFriendlyName: try text("prevFriendlyName"))
        case "OnContactStatusChange": return .contactStatusChange(contact: try contact(), status: try status())
        case "OnMyStatusChange": return .myStatusChange(hr: try hr(), status: try status())
        case "OnAppShutdown": return .appShutdown
        case "OnContactBlockChange":
            guard let blocked = params["blocked"]?.boolValue else { throw Self.unexpected("blocked", params["blocked"]) }
            return .contactBlockChange(hr: try hr(), contact: try contact(), blocked: blocked)
        case "OnContactPhoneChange":
            return .contactPhoneChange(hr: try hr(), contact: try contact(), type: try phoneType(), number: try text("number"))
        case "OnMyPhoneChange": return .myPhoneChange(type: try phoneType(), number: try text("number"))
        case "OnContactPagerChange":
            guard let pageable = params["pageable"]?.boolValue else { throw Self.unexpected("pageable", params["pageable"]) }
            return .contactPagerChange(hr: try hr(), contact: try contact(), pageable: pageable)
        case "OnIMWindowCreated": return .imWindowCreated(window: try window())
        case "OnIMWindowDestroyed": return .imWindowDestroyed(window: try window())
        case "OnIMWindowContactAdded": return .imWindowContactAdded(contact: try contact(), window: try window())
        case "OnIMWindowContactRemoved": return .imWindowContactRemoved(contact: try contact(), window: try window())
        case "OnGroupAdded": return .groupAdded(hr: try hr(), group: try group())
        case "OnGroupRemoved": return .groupRemoved(hr: try hr(), group: try group())
        case "OnGroupNameChanged": return .groupNameChanged(hr: try hr(), group: try group())
        case "OnContactAddedToGroup": return .contactAddedToGroup(hr: try hr(), group: try group(), contact: try contact())
        case "OnContactRemovedFromGroup": return .contactRemovedFromGroup(hr: try hr(), group: try group(), contact: try contact())
        case "OnPhoneCallChange":
            let code = try hr()
            guard let id = Self.number(in: params["window"], after: "window:"),
                let named = params["phase"]?.stringValue.flatMap({ PhoneCallState(name: $0) })
            else { throw Self.unexpected("window and phase", params["phase"]) }
            let state: PhoneCallState = if case .ended = named { .ended(code) } else { named }
            return .phoneCallChange(hr: code, window: self.window(id: id, isConversation: false), state: state)
        default: return nil
        }
    }
}
