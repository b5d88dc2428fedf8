import NIOConcurrencyHelpers
import SIPCore
import XMPPCore

/// Which user a dialled number reaches: every vCard TEL NUMBER, normalized
/// with `TelURI.normalize` (leading `+` kept, non-digits dropped), mapped to
/// its owner. Built from storage when SIP starts and updated by the vCard
/// module on every vCard change, so a call needs no storage scan. When two
/// users list the same number, the alphabetically first one gets the call.
final class PhoneNumberIndex: Sendable {
    /// TELs read per vCard: a bound on what one user can add to the index.
    static let maxNumbersPerUser = 16

    private struct State {
        var owners: [String: Set<String>] = [:]
        var numbersOf: [String: Set<String>] = [:]
    }

    private let state = NIOLockedValueBox(State())

    /// The user whose vCard holds `number` (any written form).
    func user(for number: String) -> String? {
        let key = TelURI.normalize(number)
        return state.withLockedValue { $0.owners[key]?.min() }
    }

    /// Replaces what `username`'s vCard contributes (nil: no vCard).
    func update(_ username: String, vCard: XMLElement?) {
        let numbers = vCard.map(Self.numbers(in:)) ?? []
        state.withLockedValue { state in
            for old in state.numbersOf[username] ?? [] {
                state.owners[old]?.remove(username)
                if state.owners[old]?.isEmpty == true { state.owners[old] = nil }
            }
            state.numbersOf[username] = numbers.isEmpty ? nil : numbers
            for number in numbers { state.owners[number, default: []].insert(username) }
        }
    }

    func remove(_ username: String) { update(username, vCard: nil) }

    /// Reads every account's vCard once.
    func rebuild(from storage: any ServerStorage) async throws {
        for username in try await storage.listAccounts() {
            let vCard = try await storage.vCard(of: username).flatMap { XMLElement(storedStanza: $0) }
            update(username, vCard: vCard)
        }
    }

    static func numbers(in vCard: XMLElement) -> Set<String> {
        let tels = vCard.children("TEL", namespace: XMLNamespace.vcard).prefix(maxNumbersPerUser)
        let normalized = tels.compactMap { $0.child("NUMBER", namespace: XMLNamespace.vcard)?.text }.map(TelURI.normalize)
        return Set(normalized.filter { $0.contains(where: \.isNumber) })
    }

    /// A SIP user part that is a dialled number: optional leading `+`, then
    /// digits and the visual separators `-.() ` with at least one digit.
    static func isPhoneNumber(_ user: String) -> Bool {
        let body = user.hasPrefix("+") ? user.dropFirst() : Substring(user)
        let separators: Set<Character> = ["-", ".", "(", ")", " "]
        return body.contains(where: \.isASCII) && body.contains { $0.isASCII && $0.isNumber }
            && body.allSatisfy { ($0.isASCII && $0.isNumber) || separators.contains($0) }
    }
}
