// libFuzzer target for the XMPP XML stream parser: each input is one
// client's stream, fed in two pieces as TCP may deliver it. Any crash, hang
// or runaway allocation is a finding. Build and run with scripts/fuzz.sh; a
// normal build compiles only the message below.
#if FUZZING
import FuzzDriver
import NIOCore
import XMPPCore

runFuzzer { input in
    var parser = XMLStreamParser()
    let split = input.count / 2
    for piece in [input[..<split], input[split...]] {
        var buffer = ByteBuffer(bytes: piece)
        // A parse error ends the stream, as it does for a connection.
        do {
            while try parser.next(from: &buffer) != nil {}
        } catch {
            return
        }
    }
}
#else
print("FuzzXMLStream is a libFuzzer target: run scripts/fuzz.sh xml")
#endif
