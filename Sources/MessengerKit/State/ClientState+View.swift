import Foundation

/// The whole state as a user interface shows it (`MessengerView`), read in
/// one go so every section agrees with the others.
extension ClientState {
    func view() -> MessengerView {
        MessengerView(
            me: meView,
            groups: listedGroups.compactMap { id in
                groups[id].map { MessengerView.Group(id: id, name: $0.name, contacts: members(of: id).map(\.value)) }
            },
            contacts: contactsView,
            windows: openWindowIDs.compactMap { windows[$0].map(windowView) })
    }

    private var meView: MessengerView.Me {
        MessengerView.Me(
            signinName: account.description, friendlyName: myDisplayName, status: myStatus.rawValue,
            statusName: myStatus.commandName, statusText: myStatus.displayText, phase: phase.viewName,
            selectableStatuses: MISTATUS.menuOrder.filter(\.isUserSettable).map {
                MessengerView.StatusChoice(status: $0.rawValue, name: $0.commandName, text: $0.displayText)
            })
    }

    private var contactsView: [MessengerView.Contact] {
        let records = listedContacts.compactMap { contacts[$0] }.sorted { lhs, rhs in
            switch lhs.friendlyName.localizedStandardCompare(rhs.friendlyName) {
            case .orderedAscending: true
            case .orderedDescending: false
            case .orderedSame: lhs.key < rhs.key
            }
        }
        return records.map { record in
            let status = status(of: record.key)
            let numbers = record.profile.phoneNumbers
            return MessengerView.Contact(
                signinName: record.key.value, friendlyName: record.friendlyName, status: status.rawValue,
                statusName: status.commandName, statusText: status.displayText,
                blocked: isBlocked(record.key), canPage: canPage(record.key),
                phones: MessengerView.Phones(home: numbers[.home] ?? "", work: numbers[.work] ?? "", mobile: numbers[.mobile] ?? ""))
        }
    }

    private func windowView(_ window: WindowRecord) -> MessengerView.Window {
        var view = MessengerView.Window(
            id: window.id, kind: window.kind.rawValue, title: window.title,
            left: window.frame.left, top: window.frame.top, width: window.frame.width, height: window.frame.height,
            minimized: window.isMinimized, z: window.z, contact: nil, transcript: [], history: nil, phone: nil, page: nil)
        if let conversation = window.conversation {
            view.contact = conversation.participants.first?.value
            view.transcript = conversation.transcript.map(Self.entry)
            view.history = TranscriptFormat.render(conversation.transcript, timeZone: timeZone)
        }
        if let call = window.phoneCall {
            view.contact = call.contact.value
            view.phone = MessengerView.PhoneCall(
                number: call.number ?? "", type: call.phoneType.viewName, state: call.callState, phase: call.phase.name,
                direction: call.direction.rawValue, error: call.phase.failure.map { $0.name ?? $0.description },
                connectedAt: call.connectedAt.map { Int64(($0.timeIntervalSince1970 * 1_000).rounded()) })
        }
        if let page = window.page {
            view.contact = page.contact.value
            view.transcript = page.sentPages.map { Self.entry($0.line) }
            view.page = MessengerView.Page(
                maximumLength: Self.maximumPageLength, sent: sentPageViews(in: window.id) ?? [])
        }
        return view
    }

    private static func entry(_ line: TranscriptLine) -> MessengerView.TranscriptEntry {
        let origin = switch line.origin {
        case .local: "local"
        case .remote: "remote"
        case .system: "system"
        }
        return MessengerView.TranscriptEntry(
            time: line.time.formatted(.iso8601),
            origin: origin, sender: line.sender, text: line.text)
    }
}

extension ClientState.Phase {
    var viewName: String {
        switch self {
        case .signedOut: "signedOut"
        case .connecting: "connecting"
        case .synchronizing: "synchronizing"
        case .online: "online"
        case .reconnecting: "reconnecting"
        }
    }
}

extension MPHONE_TYPE {
    /// `MPHONE_TYPE_WORK` → `work`.
    var viewName: String {
        String(name.dropFirst("MPHONE_TYPE_".count).lowercased())
    }
}
