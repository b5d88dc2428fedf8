import Foundation
import NIOCore
import NIOPosix
import SIPCore
import Testing

let installedSIPpForProxy: String? = ["/usr/bin/sipp", "/usr/local/bin/sipp"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// SIPp (a SIP peer nobody here wrote) as a caller from outside our domain:
/// its built-in `uac` scenario calls `bob` through our proxy three times,
/// and bob's registered test UA answers. SIPp exits 0 only when every call
/// completed (INVITE, 180/200, ACK, BYE/200). Runs when sipp is installed;
/// `interop/sip/run-sipp.sh` installs it and runs this suite too.
@Suite(.enabled(
    if: installedSIPpForProxy != nil || ProcessInfo.processInfo.environment["REQUIRE_SIPP"] == "1",
    "sipp (Debian sip-tester) is not installed"))
struct SIPpProxyTests {
    static func freePort() async throws -> Int {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    @Test func sippCallsARegisteredUserThroughTheProxy() async throws {
        let sipp = try #require(installedSIPpForProxy)
        try await withSIPServer { _, port in
            let bob = try await SIPTestUA.start("bob", server: port)
            try await bob.registerSelf()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: sipp)
            process.arguments = [
                "-sn", "uac", "127.0.0.1:\(port)", "-s", "bob", "-i", "127.0.0.1", "-p", String(try await Self.freePort()),
                "-m", "3", "-r", "3", "-nostdin", "-timeout", "30s", "-timeout_error",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let status = try await withSIPDeadline(60) { () -> Int32 in
                try process.run()
                while process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
                return process.terminationStatus
            }
            #expect(status == 0)
            #expect(await bob.record.methods().filter { $0 == "INVITE" }.count == 3)
            #expect(await bob.record.methods().filter { $0 == "BYE" }.count == 3)
            await bob.stop()
        }
    }
}
