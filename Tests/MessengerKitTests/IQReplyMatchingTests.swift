@testable import MessengerKit
import Testing
import XMPPCore

@Suite("IQReplyMatching")
struct IQReplyMatchingTests {
    static let account = "alice@example.test/desk"

    @Test("who may answer a request", arguments: [
        // (reply from, request to, accepted)
        (nil, nil, true),
        ("example.test", nil, true),
        ("alice@example.test", nil, true),
        ("alice@example.test/desk", nil, true),
        ("bob@example.test", nil, false),
        ("other.test", nil, false),
        (nil, "alice@example.test", true),
        ("example.test", "alice@example.test", false),
        ("example.test", "example.test", true),
        (nil, "example.test", false),
        ("bob@example.test/phone", "bob@example.test/phone", true),
        ("BOB@Example.test/phone", "bob@example.test/phone", true),
        ("bob@example.test/other", "bob@example.test/phone", false),
        ("mallory@example.test", "bob@example.test", false),
        ("bob@example.test", "bob@example.test", true),
    ] as [(String?, String?, Bool)])
    func matching(from: String?, to: String?, accepted: Bool) throws {
        let account = try JID(Self.account)
        #expect(IQReplyMatching.isReply(from: from, toRequestAddressedTo: to, account: account) == accepted)
    }
}
