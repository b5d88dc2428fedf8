// libFuzzer target for the XMPP XML stream parser: each input is one
// client's stream, fed in two pieces as TCP may deliver it. Any crash, hang
// or runaway allocation is a finding. Build and run with scripts/fuzz.sh; a
// normal build compiles only the message below.
#if FUZZING
import Glibc
import NIOCore
import XMPPCore

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var parser = XMLStreamParser()
    let split = size / 2
    for piece in [bytes[..<split], bytes[split...]] {
        var buffer = ByteBuffer(bytes: piece)
        // A parse error ends the stream, as it does for a connection.
        do {
            while try parser.next(from: &buffer) != nil {}
        } catch {
            return 0
        }
    }
    return 0
})
#else
print("FuzzXMLStream is a libFuzzer target: run scripts/fuzz.sh xml")
#endif
