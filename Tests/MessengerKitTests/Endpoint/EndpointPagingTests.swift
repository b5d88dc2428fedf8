import Foundation
@testable import MessengerAutomation
import MessengerKit
import Testing

/// Paging as a program on the automation socket sees it: the error when the
/// contact has no pager, the pager settings, `Event.OnContactPagerChange`
/// with its `pageable` flag, and a page's status in `Window.get_SentPages`.
@Suite("automation endpoint: paging")
struct EndpointPagingTests {
    @Test func pagingOverTheSocket() async throws {
        try await EndpointLiveTests.withAliceOnSocket { fixture, _, bob in
            let client = try await fixture.connect()
            #expect(try await client.call("Events.Subscribe", ["names": ["OnContactPagerChange"]], id: 1)["result"] == ["hr": 0])

            let refused = try await client.call("Messenger.Page", ["contact": "bob@example.test"], id: 2)
            #expect(refused.errorName == "MSGR_E_PAGING_UNAVAILABLE")
            #expect(refused["error"]?["code"] == JSONValue(HRESULT.MSGR_E_PAGING_UNAVAILABLE.signedValue))

            let bad = try await client.call("Communicator.SetPagerNumber", ["number": "call me"], id: 3)
            #expect(bad.errorName == "E_INVALIDARG")
            #expect(bad["error"]?["message"] == "E_INVALIDARG: a pager number needs digits")
            let badURL = try await client.call("Communicator.SetPagerGateway", ["url": "ftp://pager.example.test/in"], id: 4)
            #expect(badURL.errorName == "E_INVALIDARG")
            #expect(try await client.call("Communicator.SetPagerGateway", ["url": "http://127.0.0.1:9/in"], id: 5)["result"] == ["hr": 0])
            #expect(try await client.call("Communicator.GetPagerGateway", id: 6).resultValue == "http://127.0.0.1:9/in")

            try await bob.messenger.setPagerNumber("+1 425 555 0199")
            let change = try await client.firstLine("OnContactPagerChange") { $0["method"] == "Event.OnContactPagerChange" }
            #expect(change["params"] == ["hr": 0, "contact": "contact:bob@example.test", "pageable": true])

            let window = try #require(try await client.call("Messenger.Page", ["contact": "bob@example.test"], id: 7).resultValue)
            #expect(try await client.call("Window.SendPage", ["handle": window, "text": "Call me"], id: 8)["result"] == ["hr": 0])
            var status: JSONValue?
            let deadline = ContinuousClock.now + .seconds(30)
            var next = 9
            while ContinuousClock.now < deadline {
                let pages = try await client.call("Window.get_SentPages", ["handle": window], id: next).resultValue
                next += 1
                if let page = pages?.arrayValue?.first, page["status"] != "sending" {
                    status = page
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(status?["text"] == "Call me")
            #expect(status?["status"] == "sent")
            #expect(status?["statusText"] == "Sent to 1 device")
        }
    }
}
