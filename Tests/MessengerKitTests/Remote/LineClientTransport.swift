import MessengerKit

/// A transport over the tests' bare socket line client, until the library's
/// own socket transport exists: requests and notifications as real lines on
/// a real `AutomationEndpoint` socket.
struct LineClientTransport: MessengerTransport {
    let client: SocketLineClient

    func call(_ method: String, _ params: [String: JSONValue]) async throws(MessengerError) -> RemoteReply {
        let reply: JSONValue
        do {
            reply = try await client.call(method, .object(params))
        } catch {
            throw MessengerError(.E_FAIL, "no reply to \(method): \(error)")
        }
        if let error = reply["error"] {
            let code = error["code"]?.integerValue.flatMap { Int32(exactly: $0) } ?? HRESULT.E_FAIL.signedValue
            throw MessengerError(remoteCode: code, message: error["message"]?.stringValue ?? "")
        }
        guard let hr = reply["result"]?["hr"]?.integerValue.flatMap({ Int32(exactly: $0) }) else {
            throw MessengerError(.E_FAIL, "malformed reply to \(method)")
        }
        return RemoteReply(hr: HRESULT(signedValue: hr), value: reply["result"]?["value"])
    }

    /// Subscribes, then hands on every notification line in arrival order.
    func events() async throws(MessengerError) -> AsyncStream<RemoteEvent> {
        _ = try await call("Events.Subscribe", [:])
        let (stream, continuation) = AsyncStream.makeStream(of: RemoteEvent.self, bufferingPolicy: .unbounded)
        let client = self.client
        let task = Task {
            var seen = 0
            while !Task.isCancelled {
                let lines = await client.received
                for line in lines.dropFirst(seen) {
                    guard let method = line["method"]?.stringValue, method.hasPrefix("Event.") else { continue }
                    continuation.yield(RemoteEvent(name: String(method.dropFirst(6)), params: line["params"]?.objectValue ?? [:]))
                }
                seen = lines.count
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
