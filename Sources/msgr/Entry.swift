import Foundation
import NIOCore
import NIOPosix

/// Starts `msgr`. Swift concurrency's jobs run on NIO's event loops, so a
/// task woken by a connection's bytes usually goes on on the thread that
/// read them instead of hopping to the cooperative pool and back: the
/// server's per-message CPU was mostly such hops (docs/PERFORMANCE.md).
/// `MSGR_EVENT_LOOP_EXECUTOR=0` keeps the default pool, for comparison.
@main
enum Entry {
    static func main() async {
        if ProcessInfo.processInfo.environment["MSGR_EVENT_LOOP_EXECUTOR"] != "0" {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await Msgr.main()
    }
}
