/// What a roster get returned (RFC 6121 §2.2, XEP-0237 versioning).
struct RosterSnapshot: Sendable, Hashable {
    /// The whole roster; nil when the server answered "unchanged since the
    /// version you have" with an empty result.
    var entries: [RosterEntry]?
    /// The version to ask with next time, when the server versions the roster.
    var version: String?
}
