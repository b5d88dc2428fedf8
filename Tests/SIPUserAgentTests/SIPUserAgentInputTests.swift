import Logging
import SIPCore
import SIPTransport
import SIPUserAgent
import Testing

/// Requests sent straight to a registered agent from a bare transaction
/// layer: what a UAS must refuse, and how.
@Suite("SIP user agent refusals", .timeLimit(.minutes(2)))
struct SIPUserAgentInputTests {
    static let offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
    static let videoOnly = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 40000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"

    struct Case: Sendable, CustomStringConvertible {
        var method: String
        var toTag: String?
        var headers: [(String, String)] = []
        var body: String = ""
        var status: Int
        var description: String { "\(method) → \(status)" }
    }

    static let cases: [Case] = [
        Case(method: "OPTIONS", status: 200),
        Case(method: "BYE", status: 481),
        Case(method: "BYE", toTag: "nobody", status: 481),
        Case(method: "INFO", toTag: "nobody", status: 481),
        Case(method: "MESSAGE", status: 405),
        Case(method: "FROBNICATE", status: 501),
        Case(method: "INVITE", status: 488),
        Case(method: "INVITE", headers: [("Content-Type", "application/sdp")], body: videoOnly, status: 488),
        Case(method: "INVITE", headers: [("Content-Type", "text/plain")], body: "hello", status: 488),
        Case(method: "INVITE", headers: [("Content-Type", "application/sdp")], body: "not sdp at all", status: 488),
        Case(method: "INVITE", headers: [("Require", "100rel"), ("Content-Type", "application/sdp")], body: offer, status: 420),
    ]

    @Test(arguments: cases) func refusal(_ testCase: Case) async throws {
        try await withUAServer { server in
            let alice = try TestAgent.make("alice", server: server, firstMediaPort: 46000)
            try await alice.agent.start()
            let target = try #require(await alice.agent.localAddress)
            var logger = Logger(label: "test.probe")
            logger.logLevel = .critical
            let endpoint = try await SIPTransportEndpoint.bind(host: "127.0.0.1", port: 0, logger: logger)
            let layer = SIPTransactionLayer(endpoint: endpoint, timers: uaTestTimers, logger: logger)
            let runner = Task { await layer.run() }

            var headers = SIPHeaders()
            headers.append("Via", endpoint.via(for: .udp, branch: SIPBranch.make()).description)
            headers.append("Max-Forwards", "70")
            headers.append("From", "<sip:probe@127.0.0.1>;tag=probe")
            headers.append("To", "<sip:alice@\(target.address.ipAddress ?? "")>" + (testCase.toTag.map { ";tag=\($0)" } ?? ""))
            headers.append("Call-ID", "probe-\(testCase.method)-\(testCase.status)")
            headers.append("CSeq", "1 \(testCase.method)")
            headers.append("Contact", "<sip:probe@127.0.0.1:\(endpoint.udpAddress.port ?? 0)>")
            for (name, value) in testCase.headers { headers.append(name, value) }
            let request = SIPRequest(
                method: testCase.method, uri: .sip(SIPURI(user: "alice", host: "127.0.0.1", port: UInt16(target.address.port ?? 0))),
                headers: headers, body: Array(testCase.body.utf8))
            var final: SIPResponse?
            for try await response in await layer.request(request, to: target) where response.statusCode >= 200 {
                final = response
                break
            }
            let response = try #require(final)
            #expect(response.statusCode == testCase.status)
            if testCase.status == 405 || testCase.method == "OPTIONS" {
                #expect(response.headers["Allow"] == "INVITE, ACK, CANCEL, BYE, OPTIONS")
            }
            if testCase.status == 420 { #expect(response.headers["Unsupported"] == "100rel") }
            // Nothing reached the application, and no media was made.
            #expect(await alice.log.incomingCalls.isEmpty)
            #expect(await alice.media.all.isEmpty)
            await endpoint.close()
            await runner.value
            await alice.stop()
        }
    }
}
