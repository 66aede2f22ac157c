import Logging

/// The fixed 128-bit `MESSAGE_ID` of each kind of event nianbao logs; `systemd/nianbao.catalog`
/// explains every one, so `journalctl -x` shows what happened and what to do.
///
/// Log with `logger.info("…", metadata: NianbaoMessageID.accepted.metadata + [...])`, or set
/// `metadata[NianbaoMessageID.key]`. IDs never change once shipped: journal queries depend on them.
package enum NianbaoMessageID: String, CaseIterable, Sendable {
    /// A report passed validation and was moved to accepted/.
    case accepted = "937770c0924045d5a8204c36a07cf0fd"
    /// A report had at least one error (or could not be read) and was moved to rejected/.
    case rejected = "7fdb75da30ae4a74826f315d29f61c2d"
    /// A report was set aside unchecked into rejected/ because the daemon died twice while checking it.
    case setAside = "668ff29febbf481e9748b6feedcca192"
    /// A file-system fault (disk full, permission denied…) deferred a report; it stays where it was.
    case deferred = "6dc13f794f2b450bab601823639ed96e"
    /// The kernel's inotify queue overflowed; the inbox is being re-listed.
    case overflowRescan = "4ea74a1322ea41e8987f161bb041c2cd"
    /// The watch on the inbox was lost (deleted, moved, unmounted); the daemon exits to be restarted.
    case watchLost = "740366403a9744f1b88eb2fa69eab50e"
    /// SIGHUP: the config file was re-read and its settings are in effect.
    case configReloaded = "09d4f3afbbdb4ca2ba9890fc974da1d7"
    /// SIGHUP: the config file has an error; the daemon keeps its previous settings.
    case configRefused = "bf301a142f1a4575bad0fa240b87c2f8"
    /// The daemon is watching the inbox (start-up finished, READY=1 sent).
    case started = "f1e1010396ac42b58d6bb657cc32c297"
    /// The daemon is stopping (SIGTERM/SIGINT).
    case stopping = "b3869dcdcf4a4d89a07fe3e3eb27d906"
    /// `nianbao notify` delivered a notification through a channel.
    case notificationSent = "8899345ed7a8444ba314e3e87c04192c"
    /// `nianbao notify` gave a notification up: refused by the channel, or not delivered within the maximum age.
    case notificationDropped = "c26fb59e0eee40fe95914f26f9f920a1"

    /// The metadata key the journal handler sends as `MESSAGE_ID`.
    package static let key = JournalLogHandler.messageIDKey

    /// `["message_id": id]`, to merge into a log call's metadata.
    package var metadata: Logger.Metadata { [Self.key: .string(rawValue)] }
}
