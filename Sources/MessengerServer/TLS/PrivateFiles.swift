#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File operations for secrets: exact permission bits from the moment a file
/// exists, and replacement by rename so a reader never sees half a key.
enum PrivateFiles {
    static func fileExists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// Create `path` (not its parents) with exactly `mode`; an existing folder is left as it is.
    static func createFolder(_ path: String, mode: mode_t) throws {
        if mkdir(path, mode) == 0 {
            // mkdir's mode is filtered by the umask; set the bits we asked for.
            guard chmod(path, mode) == 0 else { throw writeError(path) }
            return
        }
        let mkdirErrno = errno
        var status = stat()
        if mkdirErrno == EEXIST, stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            return
        }
        throw writeError(path, errorNumber: mkdirErrno)
    }

    /// Write `text` to a temporary file beside `path` with exactly `mode`,
    /// flush it to disk, then rename it over `path`.
    static func writeAtomically(_ text: String, to path: String, mode: mode_t) throws {
        let temporaryPath = "\(path).tmp-\(UInt64.random(in: 0...UInt64.max))"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw writeError(temporaryPath) }
        do {
            defer { close(descriptor) }
            guard fchmod(descriptor, mode) == 0 else { throw writeError(temporaryPath) }
            try writeAll(Array(text.utf8), to: descriptor, path: temporaryPath)
            guard fsync(descriptor) == 0 else { throw writeError(temporaryPath) }
        } catch {
            unlink(temporaryPath)
            throw error
        }
        guard rename(temporaryPath, path) == 0 else {
            let renameError = writeError(path)
            unlink(temporaryPath)
            throw renameError
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw writeError(path)
            }
            written += result
        }
    }

    private static func writeError(_ path: String, errorNumber: Int32 = errno) -> ServerCertificateError {
        ServerCertificateError(code: .cannotWriteFile, subject: path, detail: String(cString: strerror(errorNumber)))
    }
}
