import Foundation
import Glibc

/// Writes stand-in programs for tests to execute.
public enum ScriptFile {
    /// Writes `text` to `path` as an executable (0755), through a close-on-exec descriptor: a child another
    /// test spawns meanwhile must not inherit the write end, or exec of the file fails with ETXTBSY.
    public static func write(_ path: String, _ text: String) throws {
        let bytes = Array(text.utf8)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            written += n
        }
    }
}
