import Foundation
@testable import MessengerKit
import XMPPCore

/// A client state for alice@example.test, signed in, with a few contacts —
/// enough to run every validation rule without a network.
enum ClientStateFixture {
    static let alice = "alice@example.test"
    static let bob = "bob@example.test"
    /// Has home and pager numbers, no work number.
    static let carol = "carol@example.test"

    static func signedIn(policy: ClientPolicy = ClientPolicy()) throws -> ClientState {
        var state = ClientState(account: try JID(alice), hasStoredCredentials: true, policy: policy)
        state.setPhase(.online)
        for name in [bob, carol] {
            let jid = try JID(name)
            var record = ContactRecord(key: ContactKey(jid: jid), jid: jid)
            record.rosterEntry = RosterEntry(jid: jid, subscription: .both)
            state.contacts[record.key] = record
        }
        let carolKey = ContactKey(jid: try JID(carol))
        state.contacts[carolKey]?.profile.phoneNumbers = [.home: "+1 555 0100"]
        state.contacts[carolKey]?.profile.pagerNumber = "+1 555 0199"
        state.contacts[ContactKey(jid: try JID(bob))]?.profile.phoneNumbers = [.work: "+1 555 0200"]
        _ = state.takeEffects()
        return state
    }

    static func signedOut() throws -> ClientState {
        ClientState(account: try JID(alice), hasStoredCredentials: true)
    }

    /// A string of `count` UTF-16 units that is otherwise a valid name.
    static func name(length count: Int) -> String {
        let domain = "@example.test"
        return String(repeating: "a", count: count - domain.count) + domain
    }
}

/// The HRESULT a throwing call failed with, or nil when it succeeded.
func failure<T>(_ body: () throws -> T) -> HRESULT? {
    do {
        _ = try body()
        return nil
    } catch let error as MessengerError {
        return error.hresult
    } catch {
        return HRESULT.E_UNEXPECTED
    }
}

/// The HRESULT an async call failed with, or nil when it succeeded.
func failure<T>(_ body: () async throws -> T) async -> HRESULT? {
    do {
        _ = try await body()
        return nil
    } catch let error as MessengerError {
        return error.hresult
    } catch {
        return HRESULT.E_UNEXPECTED
    }
}
