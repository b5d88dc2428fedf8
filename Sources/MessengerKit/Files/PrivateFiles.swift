import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folders (0700) and files (0600) only their owner may read: the client's
/// data folder, its history, the web UI's token. One implementation, so
/// every private file gets the same care (modes set despite the umask,
/// files written whole or not at all).
public enum PrivateFiles {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates the folder and its parents if needed and makes the folder
    /// itself 0700, also when it existed with wider permissions.
    public static func createFolder(_ path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(description: "cannot create \(path): \(error.localizedDescription)")
        }
        guard chmod(path, 0o700) == 0 else {
            throw Failure(description: "cannot make \(path) private: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes a temporary file that is 0600 from its first byte, flushes it
    /// to disk, then renames it over `path`: a reader sees the old contents
    /// or the new, never a mix, and never a moment of wider permissions.
    public static func writeAtomically(_ data: Data, to path: String) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        var written = 0
        while written < data.count {
            let result = data.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, data.count - written)
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { break }
            written += result
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(reason)")
        }
    }
}
