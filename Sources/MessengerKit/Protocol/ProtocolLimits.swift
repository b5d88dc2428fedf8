/// How much of what the network sends we are willing to keep. Stanzas are
/// already bounded by the stream parser; these bound the pieces the object
/// model holds on to for the whole session.
enum ProtocolLimits {
    /// A vCard text field (FN, NICKNAME, USERID, NUMBER), in UTF-16 units.
    static let maxFieldLength = 1024
    /// A roster item name or a group name, in UTF-16 units (a JID part's limit).
    static let maxNameLength = 1023
    /// Groups kept per roster item.
    static let maxGroupsPerItem = 64
    /// Names kept from the stored group list.
    static let maxStoredGroups = 1000

    /// `text` when it is non-empty and at most `limit` UTF-16 units, else nil.
    static func bounded(_ text: String?, limit: Int) -> String? {
        guard let text, !text.isEmpty, text.utf16.count <= limit else { return nil }
        return text
    }

    /// Non-empty names in first-seen order, without repeats, at most `limit` of them.
    static func uniqueNames(_ names: some Sequence<String>, limit: Int) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for name in names {
            guard result.count < limit else { break }
            guard let kept = bounded(name, limit: maxNameLength), seen.insert(kept).inserted else { continue }
            result.append(kept)
        }
        return result
    }
}
