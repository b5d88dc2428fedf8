import NIOCore

/// Nanoseconds on the monotonic clock; sender and receiver live in one
/// process, so a timestamp in a message body compares directly.
enum MonotonicClock {
    static func nanoseconds() -> UInt64 {
        NIODeadline.now().uptimeNanoseconds
    }
}
