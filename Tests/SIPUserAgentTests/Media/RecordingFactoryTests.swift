import Foundation
import SIPCore
@testable import SIPUserAgent
import Testing

@Suite struct RecordingFactoryTests {
    @Test func callIDIsMadeSafeForAFileName() {
        let date = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14 22:13:20 UTC
        #expect(RecordingFileName.name(callID: "a84b4c76e66710@pc33.atlanta.com", at: date)
            == "20231114T221320Z-a84b4c76e66710_pc33_atlanta_com.wav")
        #expect(RecordingFileName.name(callID: "../../etc/passwd", at: date) == "20231114T221320Z-______etc_passwd.wav")
        #expect(RecordingFileName.name(callID: "ünï-cödé_1", at: date, attempt: 2) == "20231114T221320Z-_n_-c_d__1-2.wav")
        #expect(RecordingFileName.name(callID: "", at: date) == "20231114T221320Z-call.wav")
        #expect(RecordingFileName.name(callID: String(repeating: "x", count: 500), at: date)
            == "20231114T221320Z-\(String(repeating: "x", count: 64)).wav")
    }

    @Test func bothLegsOfACallGetTheirOwnPrivateRecording() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let recordings = folder.url.appendingPathComponent("recordings")
        let factory = RTPAudioSession.factory(source: .tone(frequency: 440), recordingsFolder: recordings)
        let first = try await factory("call/1@host")
        let second = try await factory("call/1@host")
        #expect(first.localPort != second.localPort)
        _ = await first.stop()
        _ = await second.stop()

        let names = try FileManager.default.contentsOfDirectory(atPath: recordings.path).sorted()
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.hasSuffix("-call_1_host.wav") || $0.hasSuffix("-call_1_host-2.wav") })
        let folderMode = try FileManager.default.attributesOfItem(atPath: recordings.path)[.posixPermissions] as? NSNumber
        #expect(folderMode?.intValue == 0o700)
        for name in names {
            let url = recordings.appendingPathComponent(name)
            #expect(try WAVAudio(contentsOf: url).samples.isEmpty)
            let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
        }
    }

    @Test func factoryWithoutAFolderRecordsNothing() async throws {
        let factory = RTPAudioSession.factory(source: .silence, recordingsFolder: nil)
        let media = try await factory("x")
        #expect(media.localPort != 0)
        #expect(await media.stop() == CallMediaStatistics())
    }
}
