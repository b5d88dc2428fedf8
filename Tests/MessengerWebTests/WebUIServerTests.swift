import Foundation
import Logging
import MessengerKit
@testable import MessengerWeb
import NIOConcurrencyHelpers
import NIOCore
import Testing

/// The web UI against a real client: what a browser gets, what it is
/// refused, and the WebSocket that carries the automation protocol.
@Suite("web UI server", .serialized)
struct WebUIServerTests {
    static let securityHeaders: [String: String] = [
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "content-security-policy":
            "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    ]

    func get(_ fixture: WebFixture, _ path: String, host: String? = nil, extra: [(String, String)] = []) async throws -> RawHTTPResponse {
        try await RawHTTPResponse.get(
            port: fixture.port, path: path, headers: [("Host", host ?? "127.0.0.1:\(fixture.port)")] + extra)
    }

    @Test("the page is served under the token with the security headers")
    func indexUnderToken() async throws {
        try await withWebFixture { fixture in
            #expect(fixture.web.url == "http://127.0.0.1:\(fixture.port)/\(fixture.token)/")
            let page = try await get(fixture, "/\(fixture.token)/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.body.contains("<title>Communicator</title>"))
            for (name, value) in Self.securityHeaders { #expect(page.headers[name] == value, "\(name)") }
            #expect(page.headers["access-control-allow-origin"] == nil)

            let viaLocalhost = try await get(fixture, "/\(fixture.token)/", host: "localhost:\(fixture.port)")
            #expect(viaLocalhost.status == 200)

            let redirect = try await get(fixture, "/\(fixture.token)")
            #expect(redirect.status == 302)
            #expect(redirect.headers["location"] == "/\(fixture.token)/")
        }
    }

    @Test("no token, a wrong token and a foreign Host are refused with 403")
    func refusals() async throws {
        try await withWebFixture { fixture in
            var wrong = fixture.token
            wrong.removeLast()
            wrong += fixture.token.hasSuffix("A") ? "B" : "A"
            for path in ["/", "/index.html", "/\(wrong)/", "/\(wrong)/ws", "/\(fixture.token.dropLast())/"] {
                let response = try await get(fixture, path)
                #expect(response.status == 403, "\(path)")
                #expect(response.body == "missing or wrong access token", "\(path)")
                for (name, value) in Self.securityHeaders { #expect(response.headers[name] == value, "\(path) \(name)") }
            }
            let rebound = try await get(fixture, "/\(fixture.token)/", host: "evil.example:\(fixture.port)")
            #expect(rebound.status == 403)
            let otherPort = try await get(fixture, "/\(fixture.token)/", host: "127.0.0.1:1")
            #expect(otherPort.status == 403)
            let hidden = try await get(fixture, "/\(fixture.token)/..%2Fweb-token")
            #expect(hidden.status == 404)
        }
    }

    @Test("a WebSocket upgrade with a foreign or no Origin gets 403, not a WebSocket")
    func foreignOriginRefused() async throws {
        try await withWebFixture { fixture in
            let upgrade = [
                ("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Version", "13"),
                ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
            ]
            let path = "/\(fixture.token)/ws"
            let foreign = try await get(fixture, path, extra: upgrade + [("Origin", "http://evil.example")])
            #expect(foreign.status == 403)
            let otherPort = try await get(fixture, path, extra: upgrade + [("Origin", "http://127.0.0.1:1")])
            #expect(otherPort.status == 403)
            let missing = try await get(fixture, path, extra: upgrade)
            #expect(missing.status == 403)
            // One letter changed (to one it is not: a token may start with "x").
            let changed = (fixture.token.first == "x" ? "y" : "x") + fixture.token.dropFirst()
            let wrongToken = try await get(fixture, "/\(changed)/ws", extra: upgrade + [("Origin", fixture.origin)])
            #expect(wrongToken.status == 403)
            let own = try await get(fixture, path, extra: upgrade + [("Origin", fixture.origin)])
            #expect(own.status == 101)

            for origin in ["http://evil.example", nil] {
                let outcome = try await TestWebSocket.connect(port: fixture.port, path: path, origin: origin)
                guard case .refused = outcome else {
                    Issue.record("upgraded with Origin \(origin ?? "none")")
                    continue
                }
            }
        }
    }

    @Test("over the WebSocket: UI.GetView, then InstantMessage's window arrives in UI.ViewChanged")
    func viewOverWebSocket() async throws {
        try await withWebFixture { fixture in
            let page = PageClient(fixture: fixture)
            try await page.run { page in
                let view = try await page.call("UI.GetView")
                #expect(view["me"]?["signinName"] == .string("alice@example.test"))
                #expect(view["windows"]?.arrayValue?.count == 1)
                _ = try await page.call("UI.Subscribe")

                let handle = try await page.call("Messenger.InstantMessage", ["contact": "bob@example.test"])
                let id = try #require(handle.stringValue.flatMap { Int($0.dropFirst("window:".count)) })
                let opened = try await page.viewChange { change in
                    change["windows"]?.arrayValue?.contains { $0["id"]?.integerValue == Int64(id) } == true
                }
                #expect(opened["windows"]?.arrayValue?.last?["kind"] == .string("conversation"))
                #expect(opened["windows"]?.arrayValue?.last?["contact"] == .string("bob@example.test"))

                // Moved through the Swift API, seen by the page.
                let window = try #require(await fixture.messenger.knownWindow(id: id))
                try await window.setLeft(123)
                let moved = try await page.viewChange { change in
                    change["windows"]?.arrayValue?.contains {
                        $0["id"]?.integerValue == Int64(id) && $0["left"]?.integerValue == 123
                    } == true
                }
                // Only the windows changed.
                #expect(moved.objectValue.map { Set($0.keys) } == ["windows"])
            }
        }
    }

    @Test("a failed call carries the MSGR error name, as on the socket")
    func errorsAsOnTheSocket() async throws {
        try await withWebFixture { fixture in
            try await PageClient(fixture: fixture).run { page in
                let error = try await page.failure("Messenger.InstantMessage", ["contact": " bob@example.test"])
                #expect(error["code"]?.integerValue == -2_147_024_809)
                #expect(error["data"]?["name"] == .string("E_INVALIDARG"))
                let methods = try await page.call("Communicator.ListMethods")
                let names = methods.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(names.contains("UI.GetView") && names.contains("UI.Subscribe") && names.contains("UI.Unsubscribe"))
            }
        }
    }

    @Test("a frame over 1 MiB closes the WebSocket with 1009")
    func oversizedFrame() async throws {
        try await withWebFixture { fixture in
            let outcome = try await TestWebSocket.connect(port: fixture.port, path: "/\(fixture.token)/ws", origin: fixture.origin)
            guard case .upgraded(let channel) = outcome else { throw PageClient.Failed(description: "refused") }
            let code = try await TestWebSocket.closeCode(
                afterSending: [TestWebSocket.text(String(repeating: "x", count: (1 << 20) + 1))], on: channel)
            #expect(code == .messageTooLarge)
        }
    }

    @Test("a binary message closes the WebSocket with 1003")
    func binaryMessage() async throws {
        try await withWebFixture { fixture in
            let outcome = try await TestWebSocket.connect(port: fixture.port, path: "/\(fixture.token)/ws", origin: fixture.origin)
            guard case .upgraded(let channel) = outcome else { throw PageClient.Failed(description: "refused") }
            let code = try await TestWebSocket.closeCode(afterSending: [TestWebSocket.frame(.binary, ByteBuffer(bytes: [1, 2, 3]))], on: channel)
            #expect(code == .unacceptableData)
        }
    }

    @Test("a second server on the same port says how to pick another")
    func portInUse() async throws {
        try await withWebFixture { fixture in
            let second = WebUIServer(messenger: fixture.messenger, port: fixture.port, token: .random(), logger: Logger(label: "test"))
            let error = await #expect(throws: WebUIServerError.self) { try await second.start() }
            #expect(error?.description == "port \(fixture.port) is in use; pass --web-port 0 to pick a free one")
        }
    }
}
