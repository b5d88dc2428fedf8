import Foundation
@testable import MessengerServer
import SIPCore
import Testing

@Suite("SIP digest nonces")
struct SIPNonceTests {
    @Test func aNonceIsValidUntilItsExpiryThenStale() {
        let signer = SIPNonceSigner(lifetimeSeconds: 300)
        let now = Date(timeIntervalSince1970: 1_000_000)
        let nonce = signer.make(now: now)
        #expect(signer.check(nonce, now: now) == .valid)
        #expect(signer.check(nonce, now: now.addingTimeInterval(300)) == .valid)
        #expect(signer.check(nonce, now: now.addingTimeInterval(301)) == .stale)
    }

    @Test func forgedOrForeignNoncesAreInvalid() {
        let signer = SIPNonceSigner()
        let nonce = signer.make()
        // Another run (another key) made this one.
        #expect(SIPNonceSigner().check(nonce) == .invalid)
        // A later expiry with the old MAC.
        let parts = nonce.split(separator: ".")
        #expect(signer.check("9999999999.\(parts[1]).\(parts[2])") == .invalid)
        #expect(signer.check("") == .invalid)
        #expect(signer.check("a.b.c") == .invalid)
    }

    @Test func rightCredentialsOnAnExpiredNonceAreChallengedAgainAsStale() async throws {
        let storage = InMemoryStorage()
        try await AccountManager(storage: storage, iterations: 4096, sipRealm: "example.test").create("alice", password: "pw")
        let signer = SIPNonceSigner(lifetimeSeconds: -1)
        let authenticator = SIPAuthenticator(realm: "example.test", nonces: signer, storage: storage)
        var request = SIPRequest(method: "REGISTER", uri: .sip(SIPURI(host: "example.test")))
        let challenge = DigestChallenge(realm: "example.test", nonce: signer.make(), algorithm: .sha256)
        let good = DigestCredentials(answering: challenge, method: "REGISTER", uri: "sip:example.test", username: "alice", password: "pw", cnonce: "c1")
        request.headers.append("Authorization", good.headerValue)
        #expect(await authenticator.check(request, role: .registrar) == .challenge(stale: true))
        let bad = DigestCredentials(answering: challenge, method: "REGISTER", uri: "sip:example.test", username: "alice", password: "nope", cnonce: "c1")
        request.headers.set("Authorization", bad.headerValue)
        #expect(await authenticator.check(request, role: .registrar) == .forbidden(reason: "Bad credentials"))
        let response = authenticator.challenge(request, role: .registrar, stale: true, toTag: "t")
        #expect(response.headers.fields(named: "WWW-Authenticate").allSatisfy { $0.value.hasSuffix("stale=TRUE") })
    }
}
