import Foundation

#if canImport(Glibc)
import Glibc
#endif

public enum AutomationEndpointError: Error, Sendable, CustomStringConvertible {
    case alreadyRunning(path: String)
    case notASocket(path: String)
    case cannotPrepare(path: String, reason: String)

    public var description: String {
        switch self {
        case .alreadyRunning(let path): "another Communicator is already listening at \(path)"
        case .notASocket(let path): "\(path) exists and is not a socket; refusing to replace it"
        case .cannotPrepare(let path, let reason): "cannot prepare \(path): \(reason)"
        }
    }
}

/// The socket file's life: a private folder, no stale socket left behind,
/// never a live one (or a regular file) taken over.
enum SocketFile {
    /// Creates the folder with mode 0700 when missing. An existing folder
    /// keeps its mode (it may be a shared folder the user chose), but one
    /// that others can write into is refused: they could swap the socket.
    static func prepareFolder(for path: String) throws(AutomationEndpointError) {
        let folder = (path as NSString).deletingLastPathComponent
        var info = stat()
        if stat(folder, &info) != 0 {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotPrepare(path: folder, reason: "\(error.localizedDescription)")
            }
            return
        }
        let othersMayWrite = info.st_mode & (S_IWGRP | S_IWOTH) != 0
        let sticky = info.st_mode & S_ISVTX != 0
        if othersMayWrite && !sticky {
            throw .cannotPrepare(path: folder, reason: "the folder is writable by other users")
        }
    }

    /// Removes a socket nobody listens on; throws when someone does.
    static func removeStale(at path: String) throws(AutomationEndpointError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path: path) }
        if isListening(path) { throw .alreadyRunning(path: path) }
        unlink(path)
    }

    static func restrictToOwner(_ path: String) throws(AutomationEndpointError) {
        guard chmod(path, 0o600) == 0 else {
            throw .cannotPrepare(path: path, reason: String(cString: strerror(errno)))
        }
    }

    static func remove(_ path: String) {
        unlink(path)
    }

    /// Whether a process accepts connections on the socket at `path`.
    private static func isListening(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let bytes = Array(path.utf8)
        guard bytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
