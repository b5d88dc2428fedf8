import Foundation
import NIOCore
import NIOPosix
import SIPCore
import SIPTransport
import Testing

let installedSIPp: String? = ["/usr/bin/sipp", "/usr/local/bin/sipp"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// SIPp's built-in `uac` scenario (INVITE, ACK, BYE) against a minimal UAS
/// of ours. Runs when `sipp` is installed; `interop/sip/run-sipp.sh`
/// installs it and runs this suite, so CI always exercises it.
/// scripts/test.sh sets REQUIRE_SIPP=1, so there a missing sipp fails instead of skipping.
@Suite(.enabled(
    if: installedSIPp != nil || ProcessInfo.processInfo.environment["REQUIRE_SIPP"] == "1",
    "sipp (Debian sip-tester) is not installed"))
struct SIPpInteropTests {
    static var sippPath: String? { installedSIPp }

    static let answerSDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"

    /// Answers INVITE with 200 and SDP, BYE (and anything else) with 200.
    static func uas(_ element: TestElement) -> Task<Void, Never> {
        Task {
            for await event in element.layer.events {
                guard case .request(let incoming) = event else { continue }
                var response = incoming.request.makeResponse(statusCode: 200, reasonPhrase: "OK", toTag: SIPBranch.make())
                if incoming.request.method == "INVITE" {
                    response.headers.append("Contact", "<sip:uas@127.0.0.1:\(element.endpoint.udpAddress.port ?? 0)>")
                    response.headers.append("Content-Type", "application/sdp")
                    response.body = Array(answerSDP.utf8)
                }
                await element.layer.respond(response, to: incoming.transaction)
            }
        }
    }

    /// A UDP port free right now, for SIPp's own socket.
    static func freePort() async throws -> Int {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    @Test func sippUACCompletesThreeCalls() async throws {
        let sipp = try #require(Self.sippPath)
        let uas = try await TestElement.start()
        let tu = Self.uas(uas)
        let port = uas.endpoint.udpAddress.port ?? 0
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sipp)
        process.arguments = [
            "-sn", "uac", "127.0.0.1:\(port)", "-i", "127.0.0.1", "-p", String(try await Self.freePort()),
            "-m", "3", "-r", "3", "-nostdin", "-timeout", "30s", "-timeout_error",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status = try await withDeadline(60) { () -> Int32 in
            try process.run()
            while process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            return process.terminationStatus
        }
        // SIPp exits 0 only when every call succeeded.
        #expect(status == 0)
        await uas.stop()
        await tu.value
    }
}
