import NIOSSL
import Testing

@testable import MessengerServer

/// Real TLS handshakes over loopback against the server configuration.
@Suite("ServerCertificate handshake")
struct ServerCertificateHandshakeTests {
    /// A certificate for `domain` in a throwaway data folder, plus a client trust store holding exactly it.
    private func selfSigned(_ domain: String) async throws -> (ServerCertificate, NIOSSLTrustRoots) {
        try await withTemporaryFolder { dataFolder in
            let certificate = try ServerCertificate.loadOrCreateSelfSigned(domain: domain, dataFolder: dataFolder)
            let trusted = try NIOSSLCertificate.fromPEMBytes(Array(certificate.certificateChainPEM.utf8))
            return (certificate, .certificates(trusted))
        }
    }

    @Test("a client trusting the generated certificate completes the handshake and exchanges bytes")
    func trustingClientExchangesBytes() async throws {
        let (certificate, trust) = try await selfSigned("example.test")
        let reply = try await withTLSEchoServer(configuration: certificate.makeServerTLSConfiguration()) { port in
            try await tlsEcho(port: port, hostname: "example.test", trustRoots: trust, message: "<stream:stream>")
        }
        #expect(reply == "<stream:stream>")
    }

    @Test("subdomains such as a MUC component are covered by the same certificate")
    func subdomainIsCovered() async throws {
        let (certificate, trust) = try await selfSigned("example.test")
        let reply = try await withTLSEchoServer(configuration: certificate.makeServerTLSConfiguration()) { port in
            try await tlsEcho(port: port, hostname: "conference.example.test", trustRoots: trust, message: "ping")
        }
        #expect(reply == "ping")
    }

    @Test("an IP literal domain is verified against the address connected to")
    func ipLiteralDomain() async throws {
        let (certificate, trust) = try await selfSigned("127.0.0.1")
        let reply = try await withTLSEchoServer(configuration: certificate.makeServerTLSConfiguration()) { port in
            try await tlsEcho(port: port, hostname: nil, trustRoots: trust, message: "ping")
        }
        #expect(reply == "ping")
    }

    @Test("a client with the default trust roots rejects the self-signed certificate")
    func defaultTrustRootsReject() async throws {
        let (certificate, _) = try await selfSigned("example.test")
        let error = try await withTLSEchoServer(configuration: certificate.makeServerTLSConfiguration()) { port in
            await #expect(throws: NIOSSLError.self) {
                try await tlsEcho(port: port, hostname: "example.test", trustRoots: nil, message: "ping")
            }
        }
        #expect("\(String(describing: error))".contains("CERTIFICATE_VERIFY_FAILED"))
    }

    @Test("a client expecting another domain rejects the certificate")
    func otherDomainRejected() async throws {
        let (certificate, trust) = try await selfSigned("example.test")
        let error = try await withTLSEchoServer(configuration: certificate.makeServerTLSConfiguration()) { port in
            await #expect(throws: NIOSSLExtraError.self) {
                try await tlsEcho(port: port, hostname: "example.org", trustRoots: trust, message: "ping")
            }
        }
        #expect(error == .failedToValidateHostname)
    }

    @Test("clients limited to TLS 1.1 are refused")
    func tls11Refused() async throws {
        let (certificate, trust) = try await selfSigned("example.test")
        let error = try await withTLSEchoServer(configuration: certificate.makeServerTLSConfiguration()) { port in
            await #expect(throws: NIOSSLError.self) {
                try await tlsEcho(
                    port: port, hostname: "example.test", trustRoots: trust, maximumTLSVersion: .tlsv11, message: "ping")
            }
        }
        #expect("\(String(describing: error))".contains("TLSV1_ALERT_PROTOCOL_VERSION"))
    }
}
