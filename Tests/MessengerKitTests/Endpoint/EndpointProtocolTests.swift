import Foundation
@testable import MessengerAutomation
import MessengerKit
import Testing

/// The wire contract of automation-rpc.md that needs no server: framing,
/// protocol errors, HRESULT errors, handles, the socket's permissions.
@Suite("automation endpoint: protocol")
struct EndpointProtocolTests {
    @Test("the spec's example: a leading space is E_INVALIDARG with name and hex in data")
    func specExample() async throws {
        try await withSignedOutEndpoint { _, client in
            let reply = try await client.call("Messenger.InstantMessage", ["contact": " bob@example.test"], id: 2)
            #expect(reply == [
                "jsonrpc": "2.0", "id": 2,
                "error": [
                    "code": -2147024809, "message": "E_INVALIDARG: contact starts with a space",
                    "data": ["name": "E_INVALIDARG", "hresult": "0x80070057"],
                ],
            ])
        }
    }

    @Test("signed out: MSGR_E_NOT_LOGGED_ON as a signed 32-bit code")
    func notLoggedOn() async throws {
        try await withSignedOutEndpoint { _, client in
            let reply = try await client.call("Messenger.InstantMessage", ["contact": "bob@example.test"], id: 1)
            #expect(reply.errorCode == -2130705634)
            #expect(reply.errorName == "MSGR_E_NOT_LOGGED_ON")
            #expect(reply["error"]?["data"]?["hresult"] == "0x8100031E")
        }
    }

    @Test("the contact VARIANT: null, missing, a number, an array, an object without handle are E_INVALIDARG")
    func contactVariantTypes() async throws {
        try await withSignedOutEndpoint { _, client in
            let wrong: [JSONValue] = [["contact": nil], [:], ["contact": 5], ["contact": [1]], ["contact": ["x": 1]], ["contact": true]]
            for (index, params) in wrong.enumerated() {
                let reply = try await client.call("Messenger.InstantMessage", params, id: 10 + index)
                #expect(reply.errorName == "E_INVALIDARG", "params \(params.serialized())")
            }
        }
    }

    @Test("malformed lines get the JSON-RPC errors and the connection stays usable")
    func malformedLines() async throws {
        try await withSignedOutEndpoint { _, client in
            try await client.send(raw: "{not json")
            let parse = try await client.firstLine("parse error") { $0.errorCode == -32700 }
            #expect(parse["id"] == .null)

            try await client.send(raw: "[1,2]")
            _ = try await client.firstLine("invalid request") { $0.errorCode == -32600 }

            try await client.send(raw: #"{"jsonrpc":"1.0","id":7,"method":"Messenger.get_MyStatus"}"#)
            let version = try await client.reply(id: 7)
            #expect(version.errorCode == -32600)

            let unknown = try await client.call("Messenger.Teleport", id: 8)
            #expect(unknown.errorCode == -32601)

            let status = try await client.call("Messenger.get_MyStatus", id: 9)
            #expect(status["result"] == ["hr": 0, "value": JSONValue(MISTATUS.offline.rawValue)])
        }
    }

    @Test("a line over 1 MiB is refused with -32600 and the next request is answered")
    func oversizedLine() async throws {
        try await withSignedOutEndpoint { _, client in
            let padding = String(repeating: "a", count: 1 << 20)
            try await client.send(raw: #"{"jsonrpc":"2.0","id":1,"method":"Messenger.get_MyStatus","params":{"x":""# + padding + #""}}"#)
            let refused = try await client.firstLine("oversized") { $0.errorCode == -32600 }
            #expect(refused["id"] == .null)
            let status = try await client.call("Messenger.get_MyStatus", id: 2)
            #expect(status.resultValue == JSONValue(MISTATUS.offline.rawValue))
        }
    }

    @Test("wrong parameter types are -32602; forged handles are -32602; a notification gets no reply")
    func parameterErrors() async throws {
        try await withSignedOutEndpoint { _, client in
            let main = try await client.call("Messenger.get_Window", id: 1)
            let handle = try #require(main.resultValue)
            #expect(handle == "window:1")

            let badValue = try await client.call("Window.put_Left", ["handle": handle, "value": "far"], id: 2)
            #expect(badValue.errorCode == -32602)
            let fraction = try await client.call("Window.put_Left", ["handle": handle, "value": 1.5], id: 3)
            #expect(fraction.errorCode == -32602)
            let forged = try await client.call("Window.get_Left", ["handle": "window:999"], id: 4)
            #expect(forged.errorCode == -32602)
            let wrongKind = try await client.call("ConversationWnd.get_History", ["handle": handle], id: 5)
            #expect(wrongKind.errorCode == -32602)
            let noContact = try await client.call("Contact.get_Status", ["handle": "contact:nobody@example.test"], id: 6)
            #expect(noContact.errorCode == -32602)
            let positional = try await client.call("Window.get_Left", [1], id: 7)
            #expect(positional.errorCode == -32602)

            try await client.send(raw: #"{"jsonrpc":"2.0","method":"Window.put_Left","params":{"handle":"window:1","value":77}}"#)
            let left = try await client.call("Window.get_Left", ["handle": handle], id: 8)
            #expect(left.resultValue == 77)
            #expect(await client.received.count(where: { $0["id"] == nil }) == 0)
        }
    }

    @Test("success HRESULTs other than S_OK travel in hr: Close twice is S_OK then S_FALSE")
    func successCodes() async throws {
        try await withSignedOutEndpoint { _, client in
            let first = try await client.call("Window.Close", ["handle": "window:1"], id: 1)
            #expect(first["result"] == ["hr": 0])
            let second = try await client.call("Window.Close", ["handle": "window:1"], id: 2)
            #expect(second["result"] == ["hr": 1])
            let closed = try await client.call("Window.get_IsClosed", ["handle": "window:1"], id: 3)
            #expect(closed.resultValue == true)
        }
    }

    @Test("the socket is 0600 in a 0700 folder; a second endpoint on the same path is refused")
    func socketFile() async throws {
        try await withSignedOutEndpoint { fixture, _ in
            let socketMode = try FileManager.default.attributesOfItem(atPath: fixture.socketPath)[.posixPermissions] as? Int
            let folder = (fixture.socketPath as NSString).deletingLastPathComponent
            let folderMode = try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int
            #expect(socketMode == 0o600)
            #expect(folderMode == 0o700)

            let second = AutomationEndpoint(messenger: try signedOutMessenger(), socketPath: fixture.socketPath)
            await #expect(throws: AutomationEndpointError.self) { try await second.start() }
            // The refused start left the running endpoint alone.
            let client = try await fixture.connect()
            #expect(try await client.call("Messenger.get_MyStatus", id: 1)["result"] != nil)
            await client.close()
        }
    }

    @Test("a stale socket file from a crashed client is replaced; stop removes the socket")
    func staleSocket() async throws {
        let first = try await EndpointFixture.start(try signedOutMessenger())
        await first.endpoint.stop()
        #expect(!FileManager.default.fileExists(atPath: first.socketPath))
        // Leave a socket file nobody listens on, as a killed process would.
        let stale = AutomationEndpoint(messenger: try signedOutMessenger(), socketPath: first.socketPath)
        try await stale.start()
        let path = first.socketPath
        let copy = path + ".keep"
        try FileManager.default.linkItem(atPath: path, toPath: copy)
        await stale.stop()
        try FileManager.default.moveItem(atPath: copy, toPath: path)

        let second = AutomationEndpoint(messenger: try signedOutMessenger(), socketPath: path)
        try await second.start()
        let client = try await SocketLineClient.connect(path)
        #expect(try await client.call("Messenger.get_MyStatus", id: 1)["result"] != nil)
        await client.close()
        await second.stop()
        try? FileManager.default.removeItem(at: first.folder)
    }
}
