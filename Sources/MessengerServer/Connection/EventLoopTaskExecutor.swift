import NIOCore

/// Runs a task's jobs on one NIO event loop. A connection's stream task
/// prefers its channel's loop: its writes then reach the socket without a
/// thread hop, and each event costs no wake-up of another thread. In a
/// sign-in storm the hops between the loops and Swift's shared pool were
/// about a seventh of the server's CPU (context switches and futex wakes).
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}

/// One executor per loop of a group, made once, so that connections share them.
struct EventLoopTaskExecutors: Sendable {
    private let executors: [EventLoopTaskExecutor]

    init(group: any EventLoopGroup) {
        executors = group.makeIterator().map(EventLoopTaskExecutor.init)
    }

    /// The executor for `loop`; nil for a loop from another group (the task then runs on the shared pool).
    func executor(for loop: any EventLoop) -> EventLoopTaskExecutor? {
        executors.first { $0.eventLoop === loop }
    }
}
