/// How much one account may keep in XEP-0049 private XML storage. Both
/// storage implementations enforce it, so no client can grow the database
/// without bound.
public enum PrivateStoreQuota {
    /// The largest stored element, serialized, in UTF-8 bytes.
    public static let maxElementBytes = 64 * 1024
    /// Distinct (name, namespace) elements per account.
    public static let maxElementsPerAccount = 64

    /// Throws when storing `xml` as a new (`isNew`) element next to `storedCount` others breaks the quota.
    static func check(_ xml: String, isNew: Bool, storedCount: Int) throws {
        guard xml.utf8.count <= maxElementBytes else { throw PrivateStoreQuotaError(.elementTooLarge) }
        guard !isNew || storedCount < maxElementsPerAccount else { throw PrivateStoreQuotaError(.tooManyElements) }
    }
}

/// A `PrivateStore.setPrivateData` refused because it would break `PrivateStoreQuota`.
public struct PrivateStoreQuotaError: Error, Sendable, Hashable {
    public enum Code: Sendable, Hashable {
        case elementTooLarge
        case tooManyElements
    }

    public let code: Code

    public init(_ code: Code) { self.code = code }
}
