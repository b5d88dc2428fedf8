import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// Gives memory the allocator keeps back to the system, every so often.
///
/// glibc's malloc returns only the top of its heap by itself. After a login
/// storm, the freed buffers and tasks of thousands of sign-ins sit in the
/// middle of the heap and count in the server's RSS for good: at 19,000 idle
/// sessions about a quarter of it. `malloc_trim` hands those pages back. It
/// walks the whole heap, so it runs on NIO's thread pool, not on an event
/// loop that sessions wait on.
struct MemoryTrimmer: Service {
    let interval: Duration
    let logger: Logger

    private typealias MallocTrim = @convention(c) (Int) -> Int32

    /// glibc's `malloc_trim`, looked up at run time: Swift's Glibc module
    /// does not declare it, and another C library may not have it at all.
    private static let mallocTrim: MallocTrim? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: MallocTrim.self)
    }()

    func run() async throws {
        guard let trim = Self.mallocTrim, interval > .zero else {
            try? await gracefulShutdown()
            return
        }
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                let started = ContinuousClock.now
                // A failed round is skipped: only shutdown ends this service
                // (a service that returns early would stop the server with it).
                guard let released = try? await NIOThreadPool.singleton.runIfActive({ trim(0) }) else { continue }
                logger.debug(
                    "malloc_trim",
                    metadata: ["released": "\(released != 0)", "seconds": "\(ContinuousClock.now - started)"])
            }
        }
    }
}
