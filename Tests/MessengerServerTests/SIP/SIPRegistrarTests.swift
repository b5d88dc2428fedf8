import Foundation
@testable import MessengerServer
import SIPCore
import SIPTransport
import Testing

@Suite("SIP registrar", .timeLimit(.minutes(1)))
struct SIPRegistrarTests {
    @Test func registerWithoutCredentialsIsChallengedWithSHA256AndMD5() async throws {
        try await withSIPServer { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            let responses = try await withSIPDeadline { try await alice.send(try alice.registerRequest(contact: alice.contact, expires: nil)) }
            let final = try #require(responses.last)
            #expect(final.statusCode == 401)
            let challenges = try final.headers.fields(named: "WWW-Authenticate").map { try DigestChallenge(parsing: $0.value) }
            #expect(challenges.map(\.algorithm) == [.sha256, .md5])
            #expect(challenges.allSatisfy { $0.realm == "example.test" && $0.qopAuth && !$0.stale })
            await alice.stop()
        }
    }

    @Test(arguments: [DigestAlgorithm.sha256, .md5])
    func rightPasswordBindsTheContactForAnHour(algorithm: DigestAlgorithm) async throws {
        try await withSIPServer { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            let request = try alice.registerRequest(contact: alice.contact, expires: nil)
            let (first, second) = try await withSIPDeadline { try await alice.sendAuthenticated(request, algorithm: algorithm) }
            #expect(first.last?.statusCode == 401)
            let ok = try #require(second.last)
            #expect(ok.statusCode == 200)
            #expect(ok.headers.fields(named: "Contact").map(\.value) == ["<sip:alice@127.0.0.1:\(alice.port)>;expires=3600"])
            await alice.stop()
        }
    }

    /// `sipDigestAlgorithms = [.md5]`, for clients such as baresip 1.0 that
    /// give up on a challenge list naming an algorithm they lack.
    @Test func anMD5OnlyServerChallengesWithMD5AloneAndDoesNotTakeSHA256Answers() async throws {
        try await withSIPServer(configure: { $0.sipDigestAlgorithms = [.md5] }) { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            let request = try alice.registerRequest(contact: alice.contact, expires: nil)
            let (first, second) = try await withSIPDeadline { try await alice.sendAuthenticated(request, algorithm: .md5) }
            let challenges = try #require(first.last).headers.fields(named: "WWW-Authenticate").map { try DigestChallenge(parsing: $0.value) }
            #expect(challenges.map(\.algorithm) == [.md5])
            #expect(second.last?.statusCode == 200)
            // Right password, but hashed with SHA-256, which was not offered: challenged again.
            let again = try alice.registerRequest(contact: alice.contact, expires: nil, callID: "reg-call-2")
            let (_, sha) = try await withSIPDeadline { try await alice.sendAuthenticated(again, algorithm: .md5, answeringWith: .sha256) }
            #expect(sha.last?.statusCode == 401)
            await alice.stop()
        }
    }

    @Test func wrongPasswordIsForbiddenAfterTheChallenge() async throws {
        try await withSIPServer { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            let request = try alice.registerRequest(contact: alice.contact, expires: nil)
            let (first, second) = try await withSIPDeadline { try await alice.sendAuthenticated(request, password: "wrong") }
            #expect(first.last?.statusCode == 401)
            #expect(second.last?.statusCode == 403)
            await alice.stop()
        }
    }

    @Test func registeringSomeoneElsesAddressIsForbidden() async throws {
        try await withSIPServer { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            let response = try await withSIPDeadline {
                try await alice.register(contact: alice.contact, aor: "sip:bob@example.test")
            }
            #expect(response.statusCode == 403)
            #expect(response.reasonPhrase == "Not your address-of-record")
            await alice.stop()
        }
    }

    @Test func accountWithoutStoredHA1IsToldToSetThePasswordAgain() async throws {
        try await withSIPServer { server, port in
            // As an account made before SIP existed: SCRAM keys only.
            try await server.storage.createAccount("dave", credentials: [])
            let dave = try await SIPTestUA.start("dave", server: port)
            let response = try await withSIPDeadline { try await dave.register(contact: dave.contact) }
            #expect(response.statusCode == 403)
            #expect(response.reasonPhrase == "No SIP credentials: set the password again")
            await dave.stop()
        }
    }

