/// Where an API object's state lives: in this process's engine, or in a
/// Communicator reached through a transport. Every public member switches on
/// it; the local branch is the engine code, the remote branch one call.
enum ObjectBackend: Sendable {
    case local(MessengerEngine)
    case remote(RemoteClient)
}

extension Messenger {
    /// The in-process engine; nil for an attached messenger.
    var localEngine: MessengerEngine? {
        if case .local(let engine) = backend { return engine }
        return nil
    }
}
