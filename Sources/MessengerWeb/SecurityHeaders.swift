import HTTPTypes

/// Headers on every response of the web UI: nothing cached, no referrer
/// (the address holds the token), no sniffing, no framing, and a content
/// security policy that allows only this origin's own files.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"

    static let fields: HTTPFields = {
        var fields = HTTPFields()
        let pairs = [
            ("Cache-Control", "no-store"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Content-Security-Policy", contentSecurityPolicy),
        ]
        for (name, value) in pairs {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return fields
    }()

    /// `headers` with the security headers added.
    static func adding(to headers: HTTPFields) -> HTTPFields {
        var headers = headers
        for field in fields { headers[field.name] = field.value }
        return headers
    }
}
