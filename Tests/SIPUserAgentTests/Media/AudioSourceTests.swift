import Foundation
import SIPUserAgent
import Testing

@Suite struct AudioSourceTests {
    static let accepted: [(String, AudioSource)] = [
        ("silence", .silence),
        ("tone", .tone(frequency: 440, amplitude: 8_000)),
        ("tone:1000", .tone(frequency: 1_000, amplitude: 8_000)),
        ("tone:440:8000", .tone(frequency: 440, amplitude: 8_000)),
        ("tone:697.5:0", .tone(frequency: 697.5, amplitude: 0)),
        ("tone:350:32767", .tone(frequency: 350, amplitude: 32_767)),
        ("wav:/tmp/hello.wav", .wav(URL(fileURLWithPath: "/tmp/hello.wav"), loop: false)),
        ("wav-loop:/srv/music on hold.wav", .wav(URL(fileURLWithPath: "/srv/music on hold.wav"), loop: true)),
    ]

    @Test(arguments: accepted)
    func argumentIsRead(argument: String, source: AudioSource) {
        #expect(AudioSource(argument: argument) == source)
    }

    static let refused = [
        "", "Silence", "noise", "tone:", "tone:abc", "tone:0", "tone:-5", "tone:4000", "tone:inf", "tone:nan",
        "tone:440:", "tone:440:-1", "tone:440:32768", "tone:440:8000:1", "wav:", "wav-loop:", "wav", "mp3:/a.mp3",
    ]

    @Test(arguments: refused)
    func argumentIsRefused(argument: String) {
        #expect(AudioSource(argument: argument) == nil)
    }

    @Test func spellingReadsBack() {
        for (_, source) in Self.accepted {
            #expect(AudioSource(argument: source.argument) == source)
        }
        #expect(AudioSource.tone(frequency: 440).argument == "tone:440:8000")
    }
}
