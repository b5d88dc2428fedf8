import Foundation

/// An XMPP address, RFC 7622: `[localpart@]domainpart[/resourcepart]`.
///
/// Parsing validates and normalizes: the localpart and domainpart are
/// case-folded (lowercased) and NFC-normalized, the resourcepart is kept as
/// written (NFC). Each part is 1...1023 UTF-8 bytes. The localpart may not
/// contain `" & ' / : < > @`, spaces or controls; no part may contain
/// controls. This is a pragmatic subset of PRECIS: characters PRECIS would
/// disallow outside these classes are accepted as they are.
public struct JID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let localpart: String?
    public let domainpart: String
    public let resourcepart: String?

    public static let maxPartBytes = 1023

    public init(_ string: String) throws(JIDError) {
        // Split per RFC 7622 §3.1: resource starts at the first '/', local ends at the first '@' before it.
        // Searched as bytes: both are ASCII, and UTF-8 never hides one inside another character.
        var rest = Substring(string)
        var resource: Substring? = nil
        if let slash = rest.utf8.firstIndex(of: UInt8(ascii: "/")) {
            resource = rest[rest.utf8.index(after: slash)...]
            rest = rest[..<slash]
        }
        var local: Substring? = nil
        if let at = rest.utf8.firstIndex(of: UInt8(ascii: "@")) {
            local = rest[..<at]
            rest = rest[rest.utf8.index(after: at)...]
        }
        try self.init(
            localpart: local.map(String.init),
            domainpart: String(rest),
            resourcepart: resource.map(String.init)
        )
    }

    public init(localpart: String?, domainpart: String, resourcepart: String? = nil) throws(JIDError) {
        self.localpart = try localpart.map(JID.normalizeLocalpart)
        self.domainpart = try JID.normalizeDomainpart(domainpart)
        self.resourcepart = try resourcepart.map(JID.normalizeResourcepart)
    }

    /// Builds a JID from parts that are already normalized (e.g. read back from our own storage).
    init(unchecked localpart: String?, domainpart: String, resourcepart: String?) {
        self.localpart = localpart
        self.domainpart = domainpart
        self.resourcepart = resourcepart
    }

    public var bare: JID { JID(unchecked: localpart, domainpart: domainpart, resourcepart: nil) }
    public var isBare: Bool { resourcepart == nil }
    public var isFull: Bool { resourcepart != nil }
    /// True for a domain-only address such as `example.test`.
    public var isDomain: Bool { localpart == nil && resourcepart == nil }

    public func with(resource: String?) throws(JIDError) -> JID {
        JID(unchecked: localpart, domainpart: domainpart, resourcepart: try resource.map(JID.normalizeResourcepart))
    }

    public var description: String {
        var s = ""
        if let localpart { s += localpart + "@" }
        s += domainpart
        if let resourcepart { s += "/" + resourcepart }
        return s
    }

    public static func < (lhs: JID, rhs: JID) -> Bool { lhs.description < rhs.description }

    // MARK: Normalization

    private static let localpartForbidden: Set<Character> = ["\"", "&", "'", "/", ":", "<", ">", "@"]

    static func normalizeLocalpart(_ raw: String) throws(JIDError) -> String {
        if let plain = plainASCIILocalpart(raw) { return plain }
        return try fullyNormalizedLocalpart(raw)
    }

    static func fullyNormalizedLocalpart(_ raw: String) throws(JIDError) -> String {
        let folded = raw.precomposedLowercase
        try checkLength(folded, part: .localpart)
        for scalar in folded.unicodeScalars {
            if isWhitespace(scalar) || isControl(scalar) {
                throw JIDError.forbiddenCharacter(part: .localpart, character: String(scalar))
            }
        }
        for character in folded where localpartForbidden.contains(character) {
            throw JIDError.forbiddenCharacter(part: .localpart, character: String(character))
        }
        return folded
    }

    static func normalizeDomainpart(_ raw: String) throws(JIDError) -> String {
        var domain = raw
        // A trailing dot (fully qualified form) is stripped, RFC 7622 §3.2.
        if domain.hasSuffix(".") { domain.removeLast() }
        if domain.hasPrefix("[") {  // IPv6 literal
            guard domain.hasSuffix("]"), domain.count > 2,
                domain.dropFirst().dropLast().allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })
            else { throw JIDError.invalidDomain(raw) }
            return domain.lowercased()
        }
        if let plain = plainASCIIDomainpart(domain) { return plain }
        return try fullyNormalizedDomainpart(domain, raw: raw)
    }

    /// `domain` is `raw` without its trailing dot.
    static func fullyNormalizedDomainpart(_ domain: String, raw: String) throws(JIDError) -> String {
        let domain = domain.precomposedLowercase
        try checkLength(domain, part: .domainpart)
        for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.utf8.count <= 63 else { throw JIDError.invalidDomain(raw) }
            for scalar in label.unicodeScalars {
                let ok = scalar.value > 0x7F
                    ? !(isWhitespace(scalar) || isControl(scalar))
                    : (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                        || scalar == "-" || scalar == "_")
                if !ok { throw JIDError.invalidDomain(raw) }
            }
        }
        return domain
    }

    static func normalizeResourcepart(_ raw: String) throws(JIDError) -> String {
        if isPlainASCIIResourcepart(raw) { return raw }
        return try fullyNormalizedResourcepart(raw)
    }

    static func fullyNormalizedResourcepart(_ raw: String) throws(JIDError) -> String {
        let normalized = raw.precomposed
        try checkLength(normalized, part: .resourcepart)
        for scalar in normalized.unicodeScalars where isControl(scalar) {
            throw JIDError.forbiddenCharacter(part: .resourcepart, character: String(scalar))
        }
        return normalized
    }

    private static func checkLength(_ s: String, part: JIDError.Part) throws(JIDError) {
        if s.isEmpty { throw JIDError.emptyPart(part) }
        if s.utf8.count > maxPartBytes { throw JIDError.partTooLong(part) }
    }

    // ASCII answers without Unicode property lookups: every stanza's
    // addresses pass through here, and almost all of them are ASCII.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value < 0x20 || scalar.value == 0x7F }
        return scalar.value <= 0x9F || scalar.properties.generalCategory == .control
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (0x09...0x0D).contains(scalar.value) || scalar.value == 0x20 }
        return scalar.properties.isWhitespace
    }
}

public enum JIDError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Part: String, Sendable { case localpart, domainpart, resourcepart }
    case emptyPart(Part)
    case partTooLong(Part)
    case forbiddenCharacter(part: Part, character: String)
    case invalidDomain(String)

    public var description: String {
        switch self {
        case .emptyPart(let part): "the \(part.rawValue) is empty"
        case .partTooLong(let part): "the \(part.rawValue) is longer than \(JID.maxPartBytes) bytes"
        case .forbiddenCharacter(let part, let c): "the \(part.rawValue) contains the forbidden character \(c.debugDescription)"
        case .invalidDomain(let d): "\(d.debugDescription) is not a valid domain"
        }
    }
}

extension String {
    /// Canonical composition (NFC), so stored keys are byte-identical.
    /// ASCII is its own NFC: no trip through Foundation for it.
    var precomposed: String { isASCII ? self : precomposedStringWithCanonicalMapping }
    var precomposedLowercase: String { isASCII ? lowercased() : lowercased().precomposedStringWithCanonicalMapping }

    private var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
