import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// The certificate chain and private key the server presents after STARTTLS.
///
/// Both halves are kept as PEM text so that what was loaded from (or written to)
/// disk is exactly what NIOSSL is handed.
public struct ServerCertificate: Sendable, Hashable {
    /// The leaf certificate first, then any intermediates.
    public var certificateChainPEM: String
    public var privateKeyPEM: String

    public init(certificateChainPEM: String, privateKeyPEM: String) {
        self.certificateChainPEM = certificateChainPEM
        self.privateKeyPEM = privateKeyPEM
    }

    /// Load the PEM files given by the operator.
    ///
    /// Throws a `ServerCertificateError` naming the file at fault when a file is
    /// missing, holds no PEM certificate or key, or the key does not belong to
    /// the leaf certificate.
    public static func load(certificatePath: String, keyPath: String) throws -> ServerCertificate {
        let certificate = ServerCertificate(
            certificateChainPEM: try readText(at: certificatePath, ifNotText: .notPEMCertificate),
            privateKeyPEM: try readText(at: keyPath, ifNotText: .notPEMPrivateKey)
        )
        let leaf = try certificate.parseLeaf(path: certificatePath)
        let key = try certificate.parsePrivateKey(path: keyPath)
        guard key.publicKey == leaf.publicKey else {
            throw ServerCertificateError(code: .keyDoesNotMatchCertificate, subject: keyPath)
        }
        return certificate
    }

    /// NIOSSL server configuration: TLS 1.2 minimum, this chain and key.
    public func makeServerTLSConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificateChainPEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key)
        )
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }

    /// SHA-256 of the leaf certificate's DER bytes as upper-case hex pairs joined
    /// by colons (the form `openssl x509 -fingerprint -sha256` prints), so users
    /// can compare or pin it. Empty if `certificateChainPEM` holds no certificate.
    public var fingerprintSHA256: String {
        guard let leafDER = try? Self.certificateDocuments(in: certificateChainPEM).first?.derBytes else {
            return ""
        }
        return SHA256.hash(data: leafDER)
            .map { byte in
                let hex = String(byte, radix: 16, uppercase: true)
                return byte < 0x10 ? "0" + hex : hex
            }
            .joined(separator: ":")
    }

    /// The first certificate of the chain, parsed.
    func parseLeaf(path: String) throws -> Certificate {
        let documents: [PEMDocument]
        do {
            documents = try Self.certificateDocuments(in: certificateChainPEM)
        } catch {
            throw ServerCertificateError(code: .notPEMCertificate, subject: path, detail: "\(error)")
        }
        guard let leafDocument = documents.first else {
            throw ServerCertificateError(code: .notPEMCertificate, subject: path)
        }
        do {
            return try Certificate(derEncoded: leafDocument.derBytes)
        } catch {
            throw ServerCertificateError(code: .notPEMCertificate, subject: path, detail: "\(error)")
        }
    }

    /// The private key; tolerates other blocks in the file (such as the
    /// `EC PARAMETERS` block `openssl ecparam -genkey` writes first).
    func parsePrivateKey(path: String) throws -> Certificate.PrivateKey {
        do {
            let documents = try PEMDocument.parseMultiple(pemString: privateKeyPEM)
            guard let keyDocument = documents.first(where: { $0.discriminator.hasSuffix("PRIVATE KEY") }) else {
                throw ServerCertificateError(code: .notPEMPrivateKey, subject: path)
            }
            return try Certificate.PrivateKey(pemDocument: keyDocument)
        } catch let error as ServerCertificateError {
            throw error
        } catch {
            throw ServerCertificateError(code: .notPEMPrivateKey, subject: path, detail: "\(error)")
        }
    }

    private static func certificateDocuments(in pem: String) throws -> [PEMDocument] {
        try PEMDocument.parseMultiple(pemString: pem).filter { $0.discriminator == "CERTIFICATE" }
    }

    private static func readText(at path: String, ifNotText code: ServerCertificateError.Code) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ServerCertificateError(code: .fileNotFound, subject: path)
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ServerCertificateError(code: .unreadableFile, subject: path)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // Most likely a DER (binary) file where PEM text was expected.
            throw ServerCertificateError(code: code, subject: path, detail: "binary file; DER instead of PEM?")
        }
        return text
    }
}
