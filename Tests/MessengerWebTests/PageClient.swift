import Foundation
import MessengerKit
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import Testing

/// What the browser does, in Swift: a WebSocket to the web UI with the
/// page's own Origin, JSON-RPC calls, and the notifications that come back.
struct PageClient {
    let fixture: WebFixture

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Connects, runs `body`, closes. Errors of `body` are rethrown.
    func run(_ body: @escaping @Sendable (Session) async throws -> Void) async throws {
        let outcome = try await TestWebSocket.connect(port: fixture.port, path: "/\(fixture.token)/ws", origin: fixture.origin)
        guard case .upgraded(let channel) = outcome else { throw Failed(description: "the WebSocket was refused") }
        try await channel.executeThenClose { inbound, outbound in
            let session = Session(outbound: outbound)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await frame in inbound {
                        if frame.opcode == .connectionClose { return }
                        guard frame.opcode == .text else { continue }
                        await session.inbox.append(try JSONValue(parsing: String(buffer: frame.unmaskedData)))
                    }
                }
                var failure: (any Error)?
                do {
                    try await body(session)
                } catch {
                    failure = error
                }
                try await outbound.write(TestWebSocket.close())
                try await group.waitForAll()
                if let failure { throw failure }
            }
        }
    }

    /// One open WebSocket.
    struct Session: Sendable {
        let outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>
        let inbox = Inbox()
        private let nextID = NIOLockedValueBox(1)

        init(outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>) {
            self.outbound = outbound
        }

        /// The reply to one request: its result or error object.
        func reply(_ method: String, _ params: [String: JSONValue]) async throws -> JSONValue {
            let id = nextID.withLockedValue { value in defer { value += 1 }; return value }
            let request: JSONValue = ["jsonrpc": "2.0", "id": JSONValue(id), "method": .string(method), "params": .object(params)]
            try await outbound.write(TestWebSocket.text(request.serialized()))
            guard let reply = await inbox.first(where: { $0["id"]?.integerValue == Int64(id) }) else {
                throw Failed(description: "no reply to \(method)")
            }
            return reply
        }

        /// A call's `value` (null when it has none); throws on an error reply.
        func call(_ method: String, _ params: [String: JSONValue] = [:]) async throws -> JSONValue {
            let reply = try await reply(method, params)
            guard let result = reply["result"] else { throw Failed(description: "\(method) failed: \(reply.serialized())") }
            return result["value"] ?? .null
        }

        /// A call's error object; throws when it succeeded.
        func failure(_ method: String, _ params: [String: JSONValue] = [:]) async throws -> JSONValue {
            let reply = try await reply(method, params)
            guard let error = reply["error"] else { throw Failed(description: "\(method) succeeded: \(reply.serialized())") }
            return error
        }

        /// The partial view of the first `UI.ViewChanged` that satisfies `predicate`.
        func viewChange(_ predicate: @escaping @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
            let match = await inbox.first { message in
                message["method"] == .string("UI.ViewChanged") && message["params"]?["view"].map(predicate) == true
            }
            guard let view = match?["params"]?["view"] else { throw Failed(description: "no matching UI.ViewChanged") }
            return view
        }
    }

    /// Every message the page received, for waiting on one.
    actor Inbox {
        private var messages: [JSONValue] = []

        func append(_ message: JSONValue) { messages.append(message) }

        func first(within timeout: Duration = .seconds(30), where predicate: (JSONValue) -> Bool) async -> JSONValue? {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let match = messages.first(where: predicate) { return match }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return messages.first(where: predicate)
        }
    }
}
