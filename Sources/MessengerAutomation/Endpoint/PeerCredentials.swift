import NIOCore

#if canImport(Glibc)
import Glibc

/// The uid of the process at the other end of a Unix socket (SO_PEERCRED):
/// only the user who runs the client may automate it (automation-rpc.md, Transport).
enum PeerCredentials {
    static func uid(of channel: any Channel) -> EventLoopFuture<uid_t?> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(nil)
        }
        let future: EventLoopFuture<PeerCredential> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return future.map { credential -> uid_t? in credential.uid }.recover { _ in nil }
    }

    /// Linux's `struct ucred` (pid, uid, gid), which the Glibc module does not
    /// export without _GNU_SOURCE; three 32-bit fields in this order.
    struct PeerCredential: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    static var ownUID: uid_t { getuid() }
}
#endif
