/// Header names: canonical spelling, compact forms (RFC 3261 §7.3.3 and the
/// IANA registry) and which headers carry comma-separated lists.
public enum SIPHeaderName {
    public static let via = "Via"
    public static let from = "From"
    public static let to = "To"
    public static let callID = "Call-ID"
    public static let cseq = "CSeq"
    public static let contact = "Contact"
    public static let maxForwards = "Max-Forwards"
    public static let contentLength = "Content-Length"
    public static let contentType = "Content-Type"
    public static let route = "Route"
    public static let recordRoute = "Record-Route"
    public static let expires = "Expires"
    public static let wwwAuthenticate = "WWW-Authenticate"
    public static let proxyAuthenticate = "Proxy-Authenticate"
    public static let authorization = "Authorization"
    public static let proxyAuthorization = "Proxy-Authorization"

    /// compact form → full name.
    static let compactForms: [String: String] = [
        "i": "Call-ID", "m": "Contact", "e": "Content-Encoding", "l": "Content-Length",
        "c": "Content-Type", "f": "From", "s": "Subject", "k": "Supported", "t": "To",
        "v": "Via", "o": "Event", "u": "Allow-Events", "r": "Refer-To", "b": "Referred-By",
        "x": "Session-Expires", "y": "Identity", "n": "Identity-Info", "a": "Accept-Contact",
        "j": "Reject-Contact", "d": "Request-Disposition",
    ]

    /// The lowercase full name used to compare header names.
    public static func key(_ name: String) -> String {
        let lower = name.lowercased()
        return compactForms[lower]?.lowercased() ?? lower
    }

    /// Headers whose value is a comma-separated list, so several header
    /// lines and one comma-joined line mean the same (RFC 3261 §7.3.1).
    /// The authentication headers are not here: their commas separate
    /// parameters, not values.
    static let listHeaders: Set<String> = [
        "via", "contact", "route", "record-route", "accept", "accept-encoding", "accept-language",
        "allow", "supported", "require", "proxy-require", "unsupported", "in-reply-to",
        "content-encoding", "alert-info", "call-info", "error-info", "warning", "allow-events",
        "path", "service-route",
    ]

    /// Headers that may appear at most once (RFC 3261 §7.3.1, Table 2/3),
    /// in the order they are checked.
    static let singleValued: [String] = [
        "To", "From", "Call-ID", "CSeq", "Max-Forwards", "Content-Length", "Content-Type",
    ]
}
