import Testing
@testable import XMPPCore

@Suite("Base64, PBKDF2, SASLprep")
struct SASLPrimitivesTests {
    // RFC 4648 §10 test vectors.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func base64Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(saslBytes(plain)) == encoded)
        #expect(Base64.decode(encoded) == saslBytes(plain))
    }

    @Test(arguments: [0, 1, 7, 8, 9, 24, 32, 33])
    func randomBytesHaveTheLengthAskedAndDiffer(count: Int) {
        let first = randomBytes(count)
        #expect(first.count == count)
        if count >= 8 { #expect(first != randomBytes(count)) }
    }

    @Test func base64CoversTheWholeAlphabet() {
        let all = (0...255).map { UInt8($0) }
        let encoded = Base64.encode(all)
        #expect(encoded.hasPrefix("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7"))
        #expect(encoded.hasSuffix("+/w=="))
        #expect(Base64.decode(encoded) == all)
    }

    @Test(arguments: ["Zg", "Zg=", "Zh==", "Zm9=", "Zm9v\n", " Zm9v", "Zg==Zg==", "=Zg=", "Zm9*", "Z===", "====", "Zm=v"])
    func base64RejectsNonCanonicalInput(input: String) {
        #expect(Base64.decode(input) == nil)
    }

    // RFC 6070 PBKDF2-HMAC-SHA1 vectors (first 20 bytes).
    @Test(arguments: [
        (1, "0c60c80f961f0e71f3a9b524af6012062fe037a6"),
        (2, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"),
        (4096, "4b007901b765489abead49d926f721d065a429c1"),
    ])
    func pbkdf2Vectors(iterations: Int, expectedHex: String) {
        let result = SCRAMHashFunction.sha1.saltedPassword(saslBytes("password"), salt: saslBytes("salt"), iterations: iterations)
        #expect(result.map { String($0, radix: 16).leftPadded(to: 2) }.joined() == expectedHex)
    }

    @Test func deriveRejectsIterationCountsOutOfRange() {
        #expect(throws: SCRAMError.iterationCountOutOfRange(0)) {
            try SCRAMSaltedKeys.derive(password: "p", salt: [1], iterations: 0, hash: .sha1)
        }
        #expect(throws: SCRAMError.iterationCountOutOfRange(1_000_001)) {
            try SCRAMSaltedKeys.derive(password: "p", salt: [1], iterations: 1_000_001, hash: .sha1)
        }
    }

    @Test func keysMatchOnlyTheirPassword() throws {
        let keys = try SCRAMExample.rfc7677.keys()
        #expect(keys.matches(password: "pencil"))
        #expect(!keys.matches(password: "Pencil"))
        #expect(!keys.matches(password: "pencil\u{7}"))
        // SASLprep makes these spellings the same password.
        #expect(keys.matches(password: "pen\u{AD}cil"))
    }

    // RFC 4013 §3 examples, plus the mapping and prohibition tables.
    @Test(arguments: [
        ("I\u{AD}X", "IX"),
        ("user", "user"),
        ("USER", "USER"),
        ("\u{AA}", "a"),
        ("\u{2168}", "IX"),
        ("a\u{A0}b\u{3000}c", "a b c"),
        ("a\u{200B}b", "ab"),
        ("e\u{301}", "\u{E9}"),
        ("\u{FB01}", "fi"),
        ("\u{5E9}\u{5DC}\u{5D5}\u{5DD}", "\u{5E9}\u{5DC}\u{5D5}\u{5DD}"),
        ("\u{627}1\u{628}", "\u{627}1\u{628}"),
    ])
    func saslprepPrepares(input: String, expected: String) throws {
        #expect(try SASLprep.prepare(input) == expected)
    }

    @Test(arguments: [
        "\u{7}", "a\u{0}b", "a\u{7F}", "a\u{85}", "\u{E000}", "a" + scalar(0xFDD0), "a" + scalar(0xFFFF), "a" + scalar(0x1FFFE),
        "a\u{200E}", "a\u{202E}", "a\u{2FF0}", "a\u{E0041}", "a\u{FFFD}", "a\u{2028}", "\u{10FFFD}",
        "", "\u{AD}",
        "\u{627}1",       // right-to-left text must end with a right-to-left character
        "a\u{5D0}",       // ...and must not be mixed with left-to-right letters
        "\u{5D0}a\u{5D0}",
    ])
    func saslprepRejects(input: String) {
        #expect(throws: SCRAMError.saslprepFailed) { try SASLprep.prepare(input) }
    }
}

/// Builds strings the Swift lexer will not accept as literals (non-characters).
private func scalar(_ value: UInt32) -> String {
    Unicode.Scalar(value).map { String(Character($0)) } ?? ""
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
