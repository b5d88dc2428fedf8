import Crypto

/// HTTP Digest as SIP uses it (RFC 3261 §22.4, RFC 2617, RFC 7616, and
/// RFC 8760 for SHA-256 in SIP): challenges, credentials, response
/// computation and constant-time verification. Only `qop=auth` or no qop;
/// `auth-int` and the `-sess` algorithms are refused.
public enum DigestAlgorithm: String, Hashable, Sendable {
    case md5 = "MD5"
    case sha256 = "SHA-256"

    init?(token: String?) {
        switch token?.uppercased() {
        case nil, "MD5": self = .md5
        case "SHA-256": self = .sha256
        default: return nil
        }
    }

    func hex(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let digest: [UInt8] = switch self {
        case .md5: Array(Insecure.MD5.hash(data: bytes))
        case .sha256: Array(SHA256.hash(data: bytes))
        }
        return digest.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

/// `WWW-Authenticate` / `Proxy-Authenticate: Digest …`.
public struct DigestChallenge: Hashable, Sendable {
    public var realm: String
    public var nonce: String
    public var algorithm: DigestAlgorithm
    /// Whether the server offered `qop="auth"`.
    public var qopAuth: Bool
    public var opaque: String?
    public var stale: Bool

    public init(realm: String, nonce: String, algorithm: DigestAlgorithm = .md5, qopAuth: Bool = true, opaque: String? = nil, stale: Bool = false) {
        self.realm = realm
        self.nonce = nonce
        self.algorithm = algorithm
        self.qopAuth = qopAuth
        self.opaque = opaque
        self.stale = stale
    }

    public init(parsing value: String) throws(SIPParseError) {
        let params = try DigestParameters.parse(value)
        guard let realm = params["realm"], let nonce = params["nonce"] else {
            throw SIPParseError(.invalidAuthHeader, "challenge without realm or nonce")
        }
        guard let algorithm = DigestAlgorithm(token: params["algorithm"]) else {
            throw SIPParseError(.invalidAuthHeader, "unsupported algorithm \(params["algorithm"] ?? "")")
        }
        let qops = params["qop"].map { $0.split(separator: ",").map { $0.sipTrimmed.lowercased() } } ?? []
        self.init(realm: realm, nonce: nonce, algorithm: algorithm, qopAuth: qops.contains("auth"),
                  opaque: params["opaque"], stale: params["stale"]?.lowercased() == "true")
    }

    public var headerValue: String {
        var out = "Digest realm=\(SIPFieldScanner.quote(realm)), nonce=\(SIPFieldScanner.quote(nonce)), algorithm=\(algorithm.rawValue)"
        if qopAuth { out += ", qop=\"auth\"" }
        if let opaque { out += ", opaque=\(SIPFieldScanner.quote(opaque))" }
        if stale { out += ", stale=TRUE" }
        return out
    }
}

/// `Authorization` / `Proxy-Authorization: Digest …`.
public struct DigestCredentials: Hashable, Sendable {
    public var username: String
    public var realm: String
    public var nonce: String
    public var uri: String
    public var response: String
    public var algorithm: DigestAlgorithm
    /// Present with qop=auth: cnonce and the 8-hex-digit nonce count.
    public var cnonce: String?
    public var nonceCount: String?
    public var opaque: String?

    /// Answers a challenge for `method` on `uri`. Pass a cnonce when the
    /// challenge offers qop=auth.
    public init(answering challenge: DigestChallenge, method: String, uri: String, username: String,
                password: String, cnonce: String? = nil, nonceCount: UInt32 = 1) {
        let ha1 = challenge.algorithm.hex("\(username):\(challenge.realm):\(password)")
        self.init(answering: challenge, method: method, uri: uri, username: username, ha1: ha1, cnonce: cnonce, nonceCount: nonceCount)
    }

    /// Answers with a stored HA1 (`DigestSecret`) instead of the password.
    public init(answering challenge: DigestChallenge, method: String, uri: String, username: String,
                ha1: String, cnonce: String? = nil, nonceCount: UInt32 = 1) {
        self.username = username
        self.realm = challenge.realm
        self.nonce = challenge.nonce
        self.uri = uri
        self.algorithm = challenge.algorithm
        self.opaque = challenge.opaque
        let useQop = challenge.qopAuth && cnonce != nil
        self.cnonce = useQop ? cnonce : nil
        self.nonceCount = useQop ? String(nonceCount, radix: 16).leftPadded(to: 8) : nil
        self.response = ""
        self.response = expectedResponse(method: method, ha1: ha1)
    }

    public init(parsing value: String) throws(SIPParseError) {
        let params = try DigestParameters.parse(value)
        guard let username = params["username"], let realm = params["realm"], let nonce = params["nonce"],
              let uri = params["uri"], let response = params["response"] else {
            throw SIPParseError(.invalidAuthHeader, "credentials miss username, realm, nonce, uri or response")
        }
        guard let algorithm = DigestAlgorithm(token: params["algorithm"]) else {
            throw SIPParseError(.invalidAuthHeader, "unsupported algorithm \(params["algorithm"] ?? "")")
        }
        if let qop = params["qop"] {
            guard qop.lowercased() == "auth", params["cnonce"] != nil, params["nc"] != nil else {
                throw SIPParseError(.invalidAuthHeader, "qop \(qop) without cnonce and nc, or not auth")
            }
        }
        self.username = username
        self.realm = realm
        self.nonce = nonce
        self.uri = uri
        self.response = response
        self.algorithm = algorithm
        self.cnonce = params["qop"] == nil ? nil : params["cnonce"]
        self.nonceCount = params["qop"] == nil ? nil : params["nc"]
        self.opaque = params["opaque"]
    }

    /// HA1 = H(username:realm:password), HA2 = H(method:uri),
    /// response = H(HA1:nonce[:nc:cnonce:qop]:HA2).
    public func expectedResponse(method: String, password: String) -> String {
        expectedResponse(method: method, ha1: algorithm.hex("\(username):\(realm):\(password)"))
    }

    /// The response for a known HA1 (a registrar's stored `DigestSecret`).
    public func expectedResponse(method: String, ha1: String) -> String {
        let ha2 = algorithm.hex("\(method):\(uri)")
        if let cnonce, let nonceCount {
            return algorithm.hex("\(ha1):\(nonce):\(nonceCount):\(cnonce):auth:\(ha2)")
        }
        return algorithm.hex("\(ha1):\(nonce):\(ha2)")
    }

    /// Server side: true when the response matches the password. The
    /// comparison takes the same time wherever the strings differ.
    public func verify(method: String, password: String) -> Bool {
        let expected = Array(expectedResponse(method: method, password: password).utf8)
        let given = Array(response.lowercased().utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }

    public var headerValue: String {
        var out = "Digest username=\(SIPFieldScanner.quote(username)), realm=\(SIPFieldScanner.quote(realm)), "
            + "nonce=\(SIPFieldScanner.quote(nonce)), uri=\(SIPFieldScanner.quote(uri)), "
            + "response=\(SIPFieldScanner.quote(response)), algorithm=\(algorithm.rawValue)"
        if let cnonce, let nonceCount { out += ", qop=auth, nc=\(nonceCount), cnonce=\(SIPFieldScanner.quote(cnonce))" }
        if let opaque { out += ", opaque=\(SIPFieldScanner.quote(opaque))" }
        return out
    }
}

/// `Digest` followed by comma-separated `name=token` / `name="quoted"`.
enum DigestParameters {
    static func parse(_ value: String) throws(SIPParseError) -> [String: String] {
        let text = Substring(value).sipTrimmed
        guard text.lowercased().hasPrefix("digest"), text.count > 6,
              let separator = text.dropFirst(6).first, separator == " " || separator == "\t" else {
            throw SIPParseError(.invalidAuthHeader, "not a Digest header")
        }
        var params: [String: String] = [:]
        for element in try SIPFieldScanner.splitList(text.dropFirst(7), header: "Digest") {
            let (name, rawValue) = splitOnce(element, at: "=")
            let key = name.sipTrimmed.lowercased()
            guard SIPCharacters.isToken(key), let rawValue else {
                throw SIPParseError(.invalidAuthHeader, "bad parameter \(element.prefix(40))")
            }
            let valueText = rawValue.sipTrimmed
            let value: String
            if valueText.first == "\"" {
                guard let (content, end) = SIPFieldScanner.readQuotedString(valueText, from: valueText.startIndex),
                      end == valueText.endIndex else {
                    throw SIPParseError(.invalidAuthHeader, "bad quoted value for \(key)")
                }
                value = content
            } else {
                guard SIPCharacters.isToken(valueText) || valueText.utf8.allSatisfy({ SIPCharacters.isToken($0) || $0 == UInt8(ascii: "/") }) else {
                    throw SIPParseError(.invalidAuthHeader, "bad value for \(key)")
                }
                value = String(valueText)
            }
            guard params[key] == nil else { throw SIPParseError(.invalidAuthHeader, "\(key) given twice") }
            params[key] = value
        }
        return params
    }
}
