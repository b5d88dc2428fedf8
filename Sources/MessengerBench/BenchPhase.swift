import Foundation

/// The measured parts of a run, in the order they run. Provisioning (with
/// `--register` or a roster) always comes first and is not a phase one
/// picks; `login` always runs because the others need its sessions.
public enum BenchPhase: String, Sendable, CaseIterable, Codable {
    case login
    case messaging
    case presence
    case idle

    /// Parses `login,messaging,…`; nil names the first unknown entry.
    public static func parseList(_ text: String) -> Result<Set<BenchPhase>, BenchConfigurationError> {
        var phases: Set<BenchPhase> = [.login]
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let phase = BenchPhase(rawValue: name.lowercased()) else {
                let known = allCases.map(\.rawValue).joined(separator: ",")
                return .failure(BenchConfigurationError("--phases: unknown phase \(name.debugDescription) (known: \(known))"))
            }
            phases.insert(phase)
        }
        return .success(phases)
    }
}
