/// Why the server's TLS certificate or key could not be loaded or created.
///
/// `description` is written for the operator who passed `--cert`/`--key` or
/// whose data folder holds the generated certificate.
public struct ServerCertificateError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        case fileNotFound
        case unreadableFile
        case notPEMCertificate
        case notPEMPrivateKey
        case keyDoesNotMatchCertificate
        case invalidDomain
        case cannotWriteFile
    }

    public var code: Code
    /// The file path (or, for `invalidDomain`, the domain) the error is about.
    public var subject: String
    /// What the underlying library or system call said, when that helps.
    public var detail: String?

    public init(code: Code, subject: String, detail: String? = nil) {
        self.code = code
        self.subject = subject
        self.detail = detail
    }

    public var description: String {
        let summary: String
        switch code {
        case .fileNotFound:
            summary = "TLS file not found: \(subject)"
        case .unreadableFile:
            summary = "TLS file cannot be read: \(subject)"
        case .notPEMCertificate:
            summary = "not a PEM certificate (expected -----BEGIN CERTIFICATE-----): \(subject)"
        case .notPEMPrivateKey:
            summary = "not an unencrypted PEM private key (expected -----BEGIN PRIVATE KEY-----): \(subject)"
        case .keyDoesNotMatchCertificate:
            summary = "the private key does not belong to the certificate: \(subject)"
        case .invalidDomain:
            summary = "cannot make a certificate file name from domain \"\(subject)\""
        case .cannotWriteFile:
            summary = "cannot write TLS file: \(subject)"
        }
        guard let detail else { return summary }
        return "\(summary) (\(detail))"
    }
}
