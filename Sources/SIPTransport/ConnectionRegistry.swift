import NIOCore
import Synchronization

/// Open TCP connections by remote address, shared by the endpoint (to reuse
/// them for sending) and the connection handlers (which add and remove
/// themselves).
final class ConnectionRegistry: Sendable {
    private let channels = Mutex<[SocketAddress: any Channel]>([:])

    func add(_ channel: any Channel) {
        guard let remote = channel.remoteAddress else { return }
        channels.withLock { $0[remote] = channel }
    }

    func remove(_ channel: any Channel, remote: SocketAddress?) {
        guard let remote else { return }
        channels.withLock { all in
            if all[remote] === channel { all[remote] = nil }
        }
    }

    func channel(to address: SocketAddress) -> (any Channel)? {
        channels.withLock { $0[address] }.flatMap { $0.isActive ? $0 : nil }
    }

    func removeAll() -> [any Channel] {
        channels.withLock { all in
            defer { all.removeAll() }
            return Array(all.values)
        }
    }
}
