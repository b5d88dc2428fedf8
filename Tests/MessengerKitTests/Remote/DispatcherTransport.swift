@testable import MessengerAutomation
import MessengerKit

/// A transport that serves calls with the endpoint's own `Dispatcher` in
/// this process: everything the socket does except the socket. Values go
/// through JSON text and back, as they would on the wire.
struct DispatcherTransport: MessengerTransport {
    let messenger: Messenger
    let dispatcher: Dispatcher

    init(_ messenger: Messenger) {
        self.messenger = messenger
        dispatcher = Dispatcher(messenger: messenger)
    }

    func call(_ method: String, _ params: [String: JSONValue]) async throws(MessengerError) -> RemoteReply {
        switch await dispatcher.run(method, Self.wire(.object(params)).objectValue ?? [:]) {
        case .success(let result):
            return RemoteReply(hr: result.hr, value: result.value.map(Self.wire))
        case .failure(let failure):
            throw MessengerError(remoteCode: failure.code, message: failure.message)
        }
    }

    func events() async throws(MessengerError) -> AsyncStream<RemoteEvent> {
        let source = await messenger.events()
        let (stream, continuation) = AsyncStream.makeStream(of: RemoteEvent.self, bufferingPolicy: .unbounded)
        let task = Task {
            for await event in source {
                let params = Self.wire(.object(EventNotification.params(for: event))).objectValue ?? [:]
                continuation.yield(RemoteEvent(name: event.name, params: params))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The value after a trip through JSON text.
    private static func wire(_ value: JSONValue) -> JSONValue {
        (try? JSONValue(parsing: value.serialized())) ?? .null
    }
}

/// A transport with nothing behind it.
struct UnreachableTransport: MessengerTransport {
    func call(_ method: String, _ params: [String: JSONValue]) async throws(MessengerError) -> RemoteReply {
        throw MessengerError(.E_FAIL, "no Communicator running")
    }

    func events() async throws(MessengerError) -> AsyncStream<RemoteEvent> {
        throw MessengerError(.E_FAIL, "no Communicator running")
    }
}

/// The error a call throws, or nil when it succeeds.
func thrownError<T>(_ body: () async throws -> T) async -> MessengerError? {
    do {
        _ = try await body()
        return nil
    } catch let error as MessengerError {
        return error
    } catch {
        return MessengerError(.E_UNEXPECTED, "\(error)")
    }
}
