import MessengerKit
import NIOConcurrencyHelpers

/// Follows the measured client's events: when `OnSignin` and `OnSignout`
/// arrived (stamped on arrival, so polling does not blur them) and which
/// contacts are currently seen online.
final class SigninWatch: Sendable {
    struct State {
        var signin: (hr: HRESULT, at: ContinuousClock.Instant)?
        var signedOut = false
        var online: Set<String> = []
        var lastOnlineAt: ContinuousClock.Instant?
    }

    private let state = NIOLockedValueBox(State())
    private let reader: NIOLockedValueBox<Task<Void, Never>?> = NIOLockedValueBox(nil)

    init(events: AsyncStream<MessengerEvent>) {
        let task = Task { [state] in
            for await event in events {
                let now = ContinuousClock.now
                state.withLockedValue { state in
                    switch event {
                    case .signin(let hr):
                        state.signin = (hr, now)
                    case .signout:
                        state.signedOut = true
                        state.online = []
                    case .contactStatusChange(let contact, let status):
                        if status == .offline || status == .unknown {
                            state.online.remove(contact.signinName)
                        } else if state.online.insert(contact.signinName).inserted {
                            state.lastOnlineAt = now
                        }
                    default:
                        break
                    }
                }
            }
        }
        reader.withLockedValue { $0 = task }
    }

    /// Forgets the previous sign-in (call before the next `Signin`).
    func reset() {
        state.withLockedValue { $0 = State() }
    }

    var current: State { state.withLockedValue { $0 } }

    func stop() {
        reader.withLockedValue { $0?.cancel() }
    }
}
