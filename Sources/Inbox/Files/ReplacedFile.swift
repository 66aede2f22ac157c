import CLinuxShims
import Glibc

extension DirectoryHandle {
    /// Replaces `name` in this folder by `bytes` atomically: a reader sees the old file or the new one,
    /// never a part, and after a crash one of the two is on disk whole.
    ///
    /// Written as `.NAME.PID.tmp` (created exclusively, links not followed, `mode` set with `fchmod` so
    /// the umask does not narrow it), `fsync`ed, renamed over `name`, then the folder is `fsync`ed. A
    /// temporary file a crashed writer of the same PID left behind is removed and the write retried.
    package func replaceFile(_ name: FileName, contents bytes: [UInt8], mode: mode_t = 0o640) throws(SystemCallError) {
        try writeDurably(name, contents: bytes, mode: mode, replacing: true)
    }

    /// ``replaceFile(_:contents:mode:)`` for a name that must not exist yet: the rename is
    /// `RENAME_NOREPLACE`, so it fails with `EEXIST` (and leaves the existing file alone) when it does.
    package func placeFile(_ name: FileName, contents bytes: [UInt8], mode: mode_t = 0o640) throws(SystemCallError) {
        try writeDurably(name, contents: bytes, mode: mode, replacing: false)
    }

    private func writeDurably(_ name: FileName, contents bytes: [UInt8], mode: mode_t, replacing: Bool) throws(SystemCallError) {
        let temporary = FileName([UInt8(ascii: ".")] + name.bytes + Array(".\(getpid()).tmp".utf8))
        let cTemporary = temporary.cString
        let fd: CInt
        do {
            fd = try create(temporary, mode: mode)
        } catch  where error.errno == .fileExists {
            try removeFile(temporary)
            fd = try create(temporary, mode: mode)
        }
        do {
            defer { _ = Glibc.close(fd) }
            try SystemCall.run("fchmod", path: shown(temporary)) { fchmod(fd, mode) }
            try SystemCall.writeAll(fd, bytes, path: shown(temporary))
            try SystemCall.run("fsync", path: shown(temporary)) { fsync(fd) }
        } catch {
            _ = unlinkat(descriptor, cTemporary, 0)
            throw error
        }
        do {
            if replacing {
                try SystemCall.run("rename", path: shown(temporary) + " → " + shown(name)) {
                    renameat(descriptor, cTemporary, descriptor, name.cString)
                }
            } else {
                try move(temporary, to: self, as: name)
            }
        } catch {
            _ = unlinkat(descriptor, cTemporary, 0)
            throw error
        }
        try SystemCall.run("fsync", path: path) { fsync(descriptor) }
    }

    private func create(_ name: FileName, mode: mode_t) throws(SystemCallError) -> CInt {
        try SystemCall.run("open", path: shown(name)) {
            openat(descriptor, name.cString, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        }
    }
}