    @Test func expiryIsBoundedAndTooBriefIsRefusedWith423() async throws {
        try await withSIPServer { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            let brief = try await withSIPDeadline { try await alice.register(contact: alice.contact, expires: 30) }
            #expect(brief.statusCode == 423)
            #expect(brief.headers["Min-Expires"] == "60")
            let long = try await withSIPDeadline { try await alice.register(contact: alice.contact, expires: 100_000, cseq: 3) }
            #expect(long.statusCode == 200)
            #expect(long.headers.fields(named: "Contact").map(\.value) == ["<sip:alice@127.0.0.1:\(alice.port)>;expires=7200"])
            // A contact's own expires parameter wins over the header.
            let own = try await withSIPDeadline {
                try await alice.register(contact: "\(alice.contact);expires=120", expires: 3000, cseq: 5)
            }
            #expect(own.headers.fields(named: "Contact").map(\.value) == ["<sip:alice@127.0.0.1:\(alice.port)>;expires=120"])
            await alice.stop()
        }
    }

    @Test func queryListsBindingsAndStarRemovesThemAll() async throws {
        try await withSIPServer { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            _ = try await withSIPDeadline { try await alice.register(contact: alice.contact, expires: 600) }
            let second = try await withSIPDeadline {
                try await alice.register(contact: "<sip:alice@127.0.0.1:5999>", expires: 900, callID: "other-device")
            }
            #expect(second.headers.fields(named: "Contact").count == 2)
            let query = try await withSIPDeadline { try await alice.register(contact: nil, callID: "query", cseq: 1) }
            #expect(query.statusCode == 200)
            // A query reports the time left, which a loaded machine may have eaten a second or two of.
            let listed = query.headers.fields(named: "Contact").map { field in
                let parts = field.value.split(separator: ";expires=")
                return (parts.first.map(String.init) ?? "", parts.count == 2 ? Int(parts[1]) ?? -1 : -1)
            }
            #expect(listed.map(\.0) == ["<sip:alice@127.0.0.1:\(alice.port)>", "<sip:alice@127.0.0.1:5999>"])
            #expect((590...600).contains(listed.first?.1 ?? -1))
            #expect((890...900).contains(listed.last?.1 ?? -1))
            // `*` needs Expires: 0.
            let badStar = try await withSIPDeadline { try await alice.register(contact: "*", expires: 60, callID: "wipe", cseq: 10) }
            #expect(badStar.statusCode == 400)
            let wipe = try await withSIPDeadline { try await alice.register(contact: "*", expires: 0, callID: "wipe", cseq: 12) }
            #expect(wipe.statusCode == 200)
            #expect(wipe.headers.fields(named: "Contact").isEmpty)
            let after = try await withSIPDeadline { try await alice.register(contact: nil, callID: "query", cseq: 20) }
            #expect(after.headers.fields(named: "Contact").isEmpty)
            await alice.stop()
        }
    }

    @Test func anOlderCSeqOnTheSameCallIDDoesNotChangeTheBinding() async throws {
        try await withSIPServer { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            // Authenticated attempts use CSeq + 1: 11 binds, then 6 is out of order.
            let fresh = try await withSIPDeadline { try await alice.register(contact: alice.contact, expires: 600, cseq: 10) }
            #expect(fresh.statusCode == 200)
            let stale = try await withSIPDeadline { try await alice.register(contact: alice.contact, expires: 0, cseq: 5) }
            #expect(stale.statusCode == 500)
            let query = try await withSIPDeadline { try await alice.register(contact: nil, callID: "query") }
            #expect(query.headers.fields(named: "Contact").count == 1)
            await alice.stop()
        }
    }

    @Test func locationServiceKeepsAtMostTheCapPerUser() async throws {
        let location = SIPLocationService(maxBindingsPerAOR: 2)
        let source = SIPTransportAddress(.udp, try .init(ipAddress: "127.0.0.1", port: 5060))
        let changes = (1...3).map { SIPLocationService.Change(contact: SIPURI(user: "a", host: "127.0.0.\($0)"), expires: 60) }
        await #expect(throws: SIPLocationService.Failure.tooManyBindings) {
            _ = try await location.apply(changes, for: "a", callID: "c", sequence: 1, source: source)
        }
        #expect(await location.bindings(of: "a").isEmpty)
        let two = try await location.apply(Array(changes.prefix(2)), for: "a", callID: "c", sequence: 2, source: source)
        #expect(two.map(\.contact.host) == ["127.0.0.1", "127.0.0.2"])
        // Expired bindings are gone when read after their time.
        #expect(await location.bindings(of: "a", now: Date().addingTimeInterval(61)).isEmpty)
    }
}
