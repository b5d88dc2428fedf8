import Foundation
@testable import MessengerKit
import Testing
import XMPPCore

/// A Page window's sent pages and their status, the profile hash in
/// presence, and `OnContactPagerChange` — on the state machine alone.
@Suite struct PageStatusTests {
    typealias Fixture = ClientStateFixture

    /// Sends "Call me" to carol from her Page window; returns the window and the page's id.
    static func sentPage(_ state: inout ClientState) throws -> (window: Int, id: String) {
        let window = try state.page("carol@example.test")
        _ = state.takeEffects()
        try state.sendPage("Call me", in: window, now: Date(timeIntervalSince1970: 1_800_000_000))
        guard case .send(let message) = state.takeEffects().first, let id = message[attribute: "id"] else {
            throw MessengerError(.E_FAIL, "no page sent")
        }
        return (window, id)
    }

    static func statuses(_ state: ClientState, _ window: Int) -> [String] {
        state.sentPageViews(in: window)?.map { "\($0.status): \($0.statusText)" } ?? []
    }

    @Test func aPageIsSendingUntilTheReceiptArrives() throws {
        var state = try Fixture.signedIn()
        let (window, id) = try Self.sentPage(&state)
        #expect(id.hasPrefix("page-"))
        #expect(Self.statuses(state, window) == ["sending: Sending…"])
        state.receive(
            try WireXML.stanza(
                "<message from='carol@example.test' to='alice@example.test/kit' type='headline'><page-receipt xmlns='urn:xmpp:communicator:page:0' id='\(id)' devices='2' stored='false' gateway='none'/></message>"),
            now: .now)
        #expect(Self.statuses(state, window) == ["sent: Sent to 2 devices"])
        // The receipt is no message: no conversation window opens for it.
        #expect(state.windows.values.contains { $0.kind == .conversation } == false)
        let view = try #require(state.view().windows.first { $0.id == window })
        #expect(view.page?.sent.map(\.text) == ["Call me"])
        #expect(view.page?.sent.first?.time == "2027-01-15T08:00:00Z")
    }

    @Test(arguments: [
        (PageReceipt.accepted, "Sent"),
        (PageReceipt(devices: 1, stored: false, gateway: .notSet), "Sent to 1 device"),
        (PageReceipt(devices: 0, stored: true, gateway: .notSet), "Stored until Carol signs in"),
        (PageReceipt(devices: 0, stored: true, gateway: .delivered), "Stored until Carol signs in + pager gateway"),
        (PageReceipt(devices: 3, stored: false, gateway: .failed), "Sent to 3 devices; pager gateway failed"),
        (PageReceipt(devices: 0, stored: false, gateway: .delivered), "Not delivered to any device + pager gateway"),
    ])
    func receiptTexts(_ row: (PageReceipt, String)) {
        #expect(PageStatus.sent(row.0).text(contactName: "Carol") == row.1)
    }

    static func receipt(from: String, id: String, _ facts: String) throws -> XMLElement {
        try WireXML.stanza(
            "<message from='\(from)' to='alice@example.test/kit' type='headline'><page-receipt xmlns='urn:xmpp:communicator:page:0' id='\(id)' \(facts)/></message>")
    }

    @Test(arguments: [
        ("accepted='true'", "sent: Sent"),
        ("devices='0' stored='false' gateway='none'", "failed: Not sent: the server could not deliver, store or forward it"),
        ("devices='0' stored='false' gateway='failed'", "failed: Not sent: the server could not deliver, store or forward it"),
        ("devices='0' stored='false' gateway='delivered'", "sent: Not delivered to any device + pager gateway"),
        ("devices='1' accepted='true'", "sent: Sent to 1 device"),
    ])
    func whatAReceiptMeans(_ row: (String, String)) throws {
        var state = try Fixture.signedIn()
        let (window, id) = try Self.sentPage(&state)
        state.receive(try Self.receipt(from: "carol@example.test", id: id, row.0), now: .now)
        #expect(Self.statuses(state, window) == [row.1])
    }

    @Test(arguments: ["bob@example.test", "carol@example.test/desk", "example.test"])
    func aReceiptOrBounceFromAnyoneButTheContactsBareAddressIsNoReply(_ from: String) throws {
        var state = try Fixture.signedIn()
        let (window, id) = try Self.sentPage(&state)
        let forged = try Self.receipt(from: from, id: id, "devices='3' stored='false' gateway='none'")
        let receiptTaken = state.receivePageReply(forged)
        #expect(receiptTaken == false)
        state.receive(forged, now: .now)
        let bounce = try WireXML.stanza(
            "<message from='\(from)' to='alice@example.test/kit' type='error' id='\(id)'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>")
        let bounceTaken = state.receivePageReply(bounce)
        #expect(bounceTaken == false)
        state.receive(bounce, now: .now)
        #expect(Self.statuses(state, window) == ["sending: Sending…"])
    }

    @Test func aReceiptForAPageNoLongerSendingOrUnknownIsNoReply() throws {
        var state = try Fixture.signedIn()
        let (window, id) = try Self.sentPage(&state)
        let first = state.receivePageReply(try Self.receipt(from: "carol@example.test", id: id, "devices='1' stored='false' gateway='none'"))
        #expect(first)
        let again = state.receivePageReply(try Self.receipt(from: "carol@example.test", id: id, "devices='0' stored='false' gateway='none'"))
        #expect(again == false)
        let unknown = state.receivePageReply(try Self.receipt(from: "carol@example.test", id: "page-unknown", "accepted='true'"))
        #expect(unknown == false)
        #expect(Self.statuses(state, window) == ["sent: Sent to 1 device"])
    }

