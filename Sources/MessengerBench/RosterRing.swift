/// Who is whose contact: user i and users i±1…i±K/2 (mod N), so every user
/// has K mutual contacts and the pairs are the same on every run.
public struct RosterRing: Sendable, Hashable {
    public let users: Int
    public let contactsPerUser: Int

    public init(users: Int, contactsPerUser: Int) {
        self.users = users
        self.contactsPerUser = contactsPerUser
    }

    /// User `index`'s contacts, nearest first, without repeats.
    public func contacts(of index: Int) -> [Int] {
        guard users > 1 else { return [] }
        var result: [Int] = []
        for distance in stride(from: 1, through: contactsPerUser / 2, by: 1) {
            for candidate in [(index + distance) % users, (index - distance % users + users) % users]
            where candidate != index && !result.contains(candidate) {
                result.append(candidate)
            }
        }
        return result
    }

    /// The contacts `index` asks first during provisioning (i+1…i+K/2):
    /// every pair has exactly one side that starts, so requests never cross.
    public func forwardContacts(of index: Int) -> [Int] {
        contacts(of: index).filter { isForward(from: index, to: $0) }
    }

    /// Whether `index` is the side of the pair (index, contact) that asks first.
    public func isForward(from index: Int, to contact: Int) -> Bool {
        let distance = (contact - index + users) % users
        return distance >= 1 && distance <= contactsPerUser / 2
    }

    /// Contact pairs counted from both ends (what "every user sees every
    /// contact as mutual" adds up to).
    public var directedEdges: Int {
        (0..<users).reduce(0) { $0 + contacts(of: $1).count }
    }
}
