/// Ids for the messages the client sends: a prefix chosen once per client
/// run, then a counter. Unique enough that a recipient can drop a message
/// it already showed (a resend after a reconnect), and predictable in tests
/// (which choose the prefix), so the state machine stays deterministic.
struct StanzaIDSequence: Sendable {
    let prefix: String
    private(set) var next: UInt64 = 1

    init(prefix: String) {
        self.prefix = prefix
    }

    /// A prefix no other client run is likely to pick: 64 random bits.
    static func randomPrefix() -> String {
        "m" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    mutating func make() -> String {
        defer { next += 1 }
        return "\(prefix)-\(next)"
    }
}
