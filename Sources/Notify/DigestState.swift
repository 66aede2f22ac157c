import Glibc
import Inbox
import ReportValidation

/// The digest's state file, `digest-reminders.tsv` in the state directory: which reminders went out
/// (``ReminderLedger``), so none is sent twice for the same agency, deadline and day.
///
/// Replaced whole on each change: written to a temporary file in the same directory, flushed, renamed
/// over the old one and the directory flushed, so a crash leaves the old file or the new one, never half.
package struct DigestState: Sendable {
    package var directory: String
    package static let fileName = "digest-reminders.tsv"

    package init(directory: String) {
        self.directory = directory
    }

    package var path: String { directory + "/" + Self.fileName }

    /// The ledger on disk; empty when there is no file yet.
    package func load() throws(SystemCallError) -> ReminderLedger {
        do throws(SystemCallError) {
            guard case .bytes(let bytes) = try DaemonConfiguration.readRaw(path) else {
                throw SystemCallError(call: "read", path: path, errno: .invalidArgument)
            }
            return ReminderLedger(text: String(decoding: bytes, as: UTF8.self))
        } catch where error.errno == .noSuchFileOrDirectory {
            return ReminderLedger()
        }
    }

    /// Replaces the file with `ledger` (entries older than a year dropped).
    package func save(_ ledger: ReminderLedger, today: CivilDate) throws(SystemCallError) {
        let temporary = path + ".tmp"
        let fd = try SystemCall.run("open", path: temporary) {
            open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o640)
        }
        do {
            try SystemCall.writeAll(fd, Array(ledger.text(today: today).utf8), path: temporary)
            _ = try SystemCall.run("fsync", path: temporary) { fsync(fd) }
        } catch {
            _ = close(fd)
            _ = unlink(temporary)
            throw error
        }
        _ = close(fd)
        _ = try SystemCall.run("rename", path: path) { rename(temporary, path) }
        let directoryFD = try SystemCall.run("open", path: directory) { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { _ = close(directoryFD) }
        _ = try SystemCall.run("fsync", path: directory) { fsync(directoryFD) }
    }

    /// Makes the state directory (mode 0750) when it is missing.
    package func makeDirectory() throws(SystemCallError) {
        if mkdir(directory, 0o750) != 0 && errno != EEXIST {
            throw SystemCallError.current("mkdir", path: directory)
        }
    }
}
