import MessengerKit
import Testing

/// Checks one enumeration against its spec table: every row's value and
/// name both ways, no extra cases, no two cases sharing a value or name.
private func expectTable<E: AutomationEnumeration>(
    _ type: E.Type,
    _ rows: [(E, String, Int32)],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for (member, name, value) in rows {
        #expect(member.rawValue == value, "\(name)", sourceLocation: sourceLocation)
        #expect(member.name == name, sourceLocation: sourceLocation)
        #expect(member.description == name, sourceLocation: sourceLocation)
        #expect(E(rawValue: value) == member, "\(name)", sourceLocation: sourceLocation)
        #expect(E(name: name) == member, "\(name)", sourceLocation: sourceLocation)
    }
    #expect(E.allCases.count == rows.count, sourceLocation: sourceLocation)
    #expect(Set(E.allCases.map(\.rawValue)).count == E.allCases.count, sourceLocation: sourceLocation)
    #expect(Set(E.allCases.map(\.name)).count == E.allCases.count, sourceLocation: sourceLocation)
}

@Suite("Automation API enumerations (spec §5)")
struct EnumerationTests {
    @Test("MISTATUS §5.1")
    func mistatus() {
        expectTable(MISTATUS.self, [
            (.unknown, "MISTATUS_UNKNOWN", 0x0000),
            (.offline, "MISTATUS_OFFLINE", 0x0001),
            (.online, "MISTATUS_ONLINE", 0x0002),
            (.invisible, "MISTATUS_INVISIBLE", 0x0006),
            (.busy, "MISTATUS_BUSY", 0x000A),
            (.beRightBack, "MISTATUS_BE_RIGHT_BACK", 0x000E),
            (.idle, "MISTATUS_IDLE", 0x0012),
            (.away, "MISTATUS_AWAY", 0x0022),
            (.onThePhone, "MISTATUS_ON_THE_PHONE", 0x0032),
            (.outToLunch, "MISTATUS_OUT_TO_LUNCH", 0x0042),
            (.inAMeeting, "MISTATUS_IN_A_MEETING", 0x0052),
            (.outOfOffice, "MISTATUS_OUT_OF_OFFICE", 0x0062),
            (.doNotDisturb, "MISTATUS_DO_NOT_DISTURB", 0x0072),
            (.inAConference, "MISTATUS_IN_A_CONFERENCE", 0x0082),
            (.allowUrgentInterruptions, "MISTATUS_ALLOW_URGENT_INTERRUPTIONS", 0x0092),
            (.mayBeAvailable, "MISTATUS_MAY_BE_AVAILABLE", 0x00A2),
            (.custom, "MISTATUS_CUSTOM", 0x00B2),
            (.localFindingServer, "MISTATUS_LOCAL_FINDING_SERVER", 0x0100),
            (.localConnectingToServer, "MISTATUS_LOCAL_CONNECTING_TO_SERVER", 0x0200),
            (.localSynchronizingWithServer, "MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER", 0x0300),
            (.localDisconnectingFromServer, "MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER", 0x0400),
        ])
        // The JSON-RPC binding's example: MISTATUS_BUSY travels as 10.
        #expect(MISTATUS(rawValue: 10) == .busy)
        #expect(MISTATUS(rawValue: 0x0004) == nil)
    }

    @Test("MISTATUS helper sets: online bit, local transitions, settable, WM set")
    func mistatusSets() {
        let online = MISTATUS.allCases.filter(\.isOnline)
        #expect(online.count == 15)
        #expect(!MISTATUS.offline.isOnline && !MISTATUS.unknown.isOnline)
        #expect(!MISTATUS.localConnectingToServer.isOnline)
        #expect(MISTATUS.invisible.isOnline && MISTATUS.idle.isOnline)

        #expect(MISTATUS.allCases.filter(\.isLocalTransition)
            == [.localFindingServer, .localConnectingToServer, .localSynchronizingWithServer,
                .localDisconnectingFromServer])

