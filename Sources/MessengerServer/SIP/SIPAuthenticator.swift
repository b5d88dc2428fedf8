import Crypto
import SIPCore
import XMPPCore

/// Checks digest credentials (RFC 3261 §22, RFC 8760) against the stored
/// HA1 values and builds challenges: `WWW-Authenticate` for the registrar
/// (401), `Proxy-Authenticate` for the proxy (407), one per configured
/// algorithm in order of preference (SHA-256 first by default).
struct SIPAuthenticator: Sendable {
    enum Outcome: Equatable {
        case authenticated(username: String)
        /// No usable credentials for our realm, or an unknown nonce: challenge.
        case challenge(stale: Bool)
        /// Credentials present but wrong, or the account cannot use SIP.
        case forbidden(reason: String)
    }

    enum Role {
        case registrar, proxy

        var credentialsHeader: String { self == .registrar ? "Authorization" : "Proxy-Authorization" }
        var challengeHeader: String { self == .registrar ? "WWW-Authenticate" : "Proxy-Authenticate" }
        var challengeStatus: (Int, String) {
            self == .registrar ? (401, "Unauthorized") : (407, "Proxy Authentication Required")
        }
    }

    let realm: String
    let nonces: SIPNonceSigner
    let storage: any SIPCredentialStore
    /// What we challenge with and accept, most preferred first (RFC 8760 §2.3).
    var algorithms: [DigestAlgorithm] = [.sha256, .md5]

    func check(_ request: SIPRequest, role: Role) async -> Outcome {
        let offered = ((try? request.headers.values(named: role.credentialsHeader)) ?? request.headers.fields(named: role.credentialsHeader).map(\.value))
            .compactMap { try? DigestCredentials(parsing: $0) }
        guard let credentials = offered.first(where: { $0.realm == realm && algorithms.contains($0.algorithm) }) else {
            return .challenge(stale: false)
        }
        let nonceState = nonces.check(credentials.nonce)
        guard nonceState != .invalid else { return .challenge(stale: false) }
        guard let username = accountName(credentials.username) else { return .forbidden(reason: "Bad credentials") }
        let stored: SIPDigestCredential?
        do {
            stored = try await storage.sipDigest(for: username)
        } catch {
            return .forbidden(reason: "Credentials unavailable")
        }
        guard let stored, stored.realm == realm else {
            return .forbidden(reason: "No SIP credentials: set the password again")
        }
        let ha1 = credentials.algorithm == .sha256 ? stored.sha256 : stored.md5
        let expected = Self.response(credentials, method: request.method, ha1: ha1)
        guard constantTimeEqual(expected, credentials.response.lowercased()) else {
            return .forbidden(reason: "Bad credentials")
        }
        return nonceState == .stale ? .challenge(stale: true) : .authenticated(username: username)
    }

    /// The 401/407 answer to `request`, carrying one challenge per algorithm.
    func challenge(_ request: SIPRequest, role: Role, stale: Bool, toTag: String?) -> SIPResponse {
        let (status, reason) = role.challengeStatus
        var response = request.makeResponse(statusCode: status, reasonPhrase: reason, toTag: toTag)
        let nonce = nonces.make()
        for algorithm in algorithms {
            let challenge = DigestChallenge(realm: realm, nonce: nonce, algorithm: algorithm, qopAuth: true, stale: stale)
            response.headers.append(role.challengeHeader, challenge.headerValue)
        }
        return response
    }

    /// `alice` or `alice@realm` → the account's normalized localpart.
    private func accountName(_ given: String) -> String? {
        var name = Substring(given)
        if let at = name.lastIndex(of: "@") {
            guard name[name.index(after: at)...].lowercased() == realm.lowercased() else { return nil }
            name = name[..<at]
        }
        return (try? JID(localpart: String(name), domainpart: realm))?.localpart
    }

    /// response = H(HA1:nonce[:nc:cnonce:auth]:H(method:uri)).
    static func response(_ credentials: DigestCredentials, method: String, ha1: String) -> String {
        credentials.expectedResponse(method: method, ha1: ha1)
    }
}
