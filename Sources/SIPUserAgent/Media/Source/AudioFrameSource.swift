import SIPCore

/// Hands out an `AudioSource` frame by frame as 8 kHz samples, for one
/// packet each. A WAV is loaded by `LoadedAudioSource` before the call, so
/// a bad file fails the call set-up rather than the media.
struct AudioFrameSource: Sendable {
    private enum Generator: Sendable {
        case silence
        case tone(ToneGenerator)
        case samples([Int16], position: Int, loop: Bool)
    }

    private var generator: Generator
    let samplesPerFrame: Int

    init(_ source: LoadedAudioSource, frameMilliseconds: Int) {
        samplesPerFrame = WAVAudio.telephoneSampleRate * frameMilliseconds / 1_000
        switch source {
        case .silence:
            generator = .silence
        case .tone(let frequency, let amplitude):
            generator = .tone(ToneGenerator(frequency: frequency, amplitude: amplitude,
                                            sampleRate: WAVAudio.telephoneSampleRate, frameMilliseconds: frameMilliseconds))
        case .samples(let samples, let loop):
            generator = samples.isEmpty ? .silence : .samples(samples, position: 0, loop: loop)
        }
    }

    /// The next frame; silence once a non-looping WAV has ended.
    mutating func nextFrame() -> [Int16] {
        switch generator {
        case .silence:
            return [Int16](repeating: 0, count: samplesPerFrame)
        case .tone(var tone):
            let frame = tone.nextFrame()
            generator = .tone(tone)
            return frame
        case .samples(let samples, var position, let loop):
            var frame: [Int16] = []
            frame.reserveCapacity(samplesPerFrame)
            while frame.count < samplesPerFrame {
                if position >= samples.count {
                    guard loop else { break }
                    position = 0
                }
                let take = min(samplesPerFrame - frame.count, samples.count - position)
                frame += samples[position..<(position + take)]
                position += take
            }
            frame += [Int16](repeating: 0, count: samplesPerFrame - frame.count)
            generator = .samples(samples, position: position, loop: loop)
            return frame
        }
    }
}

/// An `AudioSource` with its WAV file read into memory.
enum LoadedAudioSource: Sendable {
    case silence
    case tone(frequency: Double, amplitude: Int16)
    case samples([Int16], loop: Bool)

    init(_ source: AudioSource) throws(WAVError) {
        switch source {
        case .silence: self = .silence
        case .tone(let frequency, let amplitude): self = .tone(frequency: frequency, amplitude: amplitude)
        case .wav(let url, let loop): self = .samples(try WAVAudio(contentsOf: url).samples, loop: loop)
        }
    }
}
