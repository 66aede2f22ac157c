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
        let temporary = Self.temporaryName(for: name)
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
            try SystemCall.run("rename", path: shown(temporary) + " → " + shown(name)) {
                renameat(descriptor, cTemporary, descriptor, name.cString)
            }
        } catch {
            _ = unlinkat(descriptor, cTemporary, 0)
            throw error
        }
        try SystemCall.run("fsync", path: path) { fsync(descriptor) }
    }

    /// `.NAME.PID.tmp`: where `name` is written before it is renamed into place (a dotfile, so folder
    /// listings skip it; the PID, so two processes never share one).
    package static func temporaryName(for name: FileName) -> FileName {
        FileName([UInt8(ascii: ".")] + name.bytes + Array(".\(getpid()).tmp".utf8))
    }

    private func create(_ name: FileName, mode: mode_t) throws(SystemCallError) -> CInt {
        try SystemCall.run("open", path: shown(name)) {
            openat(descriptor, name.cString, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        }
    }
}
