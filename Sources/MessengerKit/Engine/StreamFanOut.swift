import Foundation
import NIOConcurrencyHelpers

/// Hands every value to every open stream: the engine's events and its
/// change signal. A stream whose reader goes away leaves by itself; once
/// `finish()` ran, new streams end at once.
final class StreamFanOut<Element: Sendable>: Sendable {
    private let bufferingPolicy: AsyncStream<Element>.Continuation.BufferingPolicy
    /// nil once finished.
    private let continuations = NIOLockedValueBox<[UUID: AsyncStream<Element>.Continuation]?>([:])

    init(bufferingPolicy: AsyncStream<Element>.Continuation.BufferingPolicy) {
        self.bufferingPolicy = bufferingPolicy
    }

    func makeStream() -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream.makeStream(of: Element.self, bufferingPolicy: bufferingPolicy)
        let id = UUID()
        let added = continuations.withLockedValue { table in
            guard table != nil else { return false }
            table?[id] = continuation
            return true
        }
        guard added else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.continuations.withLockedValue { _ = $0?.removeValue(forKey: id) }
        }
        return stream
    }

    /// Callers yield from one actor, so every stream sees the same order.
    func yield(_ element: Element) {
        for continuation in continuations.withLockedValue({ Array(($0 ?? [:]).values) }) {
            continuation.yield(element)
        }
    }

    func finish() {
        let ending = continuations.withLockedValue { table in
            defer { table = nil }
            return Array((table ?? [:]).values)
        }
        for continuation in ending { continuation.finish() }
    }
}
