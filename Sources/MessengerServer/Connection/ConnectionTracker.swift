import NIOConcurrencyHelpers
import NIOCore

/// Every open client connection, authenticated or not, so shutdown can
/// close each stream properly.
final class ConnectionTracker: Sendable {
    private let channels = NIOLockedValueBox([ObjectIdentifier: any Channel]())

    func add(_ channel: any Channel) {
        channels.withLockedValue { $0[ObjectIdentifier(channel)] = channel }
    }

    func remove(_ channel: any Channel) {
        _ = channels.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    var count: Int { channels.withLockedValue { $0.count } }

    /// Ends every stream with `</stream:stream>` and closes it (RFC 6120 §4.4).
    func closeAll() async {
        let all = channels.withLockedValue { Array($0.values) }
        await withTaskGroup(of: Void.self) { group in
            for channel in all {
                group.addTask {
                    let bytes = channel.allocator.buffer(string: "</stream:stream>")
                    try? await channel.writeAndFlush(bytes)
                    try? await channel.close()
                }
            }
        }
    }
}
