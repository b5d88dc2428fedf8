import NIOCore
import SIPCore
import SIPTransport
import Testing

@Suite struct ViaRulesTests {
    static func request(via: String) -> SIPRequest {
        SIPRequest(method: "OPTIONS", uri: .sip(SIPURI(host: "example.test")), headers: [
            ("Via", via), ("Via", "SIP/2.0/UDP proxy.test;branch=z9hG4bKp"), ("To", "<sip:a@example.test>"),
        ])
    }

    @Test(arguments: [
        // sent-by equals the source and no rport: untouched.
        ("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1"),
        // A name or another address: received added.
        ("SIP/2.0/UDP pc.example.test;branch=z9hG4bK1", "SIP/2.0/UDP pc.example.test;branch=z9hG4bK1;received=192.0.2.1"),
        // RFC 3581 §4: rport filled and received added even when the host matches.
        ("SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK1", "SIP/2.0/UDP 192.0.2.1:5060;rport=40000;branch=z9hG4bK1;received=192.0.2.1"),
    ])
    func stampReceived(via: String, stamped: String) throws {
        var request = Self.request(via: via)
        try ViaRules.stampReceived(&request, source: try SocketAddress(ipAddress: "192.0.2.1", port: 40000))
        #expect(request.headers.fields(named: "Via").map(\.value) == [stamped, "SIP/2.0/UDP proxy.test;branch=z9hG4bKp"])
    }

    @Test(arguments: [
        ("SIP/2.0/UDP pc.example.test;branch=z9hG4bK1;received=192.0.2.1", "192.0.2.1", 5060),
        ("SIP/2.0/UDP pc.example.test:5070;branch=z9hG4bK1;received=192.0.2.1", "192.0.2.1", 5070),
        ("SIP/2.0/UDP 192.0.2.1:5060;rport=40000;branch=z9hG4bK1;received=192.0.2.9", "192.0.2.9", 40000),
        ("SIP/2.0/TLS pc.example.test;branch=z9hG4bK1", "pc.example.test", 5061),
    ])
    func responseDestination(via: String, host: String, port: Int) {
        let response = SIPResponse(statusCode: 200, reasonPhrase: "OK", headers: [("Via", via)])
        let destination = ViaRules.responseDestination(for: response)
        #expect(destination?.host == host)
        #expect(destination?.port == port)
    }

    @Test func multicastMaddrIsNotSupported() {
        let response = SIPResponse(statusCode: 200, reasonPhrase: "OK", headers: [("Via", "SIP/2.0/UDP h;maddr=239.255.255.1;branch=z9hG4bK1")])
        #expect(ViaRules.responseDestination(for: response) == nil)
    }
}
