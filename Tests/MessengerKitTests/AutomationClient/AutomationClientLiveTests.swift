import Foundation
import MessengerAutomation
import MessengerKit
import Testing

/// `AutomationClient` against the real endpoint in front of Alice's
/// signed-in client, with Bob on another client.
@Suite("AutomationClient against the endpoint")
struct AutomationClientLiveTests {
    @Test("results, an HRESULT error, many calls at once and an event, as a script would see them")
    func endToEnd() async throws {
        try await EndpointLiveTests.withAliceOnSocket { fixture, _, bob in
            let client = try await AutomationClient.connect(socketPath: fixture.socketPath)

            #expect(try await client.call("Messenger.get_MyStatus") == AutomationReply(hr: 0, value: 2))
            #expect(try await client.call("Messenger.get_MySigninName") == AutomationReply(hr: 0, value: "alice@example.test"))

            do {
                _ = try await client.call("Messenger.InstantMessage", ["contact": " bob@example.test"])
                Issue.record("a sign-in name with a leading space was accepted")
            } catch let error as AutomationClientError {
                guard case .remote(let remote) = error else { throw error }
                #expect(remote.name == "E_INVALIDARG")
                #expect(remote.code == -2147024809)
                #expect(remote.description.hasPrefix("E_INVALIDARG (0x80070057): "))
            }

            // Twenty calls in flight on one connection each get their own answer.
            let contacts = try await client.call("Messenger.get_MyContacts")
            #expect(contacts.value?["items"] == ["contact:bob@example.test"])
            let names = try await withThrowingTaskGroup(of: (Int, JSONValue?).self) { group in
                for index in 0..<20 {
                    let method = index.isMultiple(of: 2) ? "Contact.get_SigninName" : "Contact.get_Status"
                    group.addTask { (index, try await client.call(method, ["handle": "contact:bob@example.test"]).value) }
                }
                var answers = [JSONValue?](repeating: nil, count: 20)
                for try await (index, value) in group { answers[index] = value }
                return answers
            }
            #expect(names == (0..<20).map { $0.isMultiple(of: 2) ? "bob@example.test" : 2 })

            #expect(try await client.call("Events.Subscribe", ["names": ["OnContactStatusChange"]]).hr == 0)
            try await bob.messenger.setMyStatus(.busy)
            var iterator = client.notifications.makeAsyncIterator()
            let event = await iterator.next()
            #expect(event == AutomationNotification(
                method: "Event.OnContactStatusChange", params: ["contact": "contact:bob@example.test", "status": 10]))

            await client.close()
            #expect(await iterator.next() == nil)
        }
    }
}
