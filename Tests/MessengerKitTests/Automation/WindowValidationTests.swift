@testable import MessengerKit
import Testing

/// `IMessengerWindow` (§3.13): geometry, `Show`, `Close`, `IsClosed`.
@Suite struct WindowValidationTests {
    typealias Fixture = ClientStateFixture

    @Test(arguments: [ClientState.Edge.width, .height], [Int32(0), -1, Int32.min])
    func sizesMustBePositive(_ edge: ClientState.Edge, _ value: Int32) throws {
        var state = try Fixture.signedIn()
        let id = try state.instantMessage("bob@example.test")
        let before = try state.geometry(of: id, edge)
        #expect(failure { try state.setGeometry(of: id, edge, to: value) } == .E_INVALIDARG)
        #expect(try state.geometry(of: id, edge) == before)
    }

    @Test func geometryRoundTrips() throws {
        var state = try Fixture.signedIn()
        let id = state.mainWindowID
        try state.setGeometry(of: id, .left, to: 100)
        try state.setGeometry(of: id, .top, to: -20)
        try state.setGeometry(of: id, .width, to: 300)
        try state.setGeometry(of: id, .height, to: 500)
        #expect(try [state.geometry(of: id, .left), state.geometry(of: id, .top), state.geometry(of: id, .width), state.geometry(of: id, .height)] == [100, -20, 300, 500])
        // A window keeps at least half its width on screen.
        try state.setGeometry(of: id, .left, to: -10_000)
        #expect(try state.geometry(of: id, .left) == -150)
    }

    @Test func theMainWindowClosesToTheTrayAndComesBackWithShow() throws {
        var state = try Fixture.signedIn()
        let id = state.mainWindowID
        #expect(state.close(id).hresult == .S_OK)
        #expect(state.isClosed(id))
        #expect(failure { try state.geometry(of: id, .left) } == .E_FAIL)
        #expect(failure { try state.setGeometry(of: id, .width, to: 10) } == .E_FAIL)
        #expect(failure { try state.setGeometry(of: id, .width, to: 0) } == .E_INVALIDARG)
        #expect(failure { try state.hwnd(of: id) } == .E_FAIL)
        #expect(state.close(id).hresult == .S_FALSE)
        try state.show(id)
        #expect(!state.isClosed(id))
        #expect(try state.hwnd(of: id) == Int32(id))
    }

    @Test func minimizedWindowsReportOffScreenCoordinates() throws {
        var state = try Fixture.signedIn()
        let id = try state.instantMessage("bob@example.test")
        try state.minimize(id)
        #expect(try state.geometry(of: id, .left) == -32000)
        #expect(try state.geometry(of: id, .top) == -32000)
        #expect(try state.geometry(of: id, .width) > 0)
        try state.show(id)
        #expect(try state.geometry(of: id, .left) != -32000)
    }

    @Test func windowIDsAreNeverReused() throws {
        var state = try Fixture.signedIn()
        let first = try state.instantMessage("bob@example.test")
        _ = state.close(first)
        let second = try state.instantMessage("bob@example.test")
        #expect(second > first)
        #expect(Set(state.windows.keys).count == state.windows.count)
    }
}
