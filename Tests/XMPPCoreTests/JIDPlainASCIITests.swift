import Testing

@testable import XMPPCore

/// Plain ASCII parts skip the full normalization. For every ASCII string the
/// one-pass check must agree with the full path: the same part when it
/// accepts, and a full path that throws whenever it declines.
@Suite struct JIDPlainASCIITests {
    private static let alphabet = Array("aZz09-_.@/:&'\"<> \t\u{7F}\u{01}Kq".utf8)

    private static func randomASCII(_ random: inout XMLTestSupport.SeededGenerator) -> String {
        let length = [0, 1, 2, 5, 12, 63, 64, 65][Int.random(in: 0..<8, using: &random)]
        let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Strings that look like real parts, so the accepting branch is exercised too.
    private static func likelyPart(_ random: inout XMLTestSupport.SeededGenerator) -> String {
        let labels = (0..<Int.random(in: 1...3, using: &random)).map { _ in
            String((0..<Int.random(in: 1...8, using: &random)).map { _ in "aB3-_x".randomElement(using: &random)! })
        }
        return labels.joined(separator: ".")
    }

    @Test func agreesWithTheFullPathOnEveryASCIIString() async {
        var random = XMLTestSupport.SeededGenerator(state: 7622)
        var accepted = 0
        // Collected, then checked once; the loop gives its thread back now and then, or it
        // starves the live-server tests running beside it (see ParserMutationTests).
        var disagreements: [String] = []
        for round in 0..<5_000 {
            if round % 50 == 0 { await Task.yield() }
            let raw = round % 2 == 0 ? Self.randomASCII(&random) : Self.likelyPart(&random)
            let fullLocal = try? JID.fullyNormalizedLocalpart(raw)
            let fullDomain = try? JID.fullyNormalizedDomainpart(raw, raw: raw)
            let fullResource = try? JID.fullyNormalizedResourcepart(raw)
            if JID.plainASCIILocalpart(raw) != fullLocal { disagreements.append("localpart \(raw.debugDescription)") }
            if JID.plainASCIIDomainpart(raw) != fullDomain { disagreements.append("domainpart \(raw.debugDescription)") }
            if JID.isPlainASCIIResourcepart(raw) != (fullResource == raw) {
                disagreements.append("resourcepart \(raw.debugDescription)")
            }
            if fullDomain != nil { accepted += 1 }
        }
        #expect(disagreements == [])
        #expect(accepted > 1_000)
    }

    @Test func longPartsAndLabelsAtTheirLimits() {
        let label63 = String(repeating: "a", count: 63)
        #expect(JID.plainASCIIDomainpart("\(label63).test") == "\(label63).test")
        #expect(JID.plainASCIIDomainpart("\(label63)a.test") == nil)
        #expect(JID.plainASCIILocalpart(String(repeating: "U", count: 1023)) == String(repeating: "u", count: 1023))
        #expect(JID.plainASCIILocalpart(String(repeating: "u", count: 1024)) == nil)
        #expect((try? JID.fullyNormalizedLocalpart(String(repeating: "u", count: 1024))) == nil)
    }
}
