import Foundation

/// The local IPv4 addresses connections are spread over, so that tens of
/// thousands of connections to one server port do not run out of ephemeral
/// ports (each source address has its own ~28,000).
public enum SourceAddresses {
    /// Parses `--source-ips`: a count (`20` = 127.0.0.1…127.0.0.20), a range
    /// (`127.0.0.1-127.0.0.20`, last octet only varies) or a comma list.
    public static func parse(_ text: String) -> Result<[String], BenchConfigurationError> {
        let spec = text.trimmingCharacters(in: .whitespaces)
        if let count = Int(spec) {
            guard (1...254).contains(count) else {
                return .failure(BenchConfigurationError("--source-ips: a count must be 1…254, not \(count)"))
            }
            return .success((1...count).map { "127.0.0.\($0)" })
        }
        if spec.contains("-") {
            let ends = spec.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard ends.count == 2, let first = octets(ends[0]), let last = octets(ends[1]),
                first[0..<3] == last[0..<3], first[3] <= last[3]
            else {
                return .failure(BenchConfigurationError(
                    "--source-ips: a range is A.B.C.X-A.B.C.Y with X ≤ Y (only the last number varies), not \(spec.debugDescription)"))
            }
            let prefix = first[0..<3].map(String.init).joined(separator: ".")
            return .success((first[3]...last[3]).map { "\(prefix).\($0)" })
        }
        var addresses: [String] = []
        for entry in spec.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard octets(entry) != nil else {
                return .failure(BenchConfigurationError("--source-ips: \(entry.debugDescription) is not an IPv4 address"))
            }
            addresses.append(entry)
        }
        guard !addresses.isEmpty else { return .failure(BenchConfigurationError("--source-ips is empty")) }
        return .success(addresses)
    }

    private static func octets(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let values = parts.compactMap { UInt8($0) }
        return values.count == 4 ? values : nil
    }
}
