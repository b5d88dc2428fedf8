/// Changes the sample rate by straight-line interpolation between
/// neighbouring samples. No low-pass filter: content above the new Nyquist
/// frequency folds back, which is acceptable for speech and test tones.
enum LinearResampler {
    static func resample(_ samples: [Int16], from inputRate: Int, to outputRate: Int) -> [Int16] {
        guard inputRate != outputRate, inputRate > 0, outputRate > 0, !samples.isEmpty else { return samples }
        let step = Double(inputRate) / Double(outputRate)
        let count = Int((Double(samples.count) / step).rounded())
        let last = samples.count - 1
        return (0..<count).map { index in
            let position = Double(index) * step
            let lower = min(Int(position), last)
            let upper = min(lower + 1, last)
            let fraction = position - Double(lower)
            let value = Double(samples[lower]) + fraction * Double(Int(samples[upper]) - Int(samples[lower]))
            return Int16(clamping: Int(value.rounded()))
        }
    }
}