        #expect(MISTATUS.allCases.filter(\.isUserSettable)
            == [.online, .invisible, .busy, .beRightBack, .away, .onThePhone, .outToLunch, .inAMeeting,
                .outOfOffice, .doNotDisturb, .inAConference, .allowUrgentInterruptions, .mayBeAvailable,
                .custom])

        let windowsMessenger = MISTATUS.allCases.filter(\.isInWindowsMessenger)
        #expect(windowsMessenger.count == 14)
        #expect(!windowsMessenger.contains(.inAMeeting) && !windowsMessenger.contains(.custom))
        #expect(windowsMessenger.contains(.outToLunch) && windowsMessenger.contains(.localFindingServer))
    }

    @Test("MPHONE_TYPE §5.2")
    func phoneType() {
        expectTable(MPHONE_TYPE.self, [
            (.all, "MPHONE_TYPE_ALL", -1),
            (.home, "MPHONE_TYPE_HOME", 0),
            (.work, "MPHONE_TYPE_WORK", 1),
            (.mobile, "MPHONE_TYPE_MOBILE", 2),
            (.custom, "MPHONE_TYPE_CUSTOM", 3),
        ])
        #expect(MPHONE_TYPE.allCases.filter(\.isStoredNumber) == [.home, .work, .mobile])
    }

    @Test("property enumerations §5.3–§5.6")
    func properties() {
        expectTable(MCONTACTPROPERTY.self, [
            (.invalidProperty, "MCONTACTPROP_INVALID_PROPERTY", -1),
            (.groupsProperty, "MCONTACTPROP_GROUPS_PROPERTY", 0),
            (.email, "MCONTACTPROP_EMAIL", 1),
        ])
        expectTable(MMESSENGERPROPERTY.self, [
            (.version, "MMESSENGERPROP_VERSION", 0),
            (.plcid, "MMESSENGERPROP_PLCID", 1),
        ])
        expectTable(MWINDOWPROPERTY.self, [
            (.invalidProperty, "MWINDOWPROP_INVALID_PROPERTY", -1),
            (.viewSidebar, "MWINDOWPROP_VIEW_SIDEBAR", 0),
            (.viewToolbar, "MWINDOWPROP_VIEW_TOOLBAR", 1),
        ])
        expectTable(MSERVICEPROPERTY.self, [
            (.invalidProperty, "MSERVICEPROP_INVALID_PROPERTY", -1)
        ])
    }

    @Test("MUAFOLDER and MUASORT §5.7")
    func folderAndSort() {
        expectTable(MUAFOLDER.self, [
            (.inbox, "MUAFOLDER_INBOX", 0),
            (.allOtherFolders, "MUAFOLDER_ALL_OTHER_FOLDERS", 1),
        ])
        expectTable(MUASORT.self, [
            (.groups, "MUASORT_GROUPS", 0),
            (.onOffline, "MUASORT_ONOFFLINE", 1),
        ])
    }

    @Test("MOPTIONPAGE §5.8 with the MOPTDLG_ legacy names")
    func optionPage() {
        expectTable(MOPTIONPAGE.self, [
            (.general, "MOPT_GENERAL_PAGE", 0),
            (.privacy, "MOPT_PRIVACY_PAGE", 1),
            (.exchange, "MOPT_EXCHANGE_PAGE", 2),
            (.accounts, "MOPT_ACCOUNTS_PAGE", 3),
            (.connection, "MOPT_CONNECTION_PAGE", 4),
            (.preferences, "MOPT_PREFERENCES_PAGE", 5),
            (.services, "MOPT_SERVICES_PAGE", 6),
            (.phone, "MOPT_PHONE_PAGE", 7),
        ])
        #expect(MOPTIONPAGE.general.legacyName == "MOPTDLG_GENERAL_PAGE")
        #expect(MOPTIONPAGE.phone.legacyName == "MOPTDLG_PHONE_PAGE")
    }

    @Test("CONVERSATION_TYPE §5.11")
    func conversationType() {
        expectTable(CONVERSATION_TYPE.self, [
            (.im, "CONVERSATION_TYPE_IM", 1),
            (.phone, "CONVERSATION_TYPE_PHONE", 2),
            (.liveMeeting, "CONVERSATION_TYPE_LIVEMEETING", 4),
            (.audio, "CONVERSATION_TYPE_AUDIO", 8),
            (.video, "CONVERSATION_TYPE_VIDEO", 16),
            (.pstn, "CONVERSATION_TYPE_PSTN", 32),
        ])
        // Only one type per call (C49): a combination does not convert.
        #expect(CONVERSATION_TYPE(rawValue: 1 | 8) == nil)
    }

    @Test("ADDRESS_TYPE and CONTACT_RESOLUTION_TYPE §5.12")
    func resolution() {
        expectTable(ADDRESS_TYPE.self, [
            (.smtp, "ADDRESS_TYPE_SMTP", 1),
            (.displayName, "ADDRESS_TYPE_DISPLAY_NAME", 2),
            (.external, "ADDRESS_TYPE_EXTERNAL", 3),
        ])
        expectTable(CONTACT_RESOLUTION_TYPE.self, [
            (.cachedOnly, "CONTACT_RESOLUTION_CACHED_ONLY", 1),
            (.any, "CONTACT_RESOLUTION_ANY", 2),
        ])
    }

    @Test("PRESENCE_PROPERTY §5.13; MAX is the array length, not an index")
    func presenceProperty() {
        expectTable(PRESENCE_PROPERTY.self, [
            (.mstate, "PRESENCE_PROP_MSTATE", 0x0),
            (.availability, "PRESENCE_PROP_AVAILABILITY", 0x1),
            (.isBlocked, "PRESENCE_PROP_IS_BLOCKED", 0x2),
            (.presenceNote, "PRESENCE_PROP_PRESENCE_NOTE", 0x3),
            (.isOOF, "PRESENCE_PROP_IS_OOF", 0x4),
            (.toolTip, "PRESENCE_PROP_TOOL_TIP", 0x5),
            (.customStatusString, "PRESENCE_PROP_CUSTOM_STATUS_STRING", 0x6),
            (.deviceType, "PRESENCE_PROP_DEVICE_TYPE", 0x7),
            (.currentCalendarState, "PRESENCE_PROP_CURRENT_CALENDAR_STATE", 0x8),
            (.nextCalendarState, "PRESENCE_PROP_NEXT_CALENDAR_STATE", 0x9),
            (.nextCalendarStateTime, "PRESENCE_PROP_NEXT_CALENDAR_STATE_TIME", 0xA),
        ])
        #expect(PRESENCE_PROPERTY.arrayLength == 0xB)
        #expect(PRESENCE_PROPERTY(rawValue: 0xB) == nil)
        #expect(PRESENCE_PROPERTY(name: "PRESENCE_PROP_MAX") == nil)
    }

    @Test("header-only enumerations §5.14")
    func headerOnly() {
        expectTable(CALENDAR_STATE.self, [
            (.notAvailable, "CALENDAR_STATE_NOT_AVAILABLE", 0),
            (.free, "CALENDAR_STATE_FREE", 1),
            (.tentative, "CALENDAR_STATE_TENTATIVE", 2),
            (.notWorking, "CALENDAR_STATE_NOTWORKING", 3),
            (.busy, "CALENDAR_STATE_BUSY", 4),
            (.outOfOffice, "CALENDAR_STATE_OUT_OF_OFFICE", 5),
        ])
        expectTable(CONTACT_PROPERTY.self, [
            (.title, "CONTACT_PROP_TITLE", 0),
            (.office, "CONTACT_PROP_OFFICE", 1),
        ])
        expectTable(EXTENDED_STATUS_TYPE.self, [
            (.web, "EXTENDED_STATUS_WEB", 1),
            (.mobile, "EXTENDED_STATUS_MOBILE", 2),
            (.blocked, "EXTENDED_STATUS_BLOCKED", 0x100),
        ])
    }
}
