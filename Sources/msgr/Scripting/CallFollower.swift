import ArgumentParser
import Foundation
import MessengerAutomation
import MessengerKit

struct CallFollowOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the call's states until it ends; exit 1 if it failed.")
    var follow = false
    @Option(name: .long, help: "Seconds to follow the call at most.")
    var timeout: Int = 300

    func validate() throws {
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
    }
}

/// Follows the Phone window's call through `OnPhoneCallChange`.
enum CallFollower {
    /// Subscribe before the call starts, so that no state slips past.
    static func subscribe(_ session: ScriptingSession) async throws {
        try await session.call("Events.Subscribe", ["names": ["OnPhoneCallChange"]])
    }

    /// Prints `phase: text` lines for `window` until its call ends; a failed
    /// call throws its code.
    static func follow(_ session: ScriptingSession, window: String, within seconds: Int) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await notification in session.client.notifications where notification.method == "Event.OnPhoneCallChange" {
                    let params = notification.params
                    guard params["window"]?.stringValue == window, let phase = params["phase"]?.stringValue else { continue }
                    let text = params["state"]?.stringValue ?? ""
                    if !session.json { FileHandle.standardOutput.write(Data("\(phase): \(text)\n".utf8)) }
                    guard phase == "ended" else { continue }
                    let hr = HRESULT(signedValue: Int32(truncatingIfNeeded: params["hr"]?.integerValue ?? 0))
                    if hr.isFailure { throw ScriptingFailure(MessengerError(hr, text).description) }
                    return true
                }
                throw ScriptingFailure("the Communicator went away during the call")
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return false
            }
            defer { group.cancelAll() }
            guard try await group.next() == true else {
                throw ScriptingFailure("the call did not end within \(seconds) s")
            }
        }
    }

    /// One of the Phone window's buttons, then optionally `follow`.
    static func press(_ method: String, _ session: ScriptingSession, follow: CallFollowOptions?) async throws {
        let window = try await phoneWindow(session)
        if follow?.follow == true { try await subscribe(session) }
        session.emit(try await session.call(method, ["handle": .string(window)]), text: [])
        if let follow, follow.follow { try await self.follow(session, window: window, within: follow.timeout) }
    }

    /// The open Phone window's handle.
    static func phoneWindow(_ session: ScriptingSession) async throws -> String {
        let windows = try await session.call("Communicator.ListWindows")
        for item in windows?["items"]?.arrayValue ?? [] {
            guard let handle = item.stringValue else { continue }
            if try await session.string("Window.get_Kind", ["handle": .string(handle)]) == "phone" { return handle }
        }
        throw ScriptingFailure("no Phone window is open")
    }
}
