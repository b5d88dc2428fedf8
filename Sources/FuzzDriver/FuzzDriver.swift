// Runs libFuzzer's driver around a Swift closure, for the fuzz targets
// (TOOLING.md: with -sanitize=fuzzer's own `main` clashing with SwiftPM's,
// a target calls `LLVMFuzzerRunDriver` from `fuzz-no-main` itself). Only
// compiled into scripts/fuzz.sh's builds, which define FUZZING.
#if FUZZING
import Glibc

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The closure under test. A C callback cannot capture it, so it waits here;
/// libFuzzer calls back on this one thread.
nonisolated(unsafe) private var testOneInput: ((UnsafeBufferPointer<UInt8>) -> Void)?

/// Feeds every input libFuzzer makes to `body` until the run ends, then
/// exits with libFuzzer's status (non-zero after a finding).
public func runFuzzer(_ body: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Never {
    testOneInput = body
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        testOneInput?(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
        return 0
    })
}
#endif
