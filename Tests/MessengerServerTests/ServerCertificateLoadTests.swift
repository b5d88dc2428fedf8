import Foundation
import NIOSSL
import Testing

@testable import MessengerServer

/// `--cert F --key F`: the operator's own PEM files.
@Suite("ServerCertificate.load")
struct ServerCertificateLoadTests {
    /// Writes the given files into a throwaway folder and calls `load` on `server.crt` and `server.key`.
    private func load(certificate: [UInt8]?, key: [UInt8]?) async throws -> (String, Result<ServerCertificate, ServerCertificateError>) {
        try await withTemporaryFolder { folder in
            if let certificate {
                try Data(certificate).write(to: URL(fileURLWithPath: "\(folder)/server.crt"))
            }
            if let key {
                try Data(key).write(to: URL(fileURLWithPath: "\(folder)/server.key"))
            }
            let result = Result { () throws(ServerCertificateError) in
                do {
                    return try ServerCertificate.load(certificatePath: "\(folder)/server.crt", keyPath: "\(folder)/server.key")
                } catch let error as ServerCertificateError {
                    throw error
                } catch {
                    Issue.record("unexpected error type: \(error)")
                    throw ServerCertificateError(code: .unreadableFile, subject: "unexpected")
                }
            }
            return (folder, result)
        }
    }

    private static let certificate = Array(OperatorCertificateFixture.certificatePEM.utf8)
    private static let key = Array(OperatorCertificateFixture.keyPEM.utf8)

    @Test("matching PEM files load unchanged and serve TLS")
    func matchingFilesLoad() async throws {
        let (_, result) = try await load(certificate: Self.certificate, key: Self.key)
        let loaded = try result.get()
        #expect(loaded.certificateChainPEM == OperatorCertificateFixture.certificatePEM)
        #expect(loaded.privateKeyPEM == OperatorCertificateFixture.keyPEM)
        #expect(loaded.fingerprintSHA256 == OperatorCertificateFixture.fingerprintSHA256)
        _ = try NIOSSLContext(configuration: loaded.makeServerTLSConfiguration())
    }

    @Test("a key file with an EC PARAMETERS block before the key loads")
    func keyAfterParametersLoads() async throws {
        let parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
        let (_, result) = try await load(certificate: Self.certificate, key: Array(parameters.utf8) + Self.key)
        #expect(throws: Never.self) { try result.get() }
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var certificate: [UInt8]?
        var key: [UInt8]?
        var code: ServerCertificateError.Code
        /// Which file the error must name.
        var file: String
        /// The start of the message the operator reads.
        var message: String
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(
            name: "missing certificate", certificate: nil, key: key,
            code: .fileNotFound, file: "server.crt", message: "TLS file not found: "),
        BadInput(
            name: "missing key", certificate: certificate, key: nil,
            code: .fileNotFound, file: "server.key", message: "TLS file not found: "),
        BadInput(
            name: "garbage certificate", certificate: Array("hello, I am not a certificate\n".utf8), key: key,
            code: .notPEMCertificate, file: "server.crt",
            message: "not a PEM certificate (expected -----BEGIN CERTIFICATE-----): "),
        BadInput(
            name: "certificate with broken base64",
            certificate: Array("-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n".utf8), key: key,
            code: .notPEMCertificate, file: "server.crt",
            message: "not a PEM certificate (expected -----BEGIN CERTIFICATE-----): "),
        BadInput(
            name: "DER certificate", certificate: OperatorCertificateFixture.certificateDER, key: key,
            code: .notPEMCertificate, file: "server.crt",
            message: "not a PEM certificate (expected -----BEGIN CERTIFICATE-----): "),
        BadInput(
            name: "garbage key", certificate: certificate, key: Array("garbage".utf8),
            code: .notPEMPrivateKey, file: "server.key",
            message: "not an unencrypted PEM private key (expected -----BEGIN PRIVATE KEY-----): "),
        BadInput(
            name: "certificate given as key", certificate: certificate, key: certificate,
            code: .notPEMPrivateKey, file: "server.key",
            message: "not an unencrypted PEM private key (expected -----BEGIN PRIVATE KEY-----): "),
        BadInput(
            name: "key of another certificate", certificate: certificate,
            key: Array(OperatorCertificateFixture.unrelatedKeyPEM.utf8),
            code: .keyDoesNotMatchCertificate, file: "server.key",
            message: "the private key does not belong to the certificate: "),
    ]

    @Test("bad files give an error naming the file and the problem", arguments: badInputs)
    func badFilesAreExplained(input: BadInput) async throws {
        let (folder, result) = try await load(certificate: input.certificate, key: input.key)
        guard case .failure(let error) = result else {
            Issue.record("loaded although \(input.name)")
            return
        }
        #expect(error.code == input.code)
        #expect(error.subject == "\(folder)/\(input.file)")
        #expect(error.description.hasPrefix(input.message + "\(folder)/\(input.file)"))
    }
}
