@testable import MessengerKit
import Testing

/// `PresenceProperties` (§3.7, C18, C50).
@Suite struct PresencePropertiesTests {
    typealias Fixture = ClientStateFixture

    @Test func readingAContact() throws {
        var state = try Fixture.signedIn()
        let bob = state.knownContact(named: Fixture.bob)
        state.contacts[bob]?.resources["pc"] = .busy
        let values = try state.presenceProperties(of: bob)
        #expect(values.count == 11)
        #expect(values[0] == .status(.busy))
        #expect(values[1] == .integer(6500))
        #expect(values[2] == .boolean(false))
        #expect(values[3...].allSatisfy { $0 == nil })
        var signedOut = try Fixture.signedOut()
        #expect(failure { try signedOut.presenceProperties(of: signedOut.knownContact(named: Fixture.bob)) } == .MSGR_E_NOT_LOGGED_ON)
    }

    @Test func writingIsForTheLocalUserOnly() throws {
        var state = try Fixture.signedIn()
        let bob = state.knownContact(named: Fixture.bob)
        #expect(failure { try state.setPresenceProperties([.status(.away)], of: bob) } == .E_ACCESSDENIED)
        #expect(HRESULT.E_ACCESSDENIED.rawValue == 0x8007_0005)
    }

    @Test(arguments: [
        (Int32(3500), MISTATUS.online), (6600, .busy), (9500, .doNotDisturb), (12500, .beRightBack), (15500, .away),
    ])
    func anAvailabilityNumberSetsTheStatus(_ number: Int32, _ expected: MISTATUS) throws {
        var state = try Fixture.signedIn()
        try state.setPresenceProperties([nil, .integer(number)], of: state.ownKey)
        #expect(state.reportedMyStatus == expected)
    }

    @Test func badWrites() throws {
        var state = try Fixture.signedIn()
        let me = state.ownKey
        let before = state.reportedMyStatus
        #expect(failure { try state.setPresenceProperties([nil, .integer(2000)], of: me) } == .E_INVALIDARG)
        #expect(failure { try state.setPresenceProperties([nil, nil, nil, .string("note")], of: me) } == .E_INVALIDARG)
        #expect(failure { try state.setPresenceProperties(Array(repeating: nil, count: 12), of: me) } == .DISP_E_BADINDEX)
        #expect(failure { try state.setPresenceProperties([], of: me) } == .E_INVALIDARG)
        #expect(state.reportedMyStatus == before)
        try state.setPresenceProperties([.status(.outToLunch)], of: me)
        #expect(state.reportedMyStatus == .outToLunch)
    }
}
