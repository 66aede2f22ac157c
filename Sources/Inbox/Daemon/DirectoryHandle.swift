import CLinuxShims
import Glibc

/// An open directory, and the `*at` calls the daemon makes relative to it with names as bytes.
///
/// Working through a directory descriptor means a path is resolved once, at start: renaming or
/// replacing a parent later cannot redirect a claim or a move, and no name is ever joined into a path.
package final class DirectoryHandle: Sendable {
    /// The descriptor, open `O_RDONLY|O_DIRECTORY|O_CLOEXEC` for the handle's lifetime.
    package let descriptor: CInt
    /// The path it was opened with, for messages.
    package let path: String

    /// Opens the directory at `path`; unless `followingLinks`, a symbolic link in the last
    /// component is refused (`ELOOP`).
    package init(path: String, followingLinks: Bool = false) throws(SystemCallError) {
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW)
        descriptor = try SystemCall.run("open", path: path) { open(path, flags) }
        self.path = path
    }

    /// Opens the directory at `path`, given as bytes (a command-line path need not be UTF-8); unless
    /// `followingLinks`, a symbolic link in the last component is refused (`ELOOP`).
    package convenience init(pathBytes path: [UInt8], followingLinks: Bool = false) throws(SystemCallError) {
        let shown = FileName(path).shown
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW)
        let cPath = FileName(path).cString
        self.init(owning: try SystemCall.run("open", path: shown) { open(cPath, flags) }, path: shown)
    }

    deinit { _ = Glibc.close(descriptor) }

    /// `path/name` for messages.
    package func shown(_ name: FileName) -> String { path + "/" + name.shown }

    /// `fstat` of the directory itself.
    package func status() throws(SystemCallError) -> FileStatus {
        var st = stat()
        try SystemCall.run("fstat", path: path) { fstat(descriptor, &st) }
        return FileStatus(st)
    }

    /// `fstatat(…, AT_SYMLINK_NOFOLLOW)`: the entry itself, never a link's target; nil when absent.
    package func status(of name: FileName) throws(SystemCallError) -> FileStatus? {
        var st = stat()
        do {
            try SystemCall.run("fstatat", path: shown(name)) { fstatat(descriptor, name.cString, &st, AT_SYMLINK_NOFOLLOW) }
        } catch  where error.errno == .noSuchFileOrDirectory {
            return nil
        }
        return FileStatus(st)
    }

    /// Whether an entry of that name exists (of any kind, a dangling link included).
    package func contains(_ name: FileName) throws(SystemCallError) -> Bool { try status(of: name) != nil }

    /// `mkdirat` with `mode` (the umask applies).
    package func makeDirectory(_ name: FileName, mode: mode_t = 0o700) throws(SystemCallError) {
        try SystemCall.run("mkdir", path: shown(name)) { mkdirat(descriptor, name.cString, mode) }
    }

    /// `renameat2(…, RENAME_NOREPLACE)`: moves `name` to `target/newName`, failing with `EEXIST`
    /// rather than replacing anything there.
    package func move(_ name: FileName, to target: DirectoryHandle, as newName: FileName) throws(SystemCallError) {
        try SystemCall.run("renameat2", path: shown(name) + " → " + target.shown(newName)) {
            nianbao_rename_noreplace(descriptor, name.cString, target.descriptor, newName.cString)
        }
    }

    /// `unlinkat` of a file (never a directory).
    package func removeFile(_ name: FileName) throws(SystemCallError) {
        try SystemCall.run("unlink", path: shown(name)) { unlinkat(descriptor, name.cString, 0) }
    }

    /// `unlinkat(…, AT_REMOVEDIR)` of an empty directory.
    package func removeDirectory(_ name: FileName) throws(SystemCallError) {
        try SystemCall.run("rmdir", path: shown(name)) { unlinkat(descriptor, name.cString, AT_REMOVEDIR) }
    }

    /// Opens the subdirectory `name` (never through a symbolic link).
    package func subdirectory(_ name: FileName) throws(SystemCallError) -> DirectoryHandle {
        let fd = try SystemCall.run("open", path: shown(name)) {
            openat(descriptor, name.cString, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        }
        return DirectoryHandle(owning: fd, path: shown(name))
    }

    private init(owning descriptor: CInt, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Creates `name` (it must not exist, links are not followed) holding `bytes`; no `fsync`:
    /// the caller makes a whole batch durable at once.
    package func createFile(_ name: FileName, contents bytes: [UInt8], mode: mode_t = 0o666) throws(SystemCallError) {
        let fd = try SystemCall.run("open", path: shown(name)) {
            openat(descriptor, name.cString, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        }
        defer { _ = Glibc.close(fd) }
        try SystemCall.writeAll(fd, bytes, path: shown(name))
    }

    /// Every entry but `.` and `..`, with its type when the file system reports it (`d_type`).
    ///
    /// Streams: `body` sees each entry as `readdir` returns it, so a huge inbox is never held in memory.
    package func forEachEntry(_ body: (FileName, FileKind?) throws(SystemCallError) -> Void) throws(SystemCallError) {
        let copy = try SystemCall.run("dup", path: path) { fcntl(descriptor, F_DUPFD_CLOEXEC, 0) }
        guard let stream = fdopendir(copy) else {
            let error = SystemCallError.current("fdopendir", path: path)
            _ = Glibc.close(copy)
            throw error
        }
        defer { closedir(stream) }
        rewinddir(stream)
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw SystemCallError.current("readdir", path: path) }
                return
            }
            // The name is read in place, up to its NUL: `readdir` packs records by `d_reclen`, so a
            // copy of the whole 256-byte `d_name` can read past the end of the kernel's buffer (SIGSEGV).
            let start = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            let length = strlen(start.assumingMemoryBound(to: CChar.self))
            let name = Array(UnsafeRawBufferPointer(start: start, count: length))
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            try body(FileName(name), Self.kind(ofEntryType: entry.pointee.d_type))
        }
    }

    /// All entry names (for the small private folders of `.work/`).
    package func entries() throws(SystemCallError) -> [FileName] {
        var names: [FileName] = []
        try forEachEntry { (name, _) throws(SystemCallError) in names.append(name) }
        return names
    }

    /// `d_type` as a ``FileKind``; nil for `DT_UNKNOWN` (ask `fstatat`).
    static func kind(ofEntryType type: UInt8) -> FileKind? {
        switch Int(type) {
        case DT_REG: .regular
        case DT_DIR: .directory
        case DT_LNK: .symbolicLink
        case DT_FIFO: .fifo
        case DT_CHR: .characterDevice
        case DT_BLK: .blockDevice
        case DT_SOCK: .socket
        default: nil
        }
    }
}
