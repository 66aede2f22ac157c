import CLinuxShims
import Glibc

extension DirectoryHandle {
    /// Writes `bytes` as `name` so that a crash leaves either the old file or the whole new one: a temp
    /// file `.name.tmp` written and fsynced, renamed over `name`, then the directory fsynced.
    ///
    /// - Parameter replacing: false to fail with `EEXIST` when `name` exists (`RENAME_NOREPLACE`).
    package func writeAtomically(_ name: FileName, contents bytes: [UInt8], replacing: Bool, mode: mode_t = 0o640) throws(SystemCallError) {
        let temporary = FileName([UInt8(ascii: ".")] + name.bytes + Array(".tmp".utf8))
        let fd = try SystemCall.run("open", path: shown(temporary)) {
            openat(descriptor, temporary.cString, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode)
        }
        do {
            defer { _ = Glibc.close(fd) }
            try SystemCall.writeAll(fd, bytes, path: shown(temporary))
            try SystemCall.run("fsync", path: shown(temporary)) { fsync(fd) }
        } catch {
            _ = unlinkat(descriptor, temporary.cString, 0)
            throw error
        }
        do {
            if replacing {
                try SystemCall.run("renameat", path: shown(temporary) + " → " + shown(name)) {
                    renameat(descriptor, temporary.cString, descriptor, name.cString)
                }
            } else {
                try move(temporary, to: self, as: name)
            }
        } catch {
            _ = unlinkat(descriptor, temporary.cString, 0)
            throw error
        }
        try synchronize()
    }

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
        } catch where error.errno == .noSuchFileOrDirectory || error.errno == .tooManySymbolicLinkLevels {
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
        } catch where error.errno == .fileExists {}
        return try subdirectory(name)
    }
}
