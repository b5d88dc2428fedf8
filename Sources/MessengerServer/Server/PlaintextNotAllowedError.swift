/// `requireTLS = false` on an address other machines can reach: refused,
/// because plaintext streams are only for benchmarks on loopback.
public struct PlaintextNotAllowedError: Error, Sendable, Hashable, CustomStringConvertible {
    public let bindHost: String

    public init(bindHost: String) {
        self.bindHost = bindHost
    }

    public var description: String {
        "plaintext client connections are allowed only on a loopback address (127.0.0.0/8 or ::1), not on \(bindHost)"
    }
}

extension XMPPServer.Configuration {
    /// True for 127.0.0.0/8, ::1 and `localhost`: addresses only this machine reaches.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }
}
