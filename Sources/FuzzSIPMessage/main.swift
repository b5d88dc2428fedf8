// libFuzzer target for the SIP parser: each input is parsed as one datagram
// and fed to the TCP framer in two pieces, the two ways the network reaches
// it. Any crash, hang or runaway allocation is a finding. Build and run with
// scripts/fuzz.sh; a normal build compiles only the message below.
#if FUZZING
import Glibc
import SIPCore

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
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? SIPMessageParser.parse(datagram: bytes)
    var framer = SIPStreamFramer()
    let split = bytes.count / 2
    framer.append(bytes[..<split])
    while (try? framer.next()) != nil {}
    framer.append(bytes[split...])
    while (try? framer.next()) != nil {}
    return 0
})
#else
print("FuzzSIPMessage is a libFuzzer target: run scripts/fuzz.sh sip")
#endif
