@testable import MessengerKit
import Testing

/// The same call through an attached `Messenger` and in-process gives the
/// same `MessengerError` — HRESULT and message — for every row.
@Suite struct RemoteValidationTests {
    struct Row: Sendable, CustomStringConvertible {
        let description: String
        let expected: HRESULT
        let call: @Sendable (Messenger) async throws -> Void

        init(_ description: String, _ expected: HRESULT, _ call: @escaping @Sendable (Messenger) async throws -> Void) {
            self.description = description
            self.expected = expected
            self.call = call
        }
    }

    static let signedInRows: [Row] = [
        Row("InstantMessage, leading space", .E_INVALIDARG) { _ = try await $0.instantMessage(" bob@example.test") },
        Row("InstantMessage, empty VARIANT", .E_INVALIDARG) { _ = try await $0.instantMessage(.empty) },
        Row("InstantMessage, NULL string", .E_INVALIDARG) { _ = try await $0.instantMessage(.signinName(nil)) },
        Row("InstantMessage, line break", .E_INVALIDARG) { _ = try await $0.instantMessage("bob@example.test\n") },
        Row("InstantMessage, 130 characters", .E_INVALIDARG) {
            _ = try await $0.instantMessage(.signinName(String(repeating: "b", count: 117) + "@example.test"))
        },
        Row("InstantMessage, oneself", .E_FAIL) { _ = try await $0.instantMessage("alice@example.test") },
        Row("Phone, type 9", .E_INVALIDARG) { _ = try await $0.phone("bob@example.test", rawType: 9, number: nil) },
        Row("Phone, no mobile number", .MSGR_E_PHONE_INVALID_NUMBER) { _ = try await $0.phone("bob@example.test", type: .mobile) },
        Row("Phone, oneself", .E_FAIL) { _ = try await $0.phone("alice@example.test", type: .work) },
        Row("Page, leading space", .E_INVALIDARG) { _ = try await $0.page(" bob@example.test") },
        Row("Page, no pager", .MSGR_E_PAGING_UNAVAILABLE) { _ = try await $0.page("bob@example.test") },
        Row("GetContact, space inside", .E_INVALIDARG) { _ = try await $0.getContact("bob @example.test", serviceID: "") },
        Row("CreateGroup, tab in the name", .MSGR_E_BAD_GROUP_NAME) { _ = try await $0.createGroup("Bad\tName") },
        Row("put_MyStatus, not a MISTATUS", .E_INVALIDARG) { try await $0.setMyStatus(rawValue: 999) },
        Row("MyContacts.Item(-1)", .E_INVALIDARG) { _ = try await $0.myContacts.item(-1) },
        Row("MyContacts.Item past the end", .E_FAIL) { _ = try await $0.myContacts.item(5) },
        Row("Contact.PhoneNumber, none stored", .E_FAIL) {
            _ = try await $0.getContact("bob@example.test", serviceID: "").phoneNumber(.home)
        },
        Row("put_PresenceProperties of another user", .E_ACCESSDENIED) {
            try await $0.getContact("bob@example.test", serviceID: "").setPresenceProperties([nil])
        },
        Row("UnreadEmailCount, not the inbox", .E_FAIL) { _ = try await $0.unreadEmailCount(rawFolder: 1) },
        Row("ResolveContact, nobody", .MSGR_E_USER_NOT_FOUND) {
            _ = try await $0.resolveContact(rawAddressType: 1, rawResolutionType: 1, address: "nobody@example.test")
        },
        Row("ResolveContact, address type 0", .E_INVALIDARG) {
            _ = try await $0.resolveContact(rawAddressType: 0, rawResolutionType: 1, address: "bob@example.test")
        },
        Row("SendMail", .E_NOTIMPL) { try await $0.sendMail("bob@example.test") },
        Row("StartVoice on yourself", .E_FAIL) { _ = try await $0.startVoice("alice@example.test") },
        Row("Groups.Remove of NULL", .E_POINTER) { try await $0.myGroups.remove(nil) },
    ]

