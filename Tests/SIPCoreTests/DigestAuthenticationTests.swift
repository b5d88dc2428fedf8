import Testing
@testable import SIPCore

@Suite struct DigestAuthenticationTests {
    /// RFC 7616 §3.9.1, the MD5 and SHA-256 examples.
    @Test(arguments: [
        (DigestAlgorithm.md5, "8ca523f5e9506fed4657c9700eebdbec"),
        (DigestAlgorithm.sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ])
    func rfc7616Vectors(_ algorithm: DigestAlgorithm, _ expected: String) throws {
        let challenge = try DigestChallenge(parsing: """
            Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=\(algorithm.rawValue), \
            nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
            """)
        #expect(challenge.qopAuth)
        let credentials = DigestCredentials(
            answering: challenge, method: "GET", uri: "/dir/index.html", username: "Mufasa",
            password: "Circle of Life", cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
        #expect(credentials.response == expected)
        #expect(credentials.nonceCount == "00000001")
        let parsed = try DigestCredentials(parsing: credentials.headerValue)
        #expect(parsed == credentials)
        #expect(parsed.verify(method: "GET", password: "Circle of Life"))
        #expect(!parsed.verify(method: "GET", password: "Circle of life"))
        #expect(!parsed.verify(method: "POST", password: "Circle of Life"))
    }

    /// The RFC 7616 example answered from a stored HA1 gives the same response
    /// as from the password, for both algorithms.
    @Test(arguments: [
        (DigestAlgorithm.md5, "8ca523f5e9506fed4657c9700eebdbec"),
        (DigestAlgorithm.sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ])
    func aStoredSecretAnswersLikeThePassword(_ algorithm: DigestAlgorithm, _ expected: String) {
        let secret = DigestSecret.derive(username: "Mufasa", realm: "http-auth@example.org", password: "Circle of Life")
        let challenge = DigestChallenge(
            realm: "http-auth@example.org", nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", algorithm: algorithm,
            opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")
        let credentials = DigestCredentials(
            answering: challenge, method: "GET", uri: "/dir/index.html", username: "Mufasa",
            ha1: secret.ha1(for: algorithm), cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
        #expect(credentials.response == expected)
        #expect(credentials.verify(method: "GET", password: "Circle of Life"))
        // RFC 2617 §3.5's HA1 for Mufasa:testrealm@host.com:Circle Of Life.
        #expect(DigestSecret.derive(username: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life").md5
            == "939e7578ed9e3c518a452acee763bce9")
    }

    /// RFC 2617 §3.5.
    @Test func rfc2617Vector() throws {
        let credentials = try DigestCredentials(parsing: """
            Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", \
            uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", \
            response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"
            """)
        #expect(credentials.verify(method: "GET", password: "Circle Of Life"))
        #expect(!credentials.verify(method: "GET", password: "Circle of Life"))
    }

    @Test func withoutQopTheResponseSkipsNonceCount() throws {
        let challenge = DigestChallenge(realm: "example.test", nonce: "abc", qopAuth: false)
        let credentials = DigestCredentials(answering: challenge, method: "REGISTER", uri: "sip:example.test",
                                            username: "bob", password: "pw", cnonce: "ignored")
        #expect(credentials.cnonce == nil)
        let ha1 = DigestAlgorithm.md5.hex("bob:example.test:pw")
        let ha2 = DigestAlgorithm.md5.hex("REGISTER:sip:example.test")
        #expect(credentials.response == DigestAlgorithm.md5.hex("\(ha1):abc:\(ha2)"))
        #expect(try DigestCredentials(parsing: credentials.headerValue).verify(method: "REGISTER", password: "pw"))
    }

    @Test(arguments: [
        "Basic realm=\"x\"",
        "Digest realm=\"x\"",
        "Digest realm=\"x\", nonce=\"n\", algorithm=MD5-sess",
        "Digest realm=\"x, nonce=\"n\"",
        "Digest realm=\"x\", realm=\"y\", nonce=\"n\"",
    ])
    func refusesBadChallenges(_ value: String) {
        #expect(throws: SIPParseError.self) { try DigestChallenge(parsing: value) }
    }

    @Test func challengeRoundTrips() throws {
        let challenge = DigestChallenge(realm: "example.test", nonce: "n0nce", algorithm: .sha256, opaque: "op", stale: true)
        #expect(try DigestChallenge(parsing: challenge.headerValue) == challenge)
    }
}
