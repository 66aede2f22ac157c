import CLinuxShims
import Glibc

extension DirectoryHandle {
    /// `fsync` of the directory: its entries (a rename, a new or removed name) are on disk.
    package func synchronize() throws(SystemCallError) {
        try SystemCall.run("fsync", path: path) { fsync(descriptor) }
    }

    /// `renameat` of `name` to `target/newName`, replacing what is there.
    package func replace(_ name: FileName, to target: DirectoryHandle, as newName: FileName) throws(SystemCallError) {
        try SystemCall.run("renameat", path: shown(name) + " → " + target.shown(newName)) {
            renameat(descriptor, name.cString, target.descriptor, newName.cString)
        }
    }

    /// The bytes of the regular file `name` (never through a symbolic link); nil when it is absent,
    /// not a regular file, or larger than `limit`.
    package func readFile(_ name: FileName, limit: Int) throws(SystemCallError) -> [UInt8]? {
        let fd: CInt
        do {
            fd = try SystemCall.run("open", path: shown(name)) {
                openat(descriptor, name.cString, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            }
        } catch  where error.errno == .noSuchFileOrDirectory || error.errno == .tooManySymbolicLinkLevels {
            return nil
        }
        defer { _ = Glibc.close(fd) }
        var st = stat()
        try SystemCall.run("fstat", path: shown(name)) { fstat(fd, &st) }
        guard st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) <= limit else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = try SystemCall.run("read", path: shown(name)) {
                chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            if bytes.count > limit { return nil }
        }
    }

    /// Opens the subdirectory `name`, making it first with `mode` when it does not exist.
    package func subdirectory(_ name: FileName, creatingWith mode: mode_t) throws(SystemCallError) -> DirectoryHandle {
        do {
            try makeDirectory(name, mode: mode)
        } catch  where error.errno == .fileExists {}
        return try subdirectory(name)
    }
}