    static let signedOutRows: [Row] = [
        Row("InstantMessage", .MSGR_E_NOT_LOGGED_ON) { _ = try await $0.instantMessage("bob@example.test") },
        Row("Phone", .MSGR_E_NOT_LOGGED_ON) { _ = try await $0.phone("bob@example.test", type: .work) },
        Row("Page", .MSGR_E_NOT_LOGGED_ON) { _ = try await $0.page("bob@example.test") },
        Row("MySigninName", .MSGR_E_NOT_LOGGED_ON) { _ = try await $0.mySigninName },
        Row("ContactsSortOrder", .MSGR_E_NOT_LOGGED_ON) { _ = try await $0.contactsSortOrder },
        Row("Service.MyFriendlyName", .MSGR_E_NOT_LOGGED_ON) { _ = try await $0.services.primaryService.myFriendlyName },
        Row("MessengerPrivate.AddContact", .MSGR_E_NOT_LOGGED_ON) {
            try await MessengerPrivate(messenger: $0).addContact("bob@example.test")
        },
        Row("AutoSignin without a stored password", .E_FAIL) { try await $0.autoSignin() },
        Row("AddContact wizard", .E_NOTIMPL) { try await $0.addContact(email: nil) },
    ]

    /// Runs every row in-process and attached; both must throw the same error.
    static func check(_ rows: [Row], local: Messenger, remote: Messenger) async {
        for row in rows {
            let expected = await thrownError { try await row.call(local) }
            #expect(expected?.hresult == row.expected, "\(row) in-process: \(expected.map { "\($0)" } ?? "no error")")
            let actual = await thrownError { try await row.call(remote) }
            #expect(actual == expected, "\(row) attached: \(actual.map { "\($0)" } ?? "no error")")
        }
    }

    @Test func signedInCallsFailAlikeInProcessAndAttached() async throws {
        try await withLiveServer { server in
            let (alice, bob) = try await TwoMessengersTests.friends(on: server)
            let remote = try await Messenger(attachingTo: DispatcherTransport(alice.messenger))
            await Self.check(Self.signedInRows, local: alice.messenger, remote: remote)
            // Nothing failed half-way: no window was opened by any row.
            #expect(await remote.openWindows().count == 1)
            await alice.signout()
            await bob.signout()
        }
    }

    @Test func signedOutCallsFailAlikeInProcessAndAttached() async throws {
        let local = try signedOutMessenger()
        let remote = try await Messenger(attachingTo: DispatcherTransport(local))
        await Self.check(Self.signedOutRows, local: local, remote: remote)
        #expect(await remote.myStatus == .offline)
        #expect(await remote.myFriendlyName == "")
        #expect(await remote.myContacts.count == 0)
    }

    @Test func attachingToNothingFails() async {
        let error = await thrownError { try await Messenger(attachingTo: UnreachableTransport()) }
        #expect(error == MessengerError(.E_FAIL, "no Communicator running"))
    }

    @Test(arguments: [
        (Int32(-2_130_705_634), "MSGR_E_NOT_LOGGED_ON: not signed in", MessengerError(.MSGR_E_NOT_LOGGED_ON, "not signed in")),
        (-2_147_024_809, "E_INVALIDARG: contact starts with a space", MessengerError(.E_INVALIDARG, "contact starts with a space")),
        (-32602, "invalid params: window:99 is not a window of this client",
            MessengerError(.E_INVALIDARG, "invalid params: window:99 is not a window of this client")),
        (-32601, "method not found: Messenger.Nope", MessengerError(.E_FAIL, "method not found: Messenger.Nope")),
        (-2_147_467_259, "no prefix here", MessengerError(.E_FAIL, "no prefix here")),
    ])
    func errorRepliesBecomeMessengerErrors(_ row: (Int32, String, MessengerError)) {
        #expect(MessengerError(remoteCode: row.0, message: row.1) == row.2)
    }
}