    @Test func aBouncedPageFailsWithTheServersText() throws {
        var state = try Fixture.signedIn()
        let (window, id) = try Self.sentPage(&state)
        state.receive(
            try WireXML.stanza(
                "<message from='carol@example.test' to='alice@example.test/kit' type='error' id='\(id)'><body>Call me</body><page xmlns='urn:xmpp:communicator:page:0'/><error type='cancel'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>carol@example.test has not enabled paging</text></error></message>"),
            now: .now)
        #expect(Self.statuses(state, window) == ["failed: Not sent: carol@example.test has not enabled paging"])
    }

    @Test func aDroppedConnectionFailsPagesStillSending() throws {
        var state = try Fixture.signedIn()
        let (window, _) = try Self.sentPage(&state)
        state.connectionLost()
        #expect(Self.statuses(state, window) == ["failed: Not sent: the connection dropped before the server confirmed it"])
    }

    @Test func aChangedProfileHashRereadsTheProfileAndRaisesPagerChange() throws {
        var state = try Fixture.signedIn()
        let carol = ContactKey(jid: try JID(Fixture.carol))
        state.contacts[carol]?.hasLoadedProfile = true
        func presence(_ hash: String) throws -> XMLElement {
            try WireXML.stanza("<presence from='carol@example.test/desk'><profile xmlns='urn:xmpp:communicator:profile:0' hash='\(hash)'/></presence>")
        }
        state.receive(try presence("aaaa"), now: .now)
        // Coming online always re-reads the profile.
        #expect(state.takeEffects().contains { if case .request(_, .contactProfile(carol)) = $0 { true } else { false } })
        state.receive(try presence("aaaa"), now: .now)
        #expect(!state.takeEffects().contains { if case .request(_, .contactProfile) = $0 { true } else { false } })
        state.receive(try presence("bbbb"), now: .now)
        #expect(state.takeEffects().contains { if case .request(_, .contactProfile(carol)) = $0 { true } else { false } })

        // The new vCard has no pager: CanPage is now false, and the event says so.
        state.completed(.contactProfile(carol), .result(try WireXML.stanza("<iq type='result' id='x'><vCard xmlns='vcard-temp'/></iq>")))
        let events = state.takeEffects().compactMap { if case .emit(let event) = $0 { event } else { nil } }
        #expect(events.contains { if case .contactPagerChange(.S_OK, carol, pageable: false) = $0 { true } else { false } })
        #expect(state.canPage(carol) == false)
    }

    @Test func theFirstProfileLoadRaisesNoPagerChange() throws {
        var state = try Fixture.signedIn()
        let bob = ContactKey(jid: try JID(Fixture.bob))
        let vCard = "<iq type='result' id='x'><vCard xmlns='vcard-temp'><TEL><PAGER/><NUMBER>+1 555 0300</NUMBER></TEL></vCard></iq>"
        state.completed(.contactProfile(bob), .result(try WireXML.stanza(vCard)))
        #expect(state.canPage(bob))
        #expect(!state.takeEffects().contains { if case .emit(.contactPagerChange) = $0 { true } else { false } })
    }

    @Test func ourPresenceCarriesTheHashOfOurVCard() throws {
        var state = try Fixture.signedIn()
        let vCard = try WireXML.stanza("<iq type='result' id='x'><vCard xmlns='vcard-temp'><FN>Alice</FN></vCard></iq>")
        state.completed(.ownProfileLoad, .result(vCard))
        state.publish(.online)
        guard case .send(let presence) = state.takeEffects().last else {
            Issue.record("no presence")
            return
        }
        let hash = try #require(ProfileHash.hash(in: presence))
        #expect(hash.count == 32)
        // Publishing a new vCard announces a new hash.
        state.ownProfilePublished(VCardProfile.withPager("+1 555 0400", in: VCardProfile.vCard(inResult: vCard)))
        guard case .send(let updated) = state.takeEffects().last else {
            Issue.record("no presence after publishing")
            return
        }
        #expect(ProfileHash.hash(in: updated).map { $0 != hash } == true)
        #expect(state.myProfile.pagerNumber == "+1 555 0400")
        #expect(state.myProfile.fullName == "Alice")
    }

    @Test(arguments: [
        ("", "E_OK"), ("12", "E_OK"), ("abc", "E_INVALIDARG"), (String(repeating: "1", count: 65), "E_INVALIDARG"),
        ("+1 555\n0199", "E_INVALIDARG"), (String(repeating: "1", count: 64), "E_OK"),
    ])
    func pagerNumberValidation(_ row: (String, String)) {
        let code = failure { try Messenger.validatedPagerNumber(row.0) }
        #expect((code?.name ?? "E_OK") == row.1, "\(row.0.debugDescription)")
    }

    @Test(arguments: [
        ("", "E_OK"), ("http://pager.example.test/in", "E_OK"), ("https://pager.example.test/in", "E_INVALIDARG"),
        ("http://pager.example.test", "E_INVALIDARG"), ("pager.example.test/in", "E_INVALIDARG"),
        ("http://pager.example.test/" + String(repeating: "a", count: 500), "E_INVALIDARG"),
    ])
    func pagerGatewayValidation(_ row: (String, String)) {
        let code = failure { try Messenger.validatedPagerGateway(row.0) }
        #expect((code?.name ?? "E_OK") == row.1, "\(row.0)")
    }
}
