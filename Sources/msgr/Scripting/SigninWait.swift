import Foundation
import MessengerAutomation
import MessengerKit

/// How a sign-in or sign-out started over the socket ended, read from the
/// events: `AutoSignin` only starts the attempt; the spec's readiness signal
/// is `OnMyStatusChange(MISTATUS_ONLINE)`, and failures arrive as `OnSignin(hr)`.
enum SessionOutcome {
    /// The names to subscribe to before starting the operation, so that no
    /// event can slip past between the call and the subscription.
    static let eventNames: JSONValue = ["OnSignin", "OnMyStatusChange"]

    /// Waits until the client is signed in (any status that is not offline
    /// or a local transition) and returns that status; throws the `OnSignin`
    /// failure, a failed status change, or a timeout.
    static func signedIn(_ session: ScriptingSession, within seconds: Int) async throws -> MISTATUS {
        try await waitFor(session, within: seconds, doing: "sign-in") { method, params in
            let hr = HRESULT(signedValue: Int32(truncatingIfNeeded: params["hr"]?.integerValue ?? 0))
            switch method {
            case "Event.OnSignin" where hr.isFailure:
                throw ScriptingFailure(MessengerError(hr, "the sign-in failed").description)
            case "Event.OnMyStatusChange":
                let status = MISTATUS(rawValue: Int32(truncatingIfNeeded: params["status"]?.integerValue ?? 0)) ?? .unknown
                if hr.isFailure { throw ScriptingFailure(MessengerError(hr, "the sign-in failed").description) }
                return status != .offline && !status.isLocalTransition ? status : nil
            default:
                return nil
            }
        }
    }

    /// Waits for `OnMyStatusChange(MISTATUS_OFFLINE)`.
    static func signedOut(_ session: ScriptingSession, within seconds: Int) async throws {
        _ = try await waitFor(session, within: seconds, doing: "sign-out") { method, params in
            guard method == "Event.OnMyStatusChange",
                params["status"]?.integerValue == Int64(MISTATUS.offline.rawValue)
            else { return nil }
            return MISTATUS.offline
        }
    }

    private static func waitFor(
        _ session: ScriptingSession, within seconds: Int, doing what: String,
        _ judge: @escaping @Sendable (String, [String: JSONValue]) throws -> MISTATUS?
    ) async throws -> MISTATUS {
        try await withThrowingTaskGroup(of: MISTATUS?.self) { group in
            group.addTask {
                for await notification in session.client.notifications {
                    if let status = try judge(notification.method, notification.params) { return status }
                }
                throw ScriptingFailure("the Communicator went away during the \(what)")
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let status = first else {
                throw ScriptingFailure("the \(what) did not finish within \(seconds) s")
            }
            return status
        }
    }
}
