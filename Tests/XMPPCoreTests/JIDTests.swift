import Testing
@testable import XMPPCore

@Suite("JID (RFC 7622)")
struct JIDTests {
    @Test func parsesAllThreeParts() throws {
        let jid = try JID("Juliet@Example.COM/Balcony Room")
        #expect(jid.localpart == "juliet")
        #expect(jid.domainpart == "example.com")
        #expect(jid.resourcepart == "Balcony Room")
        #expect(jid.description == "juliet@example.com/Balcony Room")
        #expect(jid.bare.description == "juliet@example.com")
    }

    @Test func resourceMayContainAtAndSlash() throws {
        let jid = try JID("a@b.test/c@d/e")
        #expect(jid.localpart == "a")
        #expect(jid.resourcepart == "c@d/e")
    }

    @Test func domainOnlyAndTrailingDot() throws {
        let jid = try JID("Example.test.")
        #expect(jid.isDomain)
        #expect(jid.description == "example.test")
    }

    @Test(arguments: [
        ("", JIDError.emptyPart(.domainpart)),
        ("@example.test", JIDError.emptyPart(.localpart)),
        ("a@example.test/", JIDError.emptyPart(.resourcepart)),
        ("a b@example.test", JIDError.forbiddenCharacter(part: .localpart, character: " ")),
        ("a<b@example.test", JIDError.forbiddenCharacter(part: .localpart, character: "<")),
        ("a:b@example.test", JIDError.forbiddenCharacter(part: .localpart, character: ":")),
        ("a@exa mple.test", JIDError.invalidDomain("exa mple.test")),
        ("a@example..test", JIDError.invalidDomain("example..test")),
    ])
    func rejectsMalformed(input: String, expected: JIDError) {
        #expect(throws: expected) { try JID(input) }
    }

    @Test func partLengthLimit() throws {
        let ok = String(repeating: "a", count: 1023)
        #expect(throws: Never.self) { try JID("\(ok)@example.test") }
        #expect(throws: JIDError.partTooLong(.localpart)) { try JID("\(ok)a@example.test") }
        #expect(throws: JIDError.partTooLong(.resourcepart)) { try JID("a@example.test/\(ok)é") }
    }

    @Test func caseFoldingMakesEqualKeys() throws {
        #expect(try JID("BOB@Example.Test") == JID("bob@example.test"))
        #expect(try JID("bob@example.test/Home") != JID("bob@example.test/home"))
    }

    @Test func canonicalCompositionOfLocalpart() throws {
        // "é" written as e + combining acute equals the precomposed form.
        #expect(try JID("re\u{301}my@example.test").localpart == "r\u{e9}my")
    }
}
