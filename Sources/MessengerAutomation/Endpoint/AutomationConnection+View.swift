import Foundation
import MessengerKit

/// `UI.GetView`, `UI.Subscribe`, `UI.Unsubscribe`: the whole client as one
/// value for a user interface, then only the sections that changed
/// (docs/web.md).
extension AutomationConnection {
    /// How long a change waits for more changes before it is sent, so a burst
    /// (a contact list arriving) becomes one notification.
    static let viewCoalescing = Duration.milliseconds(30)

    func getView() async -> Result<RPCResult, RPCFailure> {
        let view: MessengerView
        do {
            view = try await dispatcher.messenger.view()
        } catch {
            return .failure(RPCFailure(error))
        }
        lastView = view
        return .success(.value(ViewJSON.whole(view)))
    }

    func subscribeToView() async -> Result<RPCResult, RPCFailure> {
        guard viewPump == nil else { return .success(RPCResult(hr: .S_FALSE)) }
        let changes = await dispatcher.messenger.viewChanges()
        viewPump = Task { [weak self] in
            for await _ in changes {
                try? await Task.sleep(for: Self.viewCoalescing)
                guard !Task.isCancelled, let self else { return }
                await self.viewMayHaveChanged()
            }
        }
        return .success(.ok)
    }

    func unsubscribeFromView() -> Result<RPCResult, RPCFailure> {
        guard let pump = viewPump else { return .success(RPCResult(hr: .S_FALSE)) }
        pump.cancel()
        viewPump = nil
        return .success(.ok)
    }

    private func viewMayHaveChanged() async {
        guard viewPump != nil else { return }
        if requestRunning {
            // Read after the reply, so the client never gets a change that
            // is older than a view it was just given.
            viewChangePending = true
        } else {
            await publishViewChange()
        }
    }

    /// Sends `UI.ViewChanged` with the sections that differ from what the
    /// client last received; nothing when none does.
    func publishViewChange() async {
        guard viewPump != nil, let view = try? await dispatcher.messenger.view() else { return }
        let partial = ViewJSON.changes(from: lastView, to: view)
        lastView = view
        guard !partial.isEmpty else { return }
        send(RPCLine.notification(method: "UI.ViewChanged", params: ["view": .object(partial)]))
    }
}

/// A `MessengerView` as the JSON the protocol carries.
enum ViewJSON {
    static func whole(_ view: MessengerView) -> JSONValue {
        json(view)
    }

    /// The top-level sections of `new` whose value differs from `old`'s.
    static func changes(from old: MessengerView?, to new: MessengerView) -> [String: JSONValue] {
        var partial: [String: JSONValue] = [:]
        if old?.me != new.me { partial["me"] = json(new.me) }
        if old?.contacts != new.contacts { partial["contacts"] = json(new.contacts) }
        if old?.groups != new.groups { partial["groups"] = json(new.groups) }
        if old?.windows != new.windows { partial["windows"] = json(new.windows) }
        return partial
    }

    static func json(_ value: some Encodable) -> JSONValue {
        guard let data = try? JSONEncoder().encode(value), let parsed = try? JSONValue(parsing: data) else { return .null }
        return parsed
    }
}
