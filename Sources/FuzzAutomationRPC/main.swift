// libFuzzer target for the automation socket's JSON-RPC line protocol: the
// input is what a local client writes, split into lines exactly as the
// endpoint splits them, and each line runs through the real connection and
// method table of a signed-out Messenger. Any crash or hang is a finding, and
// so is a line written back that is not a JSON-RPC 2.0 object. Build and run
// with scripts/fuzz.sh rpc; a normal build compiles only the message below.
#if FUZZING
import Dispatch
import FuzzDriver
import Logging
@testable import MessengerAutomation
import MessengerKit
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded

/// One Messenger for the whole run: it is signed out and its server address
/// refuses connections, so a `Signin` fails fast instead of waiting.
let messenger: Messenger = {
    var configuration = Messenger.Configuration(signinName: "alice@example.test", password: nil)
    configuration.host = "127.0.0.1"
    configuration.port = 9
    do {
        return try Messenger(configuration: configuration)
    } catch {
        fatalError("cannot make the messenger under test: \(error)")
    }
}()

/// The lines the endpoint would read from `input`, as its decoder cuts them.
func lines(of input: UnsafeBufferPointer<UInt8>) -> [InputLine] {
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(AutomationLineDecoder(maximumLength: 4096)))
    defer { _ = try? channel.finish() }
    do {
        try channel.writeInbound(ByteBuffer(bytes: input))
    } catch {
        fatalError("the line decoder threw: \(error)")
    }
    var result: [InputLine] = []
    while let line = try? channel.readInbound(as: InputLine.self) { result.append(line) }
    return result
}

/// Every line the endpoint writes must be a JSON-RPC 2.0 object.
func checkWritten(_ written: [String]) {
    for text in written {
        guard case .object(let object) = try? JSONValue(parsing: text), object["jsonrpc"] == .string("2.0") else {
            fatalError("the endpoint wrote a line that is not JSON-RPC 2.0: \(text.prefix(200))")
        }
    }
}

runFuzzer { input in
    let requests = lines(of: input)
    guard !requests.isEmpty else { return }
    let written = NIOLockedValueBox<[String]>([])
    var logger = Logger(label: "fuzz.rpc")
    logger.logLevel = .critical
    let connection = AutomationConnection(
        messenger: messenger, send: { line in written.withLockedValue { $0.append(line) }; return true }, close: {},
        logger: logger)
    let done = DispatchSemaphore(value: 0)
    // Detached: top-level code is on the main actor, which this thread now blocks.
    Task.detached {
        for request in requests {
            switch request {
            case .line(let line): await connection.receive(bytes: line.readableBytesView)
            case .oversized: await connection.receiveOversized()
            }
        }
        // Stops its event and view pumps, as a client hanging up does.
        await connection.end()
        done.signal()
    }
    done.wait()
    checkWritten(written.withLockedValue { $0 })
}
#else
print("FuzzAutomationRPC is a libFuzzer target: run scripts/fuzz.sh rpc")
#endif
