import NIOConcurrencyHelpers
import XMPPCore

/// Hands a connection's parsed events to its `C2SStream`, one at a time and
/// in order, with no task alive while there is nothing to do.
///
/// A task per connection waiting for its next event cost every idle session
/// about 5 KiB (the task, its stack slab, the stream's buffer). Here a task
/// starts when an event arrives at an idle connection, handles whatever has
/// queued up meanwhile, and ends when the queue is empty; the stream's state
/// waits in between in this object.
final class C2SEventDriver: Sendable {
    private struct Inbox: Sendable {
        var events: [XMLStreamEvent] = []
        var connectionClosed = false
        /// A task is handling events; a new event just joins the queue.
        var draining = false
        /// The stream ended (an error, or the close was handled): nothing more is handled.
        var ended = false
        var state = C2SStream.State()
    }

    private enum Work {
        case event(XMLStreamEvent, C2SStream.State)
        case end(C2SStream.State)
    }

    private let stream: C2SStream
    private let executor: EventLoopTaskExecutor?
    private let inbox = NIOLockedValueBox(Inbox())

    init(stream: C2SStream, executor: EventLoopTaskExecutor?) {
        self.stream = stream
        self.executor = executor
    }

    /// From the channel handler: the next parsed event.
    func deliver(_ event: XMLStreamEvent) {
        enqueue { $0.events.append(event) }
    }

    /// From the channel handler: the connection is gone.
    func connectionClosed() {
        enqueue { $0.connectionClosed = true }
    }

    private func enqueue(_ change: (inout Inbox) -> Void) {
        let startDraining = inbox.withLockedValue { inbox in
            change(&inbox)
            guard !inbox.draining, !inbox.ended else { return false }
            inbox.draining = true
            return true
        }
        if startDraining {
            Task(executorPreference: executor) { await self.drain() }
        }
    }

    private func drain() async {
        while let work = nextWork() {
            switch work {
            case .event(let event, var state):
                let goOn = await stream.process(event, &state)
                let ended = inbox.withLockedValue { inbox in
                    inbox.state = state
                    if !goOn { inbox.ended = true }
                    return inbox.ended
                }
                if ended {
                    await stream.connectionEnded(state)
                }
            case .end(let state):
                await stream.connectionEnded(state)
            }
        }
    }

    /// What to do next, or nil (and the draining task ends) when nothing is left.
    private func nextWork() -> Work? {
        inbox.withLockedValue { inbox in
            if inbox.ended {
                inbox.events = []
                inbox.draining = false
                return nil
            }
            if !inbox.events.isEmpty {
                let event = inbox.events.removeFirst()
                // An idle connection keeps no queue storage.
                if inbox.events.isEmpty { inbox.events = [] }
                return .event(event, inbox.state)
            }
            if inbox.connectionClosed {
                inbox.ended = true
                inbox.draining = false
                return .end(inbox.state)
            }
            inbox.draining = false
            return nil
        }
    }
}
