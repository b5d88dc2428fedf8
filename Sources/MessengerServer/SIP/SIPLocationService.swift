import Foundation
import SIPCore
import SIPTransport

/// One registered contact of an address-of-record (RFC 3261 §10.3).
struct SIPBinding: Sendable, Equatable {
    var contact: SIPURI
    var callID: String
    var sequence: UInt32
    var expiresAt: Date
    /// Where the REGISTER came from: used when the contact host is not an IP address.
    var source: SIPTransportAddress

    func secondsLeft(now: Date) -> Int { max(0, Int(expiresAt.timeIntervalSince(now).rounded(.up))) }
}

/// The registrar's bindings, keyed by username (AOR `sip:user@domain`).
/// Memory only: they die with the process, as UAs re-register anyway.
/// Expired bindings are dropped whenever their AOR is read or written.
actor SIPLocationService {
    /// One requested change from a REGISTER: bind `contact` for `expires`
    /// seconds (0 removes it).
    struct Change: Sendable {
        var contact: SIPURI
        var expires: Int
    }

    enum Failure: Error, Equatable {
        /// §10.3 step 7: same Call-ID, CSeq not higher than the binding's.
        case outOfOrder
        /// More than `maxBindingsPerAOR` contacts.
        case tooManyBindings
    }

    let maxBindingsPerAOR: Int
    private var bindings: [String: [SIPBinding]] = [:]

    init(maxBindingsPerAOR: Int = 10) {
        self.maxBindingsPerAOR = maxBindingsPerAOR
    }

    func bindings(of username: String, now: Date = Date()) -> [SIPBinding] {
        purge(username, now: now)
        return bindings[username] ?? []
    }

    /// Applies every change or none (§10.3 steps 7 and 8); `removeAll` is `Contact: *`.
    func apply(
        _ changes: [Change], removeAll: Bool = false, for username: String, callID: String, sequence: UInt32,
        source: SIPTransportAddress, now: Date = Date()
    ) throws(Failure) -> [SIPBinding] {
        purge(username, now: now)
        var current = bindings[username] ?? []
        func mayChange(_ binding: SIPBinding) -> Bool { binding.callID != callID || sequence > binding.sequence }
        if removeAll {
            guard current.allSatisfy(mayChange) else { throw .outOfOrder }
            current.removeAll()
        }
        for change in changes {
            let existing = current.firstIndex { $0.contact.isEquivalent(to: change.contact) }
            if let existing {
                guard mayChange(current[existing]) else { throw .outOfOrder }
                current.remove(at: existing)
            }
            guard change.expires > 0 else { continue }
            current.append(
                SIPBinding(
                    contact: change.contact, callID: callID, sequence: sequence,
                    expiresAt: now.addingTimeInterval(TimeInterval(change.expires)), source: source))
        }
        guard current.count <= maxBindingsPerAOR else { throw .tooManyBindings }
        bindings[username] = current.isEmpty ? nil : current
        return current
    }

    private func purge(_ username: String, now: Date) {
        guard let list = bindings[username] else { return }
        let live = list.filter { $0.expiresAt > now }
        bindings[username] = live.isEmpty ? nil : live
    }
}
