@testable import MessengerKit
import Testing
import XMPPCore

@Suite("PresenceStatusMapping")
struct PresenceStatusMappingTests {
    static let showTable: [(MISTATUS, String?)] = [
        (.unknown, nil), (.offline, nil), (.online, nil), (.invisible, nil),
        (.busy, "dnd"), (.beRightBack, "away"), (.idle, "away"), (.away, "away"),
        (.onThePhone, "dnd"), (.outToLunch, "away"), (.inAMeeting, "dnd"), (.outOfOffice, "xa"),
        (.doNotDisturb, "dnd"), (.inAConference, "dnd"), (.allowUrgentInterruptions, "dnd"),
        (.mayBeAvailable, "away"), (.custom, nil),
        (.localFindingServer, nil), (.localConnectingToServer, nil),
        (.localSynchronizingWithServer, nil), (.localDisconnectingFromServer, nil),
    ]

    @Test("the table covers every MISTATUS")
    func tableIsComplete() {
        #expect(Set(Self.showTable.map(\.0)) == Set(MISTATUS.allCases))
    }

    @Test("show for each MISTATUS", arguments: showTable)
    func show(status: MISTATUS, expected: String?) {
        #expect(PresenceStatusMapping.show(for: status) == expected)
    }

    @Test("available presence on the wire", arguments: [
        (MISTATUS.online, 0, "<presence><status xmlns='urn:xmpp:communicator:presence:0' value='2'/></presence>"),
        (.outToLunch, 5,
         "<presence><show>away</show><priority>5</priority><status xmlns='urn:xmpp:communicator:presence:0' value='66'/></presence>"),
        (.inAMeeting, -1,
         "<presence><show>dnd</show><priority>-1</priority><status xmlns='urn:xmpp:communicator:presence:0' value='82'/></presence>"),
        (.outOfOffice, 1000,
         "<presence><show>xa</show><priority>127</priority><status xmlns='urn:xmpp:communicator:presence:0' value='98'/></presence>"),
        (.custom, 0, "<presence><status xmlns='urn:xmpp:communicator:presence:0' value='178'/></presence>"),
        // States nobody else may see are not announced.
        (.invisible, 0, "<presence/>"),
        (.localConnectingToServer, 0, "<presence/>"),
    ])
    func availablePresence(status: MISTATUS, priority: Int, expected: String) {
        #expect(WireXML.text(PresenceStatusMapping.availablePresence(status, priority: priority)) == expected)
    }

    @Test("every contact-visible state survives the wire", arguments: MISTATUS.allCases.filter {
        $0.isOnline && $0 != .invisible && !$0.isLocalTransition
    })
    func roundTrip(status: MISTATUS) throws {
        let received = try WireXML.roundTrip(PresenceStatusMapping.availablePresence(status, priority: 3))
        #expect(PresenceStatusMapping.status(of: received) == status)
    }

    static let ext = "xmlns='urn:xmpp:communicator:presence:0'"

    @Test("inbound presence", arguments: [
        ("<presence/>", MISTATUS.online),
        ("<presence><show>chat</show></presence>", .online),
        ("<presence><show>away</show></presence>", .away),
        ("<presence><show>xa</show></presence>", .away),
        ("<presence><show>dnd</show></presence>", .busy),
        ("<presence><show> away\n</show></presence>", .away),
        ("<presence><show>sleeping</show></presence>", .online),
        // Our extension, consistent with <show/>: the exact state.
        ("<presence><show>dnd</show><status \(ext) value='50'/></presence>", .onThePhone),
        ("<presence><show>away</show><status \(ext) value='66'/></presence>", .outToLunch),
        ("<presence><show>xa</show><status \(ext) value='98'/></presence>", .outOfOffice),
        ("<presence><status \(ext) value='178'/></presence>", .custom),
        ("<presence><show>chat</show><status \(ext) value='2'/></presence>", .online),
        // Inconsistent with <show/>: <show/> wins.
        ("<presence><show>dnd</show><status \(ext) value='66'/></presence>", .busy),
        ("<presence><status \(ext) value='10'/></presence>", .online),
        ("<presence><show>away</show><status \(ext) value='2'/></presence>", .away),
        // States a contact cannot be in, and garbage: ignored.
        ("<presence><status \(ext) value='6'/></presence>", .online),
        ("<presence><status \(ext) value='1'/></presence>", .online),
        ("<presence><status \(ext) value='0'/></presence>", .online),
        ("<presence><status \(ext) value='512'/></presence>", .online),
        ("<presence><show>away</show><status \(ext) value='999'/></presence>", .away),
        ("<presence><show>away</show><status \(ext) value='0x22'/></presence>", .away),
        ("<presence><show>dnd</show><status \(ext) value=''/></presence>", .busy),
        ("<presence><show>dnd</show><status \(ext) value='4294967306'/></presence>", .busy),
        ("<presence><show>dnd</show><status \(ext)/></presence>", .busy),
        // The plain RFC 6121 <status/> is free text, not our extension.
        ("<presence><show>away</show><status value='66'>Lunch</status></presence>", .away),
        ("<presence type='unavailable'/>", .offline),
        ("<presence type='unavailable'><status \(ext) value='10'/></presence>", .offline),
    ] as [(String, MISTATUS)])
    func inbound(xml: String, expected: MISTATUS) throws {
        #expect(PresenceStatusMapping.status(of: try WireXML.stanza(xml)) == expected)
    }

    @Test("presence that is not about availability", arguments: [
        "<presence type='subscribe'/>",
        "<presence type='subscribed'/>",
        "<presence type='probe'/>",
        "<presence type='error'><show>dnd</show></presence>",
        "<presence type=''/>",
        "<message><show>dnd</show></message>",
    ])
    func notAvailability(xml: String) throws {
        #expect(PresenceStatusMapping.status(of: try WireXML.stanza(xml)) == nil)
    }
}
