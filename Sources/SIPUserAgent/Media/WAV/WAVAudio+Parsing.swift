extension WAVAudio {
    /// Parses a RIFF/WAVE file's bytes and converts them to 8 kHz mono.
    /// Chunks other than `fmt ` and `data` are skipped.
    public init(bytes: some Collection<UInt8>) throws(WAVError) {
        let bytes = Array(bytes)
        guard bytes.count <= Limits.maxFileSize else {
            throw WAVError(.tooLarge, "\(bytes.count) bytes, at most \(Limits.maxFileSize)")
        }
        guard bytes.count >= 12 else { throw WAVError(.truncated, "\(bytes.count) bytes, the RIFF header needs 12") }
        guard bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw WAVError(.notRIFF, "the file does not start with RIFF…WAVE")
        }
        var format: Format?
        var data: Range<Int>?
        var index = 12
        while data == nil || format == nil {
            guard index + 8 <= bytes.count else {
                throw WAVError(.truncated, "the file ends before its \(format == nil ? "fmt " : "data") chunk")
            }
            let identifier = bytes[index..<(index + 4)]
            let size = Int(WAVFormat.uint32(bytes, at: index + 4))
            let body = index + 8
            guard size <= bytes.count - body else {
                throw WAVError(.truncated, "a chunk of \(size) bytes with \(bytes.count - body) left")
            }
            if identifier.elementsEqual("fmt ".utf8) {
                format = try Format(parsing: Array(bytes[body..<(body + size)]))
            } else if identifier.elementsEqual("data".utf8) {
                data = body..<(body + size)
            }
            index = body + size + size % 2  // chunks are padded to an even length
        }
        guard let format, let data else { throw WAVError(.truncated, "no fmt or data chunk") }
        let frames = data.count / format.blockAlign
        guard frames <= Limits.maxDuration * format.sampleRate else {
            throw WAVError(.tooLong, "\(frames / format.sampleRate) seconds, at most \(Limits.maxDuration)")
        }
        var mono: [Int16] = []
        mono.reserveCapacity(frames)
        for frame in 0..<frames {
            let start = data.lowerBound + frame * format.blockAlign
            var sum = 0
            for channel in 0..<format.channels {
                sum += Int(Int16(bitPattern: WAVFormat.uint16(bytes, at: start + 2 * channel)))
            }
            mono.append(Int16(sum / format.channels))
        }
        self.init(sampleRate: Self.telephoneSampleRate,
                  samples: LinearResampler.resample(mono, from: format.sampleRate, to: Self.telephoneSampleRate))
    }

    /// What a `fmt ` chunk says, once checked to be something we can read.
    struct Format {
        var channels: Int
        var sampleRate: Int
        var blockAlign: Int

        init(parsing body: [UInt8]) throws(WAVError) {
            guard body.count >= 16 else { throw WAVError(.truncated, "a fmt chunk of \(body.count) bytes, at least 16 needed") }
            var tag = WAVFormat.uint16(body, at: 0)
            if tag == WAVFormat.extensibleTag {
                // WAVE_FORMAT_EXTENSIBLE: the real tag opens the sub-format GUID.
                guard body.count >= 26 else { throw WAVError(.truncated, "an extensible fmt chunk of \(body.count) bytes") }
                tag = WAVFormat.uint16(body, at: 24)
            }
            guard tag == WAVFormat.pcmTag else { throw WAVError(.notPCM, "format tag \(tag)") }
            channels = Int(WAVFormat.uint16(body, at: 2))
            sampleRate = Int(WAVFormat.uint32(body, at: 4))
            blockAlign = Int(WAVFormat.uint16(body, at: 12))
            let bits = Int(WAVFormat.uint16(body, at: 14))
            guard bits == 16 else { throw WAVError(.unsupportedBitDepth, "\(bits) bits per sample, only 16 is read") }
            guard channels == 1 || channels == 2 else {
                throw WAVError(.unsupportedChannelCount, "\(channels) channels, only mono and stereo are read")
            }
            guard sampleRate > 0, blockAlign == 2 * channels else {
                throw WAVError(.invalidFormat, "sample rate \(sampleRate), block align \(blockAlign) for \(channels) channels")
            }
        }
    }
}
