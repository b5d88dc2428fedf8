/// The (sender, id, body) of the last messages shown, so that the same
/// message arriving twice — resent after a reconnect, or from offline storage
/// after a live copy — shows once. The body takes part because some clients
/// restart their id counter each session (m1, m2, …): the same id with another
/// text is a new message. Bounded: the oldest entry is forgotten when a new
/// one comes in at capacity, and only a hash of the body is kept.
struct RecentMessageIDs: Sendable {
    struct Key: Sendable, Hashable {
        var sender: ContactKey
        var id: String
        /// A hash of the body (process-local; nothing is persisted).
        var bodyHash: Int
    }

    /// Ids longer than this are not remembered (they are identifiers, and memory is bounded per entry).
    static let maxIDLength = 256

    let capacity: Int
    private var members: Set<Key> = []
    /// Insertion order, used as a ring once full; `oldest` is the next to go.
    private var order: [Key] = []
    private var oldest = 0

    init(capacity: Int = 5000) {
        self.capacity = max(capacity, 1)
    }

    var count: Int { members.count }

    /// Remembers the message; false when it was already there (a duplicate).
    mutating func insert(sender: ContactKey, id: String, body: String) -> Bool {
        guard id.utf8.count <= Self.maxIDLength else { return true }
        let key = Key(sender: sender, id: id, bodyHash: body.hashValue)
        guard members.insert(key).inserted else { return false }
        if order.count < capacity {
            order.append(key)
        } else {
            members.remove(order[oldest])
            order[oldest] = key
            oldest = (oldest + 1) % capacity
        }
        return true
    }
}
