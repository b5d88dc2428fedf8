import NIOSSL

extension XMPPClientConnection.Configuration {
    /// The client TLS context for STARTTLS, built from `tlsTrust`.
    func makeSSLContext() throws(XMPPClientError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        switch tlsTrust {
        case .system:
            tls.certificateVerification = .fullVerification
        case .certificate(let source):
            tls.certificateVerification = .fullVerification
            tls.trustRoots = .certificates(try Self.loadCertificates(source))
        case .insecure:
            tls.certificateVerification = .none
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw XMPPClientError(.tlsFailure, "cannot set up TLS: \(error)")
        }
    }

    /// The name the certificate must carry: the JID's domain (RFC 6120 §13.7.2),
    /// not the host we connect to. nil for an IP literal, which SNI cannot carry;
    /// NIOSSL then checks the certificate against the address connected to.
    var tlsServerName: String? {
        let domain = jid.domainpart
        let isIPv4 = !domain.isEmpty && domain.allSatisfy { $0 == "." || $0.isASCII && $0.isNumber }
        let isIPv6 = domain.hasPrefix("[") || domain.contains(":")
        return isIPv4 || isIPv6 ? nil : domain
    }

    private static func loadCertificates(_ source: XMPPClientConnection.CertificateSource) throws(XMPPClientError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            switch source {
            case .pem(let text): certificates = try NIOSSLCertificate.fromPEMBytes(Array(text.utf8))
            case .file(let path): certificates = try NIOSSLCertificate.fromPEMFile(path)
            }
        } catch {
            throw XMPPClientError(.tlsFailure, "cannot read the trusted certificate: \(error)")
        }
        guard !certificates.isEmpty else {
            throw XMPPClientError(.tlsFailure, "the trusted certificate source holds no certificate")
        }
        return certificates
    }
}
