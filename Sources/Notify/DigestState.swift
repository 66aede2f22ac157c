import Glibc
import Inbox
import ReportValidation

/// The digest's state file, `digest-reminders.tsv` in the state directory: which reminders went out
/// (``ReminderLedger``), so none is sent twice for the same agency, deadline and day.
///
/// Replaced whole on each change (temporary file, fsync, rename, fsync of the folder), so a crash
/// leaves the old file or the new one, never half.
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
        } catch  where error.errno == .noSuchFileOrDirectory {
            return ReminderLedger()
        }
    }

    /// Replaces the file with `ledger` (entries older than a year dropped), through the Inbox module's
    /// one durable write (``DirectoryHandle/replaceFile(_:contents:mode:)``).
    package func save(_ ledger: ReminderLedger, today: CivilDate) throws(SystemCallError) {
        let folder = try DirectoryHandle(path: directory, followingLinks: true)
        try folder.replaceFile(FileName(Self.fileName), contents: Array(ledger.text(today: today).utf8), mode: 0o600)
    }

    /// Makes the state directory (mode 0750) when it is missing.
    package func makeDirectory() throws(SystemCallError) {
        if mkdir(directory, 0o750) != 0 && errno != EEXIST {
            throw SystemCallError.current("mkdir", path: directory)
        }
    }
}
