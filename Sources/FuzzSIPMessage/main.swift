// libFuzzer target for the SIP parser: each input is parsed as one datagram
// and fed to the TCP framer in two pieces, the two ways the network reaches
// it. Any crash, hang or runaway allocation is a finding. Build and run with
// scripts/fuzz.sh; a normal build compiles only the message below.
#if FUZZING
import FuzzDriver
import SIPCore

runFuzzer { input in
    let bytes = Array(input)
    _ = try? SIPMessageParser.parse(datagram: bytes)
    var framer = SIPStreamFramer()
    let split = bytes.count / 2
    framer.append(bytes[..<split])
    while (try? framer.next()) != nil {}
    framer.append(bytes[split...])
    while (try? framer.next()) != nil {}
}
#else
print("FuzzSIPMessage is a libFuzzer target: run scripts/fuzz.sh sip")
#endif
