import Foundation

/// What a user interface needs: the whole state as one value, and a signal
/// that it may have changed.
extension Messenger {
    /// The client as a UI shows it, read in one turn of the engine.
    /// Attached, it is one `UI.GetView` call.
    public func view() async throws(MessengerError) -> MessengerView {
        switch backend {
        case .local(let engine):
            return await engine.read { $0.view() }
        case .remote(let remote):
            let reply = try await remote.call("UI.GetView")
            guard let value = reply.value, let view = MessengerView(remote: value) else {
                throw RemoteClient.unexpected("UI.GetView", reply.value)
            }
            return view
        }
    }

    /// Yields after every change of the client's state (and sometimes when
    /// nothing visible changed: compare `view()`s). Signals that arrive while
    /// the reader is busy collapse into one. The stream finishes when the
    /// messenger shuts down.
    ///
    /// Attached, the stream finishes at once: a remote UI subscribes with
    /// `UI.Subscribe` on its own connection instead.
    public func viewChanges() async -> AsyncStream<Void> {
        switch backend {
        case .local(let engine):
            return await engine.observeChanges()
        case .remote:
            let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
            continuation.finish()
            return stream
        }
    }
}

extension MessengerView {
    /// Decodes the JSON value `UI.GetView` returns.
    init?(remote value: JSONValue) {
        guard let data = value.serialized().data(using: .utf8),
              let view = try? JSONDecoder().decode(MessengerView.self, from: data)
        else { return nil }
        self = view
    }
}
