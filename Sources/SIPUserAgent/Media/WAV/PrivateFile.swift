#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file descriptor for a file only its owner may read (0600), closed by
/// `close()`. Recordings are private: they hold what someone said.
struct PrivateFile {
    private(set) var descriptor: Int32

    /// Creates `url`; with `exclusive`, fails with `.fileExists` instead of
    /// replacing a file already there.
    init(creating url: URL, exclusive: Bool) throws(WAVError) {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
        let descriptor = url.path.withCString { open($0, flags, 0o600) }
        guard descriptor >= 0 else {
            let code = errno
            throw WAVError(code == EEXIST ? .fileExists : .fileAccess, "cannot create \(url.path): \(String(cString: strerror(code)))")
        }
        self.descriptor = descriptor
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int) throws(WAVError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                pwrite(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written, off_t(offset + written))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw WAVError(.fileAccess, "write failed: \(String(cString: strerror(errno)))")
            }
            written += result
        }
    }

    mutating func close() {
        guard descriptor >= 0 else { return }
        _ = systemClose(descriptor)
        descriptor = -1
    }

    /// Creates a folder only its owner may enter (0700), with its parents.
    static func createFolder(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Darwin)
    Darwin.close(descriptor)
    #elseif canImport(Musl)
    Musl.close(descriptor)
    #else
    Glibc.close(descriptor)
    #endif
}
