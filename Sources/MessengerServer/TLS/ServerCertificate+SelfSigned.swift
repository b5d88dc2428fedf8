import Crypto
import Foundation
import SwiftASN1
import X509

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ServerCertificate {
    /// How long a generated certificate stays valid: the longest lifetime
    /// clients that enforce the CA/Browser Forum limit still accept.
    static let selfSignedLifetime: TimeInterval = 825 * 24 * 60 * 60
    /// Backdating absorbs clock skew between the server and its clients.
    static let selfSignedBackdating: TimeInterval = 60 * 60

    /// `<dataFolder>/tls/<domain>.crt` and `.key`: loaded when both are present
    /// and the certificate has not expired; otherwise a new self-signed
    /// certificate is generated, written there (folder 0700, key 0600, each
    /// file replaced atomically) and returned.
    public static func loadOrCreateSelfSigned(domain: String, dataFolder: String) throws -> ServerCertificate {
        try loadOrCreateSelfSigned(domain: domain, dataFolder: dataFolder, now: Date())
    }

    static func loadOrCreateSelfSigned(domain: String, dataFolder: String, now: Date) throws -> ServerCertificate {
        let files = try SelfSignedFiles(domain: domain, dataFolder: dataFolder)
        if PrivateFiles.fileExists(files.certificatePath), PrivateFiles.fileExists(files.keyPath) {
            let existing = try load(certificatePath: files.certificatePath, keyPath: files.keyPath)
            if try existing.parseLeaf(path: files.certificatePath).notValidAfter > now {
                return existing
            }
        }
        let created = try makeSelfSigned(domain: domain, now: now)
        if !PrivateFiles.fileExists(dataFolder) {
            do {
                try FileManager.default.createDirectory(atPath: dataFolder, withIntermediateDirectories: true)
            } catch {
                throw ServerCertificateError(code: .cannotWriteFile, subject: dataFolder, detail: "\(error)")
            }
        }
        try PrivateFiles.createFolder(files.folder, mode: 0o700)
        // Key first: a certificate on disk without its key would be useless.
        try PrivateFiles.writeAtomically(created.privateKeyPEM, to: files.keyPath, mode: 0o600)
        try PrivateFiles.writeAtomically(created.certificateChainPEM, to: files.certificatePath, mode: 0o644)
        return created
    }

    /// A fresh P-256 key and a self-signed leaf certificate for `domain`.
    static func makeSelfSigned(domain: String, now: Date) throws -> ServerCertificate {
        let signingKey = P256.Signing.PrivateKey()
        let key = Certificate.PrivateKey(signingKey)
        let name = try DistinguishedName { CommonName(domain) }
        // No KeyUsage extension on purpose: clients that pin this certificate
        // make it their trust anchor, and BoringSSL only accepts a
        // self-signed anchor whose KeyUsage (if present) has keyCertSign,
        // which RFC 5280 §4.2.1.3 forbids without CA=true. Absent KeyUsage
        // permits digitalSignature, which is all TLS needs from a P-256 key.
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames(alternativeNames(for: domain))
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-selfSignedBackdating),
            notValidAfter: now.addingTimeInterval(selfSignedLifetime),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: key
        )
        return ServerCertificate(
            certificateChainPEM: try certificate.serializeAsPEM().pemString + "\n",
            privateKeyPEM: signingKey.pemRepresentation + "\n"
        )
    }

    /// An IP-literal domain (`192.0.2.1`, `[2001:db8::1]`) gets an IP address
    /// name; a DNS domain gets itself and its subdomains (`*.domain`, for MUC
    /// and upload components).
    static func alternativeNames(for domain: String) -> [GeneralName] {
        if let address = ipAddressBytes(domain) {
            return [.ipAddress(ASN1OctetString(contentBytes: address[...]))]
        }
        return [.dnsName(domain), .dnsName("*.\(domain)")]
    }

    private static func ipAddressBytes(_ domain: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, domain, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        guard domain.hasPrefix("["), domain.hasSuffix("]") else { return nil }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, String(domain.dropFirst().dropLast()), &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}

/// Where the generated certificate for one domain lives in the data folder.
struct SelfSignedFiles {
    let folder: String
    let certificatePath: String
    let keyPath: String

    init(domain: String, dataFolder: String) throws {
        // The domain becomes a file name: refuse anything that could leave the folder.
        let forbidden: Set<Character> = ["/", "\\", "\0"]
        guard !domain.isEmpty, !domain.hasPrefix("."), !domain.contains(where: forbidden.contains) else {
            throw ServerCertificateError(code: .invalidDomain, subject: domain)
        }
        folder = dataFolder + "/tls"
        certificatePath = "\(folder)/\(domain).crt"
        keyPath = "\(folder)/\(domain).key"
    }
}
