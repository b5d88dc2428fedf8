import Foundation
import NIOCore
import NIOPosix
import SIPCore
import SIPUserAgent
import Testing

let sippForUserAgent: String? = ["/usr/bin/sipp", "/usr/local/bin/sipp"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// SIPp (a SIP peer nobody here wrote) on both ends of a call with our user
/// agent, through our server. SIPp exits 0 only when its scenario completed.
/// Runs when sipp is installed; with REQUIRE_SIPP=1 a missing sipp fails.
@Suite(
    "SIP user agent with SIPp", .timeLimit(.minutes(2)),
    .enabled(
        if: sippForUserAgent != nil || ProcessInfo.processInfo.environment["REQUIRE_SIPP"] == "1",
        "sipp (Debian sip-tester) is not installed"))
struct SIPUserAgentSIPpTests {
    static func freePort() async throws -> Int {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    /// What SIPp logged as errors (its own error file), then removes the file.
    static func errors(of process: Process) -> String {
        let path = process.arguments?.drop { $0 != "-error_file" }.dropFirst().first ?? ""
        defer { try? FileManager.default.removeItem(atPath: path) }
        return (try? String(contentsOfFile: path, encoding: .utf8)).map { String($0.suffix(2000)) } ?? "(no SIPp error file)"
    }

    static func sipp(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(sippForUserAgent))
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("sipp-ua-\(UUID().uuidString).err").path
        process.arguments = arguments + ["-nostdin", "-timeout", "30s", "-timeout_error", "-trace_err", "-error_file", errorPath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits for SIPp to exit (at most 60 s, then it is stopped) and returns its status.
    static func exitStatus(of process: Process) async -> Int32? {
        let ended = await eventually(60) { !process.isRunning }
        guard ended else {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    @Test func ourCallToAnUnknownNumberReachesSIPpAsTheGateway() async throws {
        let gatewayPort = try await Self.freePort()
        // Under load SIPp retransmits its 200 before our ACK arrives; we ACK
        // the retransmission too (RFC 3261 §13.2.2.4), and that ACK can reach
        // SIPp after the BYE, during its final timewait, where its default
        // behaviour aborts the call (seen in CI). The scenario must still
        // complete for SIPp to exit 0.
        let sipp = try Self.sipp([
            "-sn", "uas", "-i", "127.0.0.1", "-p", String(gatewayPort), "-m", "1", "-default_behaviors", "all,-abortunexp",
        ])
        defer { if sipp.isRunning { sipp.terminate() } }
        // RFC timers on the proxy's leg to SIPp: with a 50 ms T1 a loaded machine
        // retransmits the INVITE past SIPp's 180, and SIPp's uas scenario
        // aborts on a retransmission it meets while waiting for the ACK.
        try await withUAServer(gateway: SIPURI(host: "127.0.0.1", port: UInt16(gatewayPort)), timers: .default) { server in
            let alice = try TestAgent.make("alice", server: server, firstMediaPort: 45000)
            try await alice.agent.start()
            let call = try await alice.agent.call(.tel(TelURI(number: "+1-555-0199")))
            #expect(await alice.waitFor(call, "connected"))
            let media = try #require(await alice.media.media(for: call))
            #expect(await media.startedStreams.first?.codec.encodingName == "PCMU")
            await alice.agent.hangUp(call)
            let status = await Self.exitStatus(of: sipp)
            let errors = Self.errors(of: sipp)
            #expect(status == 0, "SIPp: \(errors)")
            let states = await alice.log.states(of: call)
            #expect(states.last == "ended localHangUp", "\(states)")
            await alice.stop()
        }
    }

    @Test func sippCallsOurRegisteredUserWhoAnswers() async throws {
        try await withUAServer { server in
            let alice = try TestAgent.make("alice", server: server, firstMediaPort: 45100)
            try await alice.agent.start()
            // Auto-answer, as a test of the UA's UAS side.
            let answering = Task {
                for _ in 0..<600 {
                    if let (id, _) = await alice.log.incomingCalls.first {
                        try? await alice.agent.answer(id)
                        return
                    }
                    try? await Task.sleep(for: .milliseconds(50))
                }
            }
            let sipp = try Self.sipp([
                "-sn", "uac", "127.0.0.1:\(server.sipPort)", "-s", "alice", "-i", "127.0.0.1",
                "-p", String(try await Self.freePort()), "-m", "1",
            ])
            let status = await Self.exitStatus(of: sipp)
            let errors = Self.errors(of: sipp)
            #expect(status == 0, "SIPp: \(errors)")
            await answering.value
            let (call, from) = try #require(await alice.log.incomingCalls.first)
            #expect(from.uri.sipURI?.user == "sipp")
            #expect(await alice.waitForEnd(call) == .remoteHangUp)
            #expect(await alice.log.states(of: call) == ["ringing", "connected", "ended remoteHangUp"])
            await alice.stop()
        }
    }
}
