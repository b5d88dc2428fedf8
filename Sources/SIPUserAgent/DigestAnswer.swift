import SIPCore

/// Answers a 401 or 407 (RFC 3261 §22.2, §22.3): picks the strongest
/// challenge we support (SHA-256 before MD5, RFC 8760) and writes
/// `Authorization` or `Proxy-Authorization` into the retried request.
enum DigestAnswer {
    static func isChallenge(_ response: SIPResponse) -> Bool {
        response.statusCode == 401 || response.statusCode == 407
    }

    /// The challenges of a 401/407, parsed; malformed ones are skipped.
    static func challenges(in response: SIPResponse) -> [DigestChallenge] {
        let header = response.statusCode == 407 ? SIPHeaderName.proxyAuthenticate : SIPHeaderName.wwwAuthenticate
        return response.headers.fields(named: header).compactMap { try? DigestChallenge(parsing: $0.value) }
    }

    /// True when the server says our credentials were right but the nonce old.
    static func isStale(_ response: SIPResponse) -> Bool {
        challenges(in: response).contains { $0.stale }
    }

    /// Adds credentials for `response`'s challenge to `request`; false when
    /// the response carries no challenge we can answer.
    static func authorize(_ request: inout SIPRequest, answering response: SIPResponse, account: SIPAccount) -> Bool {
        let offered = challenges(in: response)
        guard let challenge = offered.first(where: { $0.algorithm == .sha256 }) ?? offered.first else { return false }
        let uri = request.uri.description
        let credentials = if let secret = account.secret, secret.realm == challenge.realm {
            DigestCredentials(
                answering: challenge, method: request.method, uri: uri, username: account.username,
                ha1: secret.ha1(for: challenge.algorithm), cnonce: RandomToken.make())
        } else {
            DigestCredentials(
                answering: challenge, method: request.method, uri: uri, username: account.username,
                password: account.password, cnonce: RandomToken.make())
        }
        let header = response.statusCode == 407 ? SIPHeaderName.proxyAuthorization : SIPHeaderName.authorization
        request.headers.set(header, credentials.headerValue)
        return true
    }
}

/// Random hex for tags, Call-IDs, cnonces and SDP session ids.
enum RandomToken {
    static func make() -> String {
        String(number(), radix: 16)
    }

    static func number() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return UInt64.random(in: 1 ... UInt64(Int64.max), using: &generator)
    }
}
