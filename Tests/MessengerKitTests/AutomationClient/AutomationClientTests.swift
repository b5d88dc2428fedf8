import Foundation
import Testing
@testable import MessengerAutomation
import MessengerKit

@Suite("AutomationClient against a scripted endpoint")
struct AutomationClientTests {
    @Test("replies sent out of order reach the calls that asked for them; requests carry method and params")
    func outOfOrderReplies() async throws {
        try await FakeLineServer.run(script: { peer in
            var requests: [JSONValue] = []
            for _ in 0..<3 { requests.append(try await peer.readRequest()) }
            #expect(Set(requests.compactMap { $0["id"]?.integerValue }) == [1, 2, 3])
            #expect(requests.allSatisfy { $0["jsonrpc"] == "2.0" })
            for request in requests.reversed() {
                // Each reply echoes what its request asked, so a mix-up shows.
                let method = request["method"]?.stringValue ?? "?"
                let name = request["params"]?["signinName"]?.stringValue ?? "-"
                try await peer.write(FakeLineServer.reply(
                    to: request, hr: method == "Messenger.GetContact" ? 1 : 0, value: .string(method + " " + name)))
            }
        }) { path in
            let client = try await AutomationClient.connect(socketPath: path)
            async let first = client.call("Messenger.get_MyStatus")
            async let second = client.call("Messenger.GetContact", ["signinName": "bob@example.test"])
            async let third = client.call("Contact.get_FriendlyName", ["handle": "contact:carol@example.test"])
            let replies = try await [first, second, third]
            #expect(replies == [
                AutomationReply(hr: 0, value: "Messenger.get_MyStatus -"),
                AutomationReply(hr: 1, value: "Messenger.GetContact bob@example.test"),
                AutomationReply(hr: 0, value: "Contact.get_FriendlyName -"),
            ])
            await client.close()
        }
    }

    @Test("a reply without a value has none; the request line is exactly the JSON-RPC form")
    func requestLine() async throws {
        try await FakeLineServer.run(script: { peer in
            let request = try await peer.readRequest()
            #expect(request == [
                "jsonrpc": "2.0", "id": 1, "method": "Messenger.put_MyStatus", "params": ["value": 10],
            ])
            try await peer.write(#"{"jsonrpc":"2.0","id":1,"result":{"hr":0}}"#)
        }) { path in
            let client = try await AutomationClient.connect(socketPath: path)
            #expect(try await client.call("Messenger.put_MyStatus", ["value": 10]) == AutomationReply(hr: 0, value: nil))
            await client.close()
        }
    }

    @Test("an error reply becomes .remote with its HRESULT, name and text; the connection stays usable")
    func errorReplies() async throws {
        try await FakeLineServer.run(script: { peer in
            _ = try await peer.readRequest()
            try await peer.write(#"{"jsonrpc":"2.0","id":1,"error":{"code":-2130705634,"message":"MSGR_E_NOT_LOGGED_ON: not signed in","data":{"name":"MSGR_E_NOT_LOGGED_ON","hresult":"0x8100031E"}}}"#)
            _ = try await peer.readRequest()
            try await peer.write(#"{"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"Method not found"}}"#)
            let third = try await peer.readRequest()
            try await peer.write(FakeLineServer.reply(to: third, value: 2))
        }) { path in
            let client = try await AutomationClient.connect(socketPath: path)

            let notLoggedOn = await remoteError { try await client.call("Messenger.get_MyContacts") }
            #expect(notLoggedOn == AutomationRemoteError(
                code: -2130705634, message: "MSGR_E_NOT_LOGGED_ON: not signed in",
                name: "MSGR_E_NOT_LOGGED_ON", hresult: "0x8100031E"))
            #expect(notLoggedOn?.description == "MSGR_E_NOT_LOGGED_ON (0x8100031E): not signed in")

            let unknown = await remoteError { try await client.call("Messenger.Fly") }
            #expect(unknown == AutomationRemoteError(code: -32601, message: "Method not found"))
            #expect(unknown?.description == "JSON-RPC -32601: Method not found")

            #expect(try await client.call("Messenger.get_MyStatus") == AutomationReply(hr: 0, value: 2))
            await client.close()
        }
    }

    @Test("notifications arrive in order and the stream ends when the connection closes")
    func notificationsInOrder() async throws {
        try await FakeLineServer.run(script: { peer in
            let subscribe = try await peer.readRequest()
            for status in [2, 10, 34] {
                try await peer.write(#"{"jsonrpc":"2.0","method":"Event.OnContactStatusChange","params":{"contact":"contact:bob@example.test","status":\#(status)}}"#)
            }
            try await peer.write(#"{"jsonrpc":"2.0","method":"Event.OnSignout"}"#)
            try await peer.write(FakeLineServer.reply(to: subscribe, value: nil))
        }) { path in
            let client = try await AutomationClient.connect(socketPath: path)
            #expect(try await client.call("Events.Subscribe") == AutomationReply(hr: 0, value: nil))
            var received: [AutomationNotification] = []
            for await notification in client.notifications { received.append(notification) }
            #expect(received == [2, 10, 34].map { status in
                AutomationNotification(
                    method: "Event.OnContactStatusChange",
                    params: ["contact": "contact:bob@example.test", "status": .number(Double(status))])
            } + [AutomationNotification(method: "Event.OnSignout", params: [:])])
            await client.close()
        }
    }

    @Test("the endpoint closing during a call fails it with .connectionClosed, and later calls too")
    func closedMidCall() async throws {
        try await FakeLineServer.run(script: { peer in
            _ = try await peer.readRequest()
        }) { path in
            let client = try await AutomationClient.connect(socketPath: path)
            #expect(await isConnectionClosed { try await client.call("Messenger.AutoSignin") })
            #expect(await isConnectionClosed { try await client.call("Messenger.Signout") })
            await client.close()
        }
    }

    @Test("a call after close() fails with .connectionClosed")
    func callAfterClose() async throws {
        try await FakeLineServer.run(script: { _ in }) { path in
            let client = try await AutomationClient.connect(socketPath: path)
            await client.close()
            #expect(await isConnectionClosed { try await client.call("Messenger.get_MyStatus") })
        }
    }

    @Test("a line that is not JSON-RPC fails the waiting call with .invalidReply", arguments: [
        ("hello", "a line that is not JSON"),
        ("[1,2]", "a line that is not a JSON object"),
        (#"{"id":1,"result":{"hr":0}}"#, #"a message without "jsonrpc": "2.0""#),
        (#"{"jsonrpc":"2.0","id":1,"result":"ok"}"#, #"reply 1 without a result {"hr": …}"#),
    ])
    func invalidLine(line: String, detail: String) async throws {
        try await FakeLineServer.run(script: { peer in
            _ = try await peer.readRequest()
            try await peer.write(line)
            // Hold the connection until the client gives up on it.
            _ = try? await peer.readRequest()
        }) { path in
            let client = try await AutomationClient.connect(socketPath: path)
            let error = await #expect(throws: AutomationClientError.self) { try await client.call("Messenger.get_MyStatus") }
            guard case .invalidReply(let reason)? = error else {
                Issue.record("expected .invalidReply, got \(String(describing: error))")
                return
            }
            #expect(reason == detail)
            await client.close()
        }
    }

    @Test("a reply line over the limit fails the call instead of being buffered")
    func lineTooLong() async throws {
        try await FakeLineServer.run(script: { peer in
            let request = try await peer.readRequest()
            try await peer.write(FakeLineServer.reply(to: request, value: .string(String(repeating: "x", count: 200))))
            _ = try? await peer.readRequest()
        }) { path in
            let client = try await AutomationClient.connect(socketPath: path, maxLineLength: 64)
            let error = await #expect(throws: AutomationClientError.self) { try await client.call("Window.get_Title") }
            guard case .invalidReply(let reason)? = error else {
                Issue.record("expected .invalidReply, got \(String(describing: error))")
                return
            }
            #expect(reason == "a line longer than 64 bytes")
            await client.close()
        }
    }

    @Test("no socket file: .cannotConnect saying so, which means no client is running")
    func missingSocket() async {
        let path = FakeLineServer.temporarySocketPath()
        let error = await #expect(throws: AutomationClientError.self) { try await AutomationClient.connect(socketPath: path) }
        guard case .cannotConnect(let failedPath, let reason)? = error else {
            Issue.record("expected .cannotConnect, got \(String(describing: error))")
            return
        }
        #expect(failedPath == path)
        #expect(reason == "no socket at that path")
        #expect(error?.meansNotRunning == true)
        #expect(error?.description == "cannot connect to \(path): no socket at that path")
    }

    @Test("a socket file nobody listens on: .cannotConnect, refused, which also means no client is running")
    func staleSocket() async throws {
        let path = FakeLineServer.temporarySocketPath()
        defer { unlink(path) }
        try FakeLineServer.makeStaleSocket(at: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let error = await #expect(throws: AutomationClientError.self) { try await AutomationClient.connect(socketPath: path) }
        guard case .cannotConnect(_, let reason)? = error else {
            Issue.record("expected .cannotConnect, got \(String(describing: error))")
            return
        }
        #expect(reason == "nothing is listening on the socket (left over from a client that stopped)")
        #expect(error?.meansNotRunning == true)
    }

    private func remoteError(_ body: () async throws -> AutomationReply) async -> AutomationRemoteError? {
        do {
            _ = try await body()
            Issue.record("expected an error reply")
        } catch let error as AutomationClientError {
            if case .remote(let remote) = error { return remote }
            Issue.record("expected .remote, got \(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    private func isConnectionClosed(_ body: () async throws -> AutomationReply) async -> Bool {
        do {
            _ = try await body()
        } catch let error as AutomationClientError {
            if case .connectionClosed = error { return true }
            Issue.record("expected .connectionClosed, got \(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
        return false
    }
}
