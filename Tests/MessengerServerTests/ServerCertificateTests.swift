import Foundation
import NIOSSL
import Testing

@testable import MessengerServer

@Suite("ServerCertificate")
struct ServerCertificateTests {
    @Test("first start writes the key 0600 and the certificate into a 0700 tls folder")
    func firstStartWritesPrivateFiles() async throws {
        try await withTemporaryFolder { dataFolder in
            let created = try ServerCertificate.loadOrCreateSelfSigned(domain: "example.test", dataFolder: dataFolder)

            #expect(try permissions(of: "\(dataFolder)/tls") == 0o700)
            #expect(try permissions(of: "\(dataFolder)/tls/example.test.key") == 0o600)
            #expect(try String(contentsOfFile: "\(dataFolder)/tls/example.test.key", encoding: .utf8) == created.privateKeyPEM)
            #expect(try String(contentsOfFile: "\(dataFolder)/tls/example.test.crt", encoding: .utf8) == created.certificateChainPEM)
            #expect(created.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
            #expect(created.certificateChainPEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
            // Nothing but the two files: no temporary file left behind.
            let entries = try FileManager.default.contentsOfDirectory(atPath: "\(dataFolder)/tls").sorted()
            #expect(entries == ["example.test.crt", "example.test.key"])
        }
    }

    @Test("a later start reuses the stored certificate byte for byte")
    func laterStartReusesCertificate() async throws {
        try await withTemporaryFolder { dataFolder in
            let first = try ServerCertificate.loadOrCreateSelfSigned(domain: "example.test", dataFolder: dataFolder)
            let second = try ServerCertificate.loadOrCreateSelfSigned(domain: "example.test", dataFolder: dataFolder)

            #expect(second.certificateChainPEM == first.certificateChainPEM)
            #expect(second.privateKeyPEM == first.privateKeyPEM)
            #expect(second.fingerprintSHA256 == first.fingerprintSHA256)
        }
    }

    @Test("the data folder is created when it does not exist yet")
    func createsMissingDataFolder() async throws {
        try await withTemporaryFolder { parent in
            let dataFolder = "\(parent)/data/msgr"
            _ = try ServerCertificate.loadOrCreateSelfSigned(domain: "example.test", dataFolder: dataFolder)
            #expect(FileManager.default.fileExists(atPath: "\(dataFolder)/tls/example.test.crt"))
        }
    }

    @Test("the generated certificate is valid now, for 825 days, and NIOSSL accepts it")
    func generatedCertificateIsCurrent() async throws {
        try await withTemporaryFolder { dataFolder in
            let now = Date()
            let created = try ServerCertificate.loadOrCreateSelfSigned(domain: "example.test", dataFolder: dataFolder)
            let chain = try NIOSSLCertificate.fromPEMBytes(Array(created.certificateChainPEM.utf8))
            let leaf = try #require(chain.first)
            let notBefore = Date(timeIntervalSince1970: TimeInterval(leaf.notValidBefore))
            let notAfter = Date(timeIntervalSince1970: TimeInterval(leaf.notValidAfter))

            #expect(chain.count == 1)
            #expect(abs(now.timeIntervalSince(notBefore) - 3600) < 60)
            #expect(abs(notAfter.timeIntervalSince(now) - 825 * 86400) < 60)
            _ = try NIOSSLContext(configuration: created.makeServerTLSConfiguration())
        }
    }

    @Test("an expired stored certificate is replaced by a new one")
    func expiredCertificateIsReplaced() async throws {
        try await withTemporaryFolder { dataFolder in
            let longAgo = Date().addingTimeInterval(-900 * 86400)
            let expired = try ServerCertificate.loadOrCreateSelfSigned(
                domain: "example.test", dataFolder: dataFolder, now: longAgo)
            let renewed = try ServerCertificate.loadOrCreateSelfSigned(domain: "example.test", dataFolder: dataFolder)

            #expect(renewed.fingerprintSHA256 != expired.fingerprintSHA256)
            #expect(try String(contentsOfFile: "\(dataFolder)/tls/example.test.crt", encoding: .utf8) == renewed.certificateChainPEM)
            let leaf = try #require(try NIOSSLCertificate.fromPEMBytes(Array(renewed.certificateChainPEM.utf8)).first)
            #expect(Date(timeIntervalSince1970: TimeInterval(leaf.notValidAfter)) > Date())
        }
    }

    @Test("a domain that is not a safe file name is refused", arguments: ["", "../etc", "a/b", ".hidden"])
    func unsafeDomainIsRefused(domain: String) async throws {
        try await withTemporaryFolder { dataFolder in
            #expect(throws: ServerCertificateError(code: .invalidDomain, subject: domain)) {
                try ServerCertificate.loadOrCreateSelfSigned(domain: domain, dataFolder: dataFolder)
            }
        }
    }

    @Test("the fingerprint is the SHA-256 of the leaf in openssl's notation")
    func fingerprintMatchesOpenSSL() {
        let certificate = ServerCertificate(
            certificateChainPEM: OperatorCertificateFixture.certificatePEM,
            privateKeyPEM: OperatorCertificateFixture.keyPEM
        )
        #expect(certificate.fingerprintSHA256 == OperatorCertificateFixture.fingerprintSHA256)
    }
}
