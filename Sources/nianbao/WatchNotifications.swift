import Glibc
import Inbox
import Logging
import Notify

/// The daemon's side of notifications: the outbox it queues into (nil when no `[Notify.NAME]` channel
/// is configured), caught up at start with what a crash left unqueued.
enum WatchNotifications {
    /// The queue for `settings`, or nil (no channel, or a config or outbox error, logged: intake goes on).
    static func queue(source: ConfigurationSource, settings: InboxSettings, logger: Logger) -> OutboxQueue? {
        let notify: NotifySettings
        do {
            notify = try Nianbao.NotifyCommand.notifySettings(source)
        } catch {
            logger.error("notifications are off: \(error)")
            return nil
        }
        return queue(notify, settings: settings, logger: logger)
    }

    /// The queue for `notify`'s channels, or nil (none, or an outbox error, logged).
    static func queue(_ notify: NotifySettings, settings: InboxSettings, logger: Logger) -> OutboxQueue? {
        guard !notify.channels.isEmpty else { return nil }
        let path = Outbox.path(root: settings.root)
        do {
            // ROOT/.outbox when run by hand: the root is made here (one level) as the daemon would make it.
            do {
                try SystemCall.run("mkdir", path: settings.root) { mkdir(settings.root, 0o777) }
            } catch  where error.errno == .fileExists {}
            let outbox = try Outbox(path: path)
            logger.info("notifications of \(notify.channels.count) channels queued in \(path)", metadata: .fields([.outbox: path]))
            return OutboxQueue(outbox: outbox, settings: notify, office: settings.root, agencies: settings.agencies, logger: logger)
        } catch {
            logger.error(
                "notifications are off: the outbox cannot be opened: \(error)", metadata: .fields([.outbox: path, .error: "\(error)"]))
            return nil
        }
    }

    /// At SIGHUP: the channels, routes and directory of the re-read config, in force for the verdicts filed
    /// from then on. A `[Notify]` section with an error is refused and the channels in force are kept.
    static func reload(_ current: CurrentOutboxQueue, source: ConfigurationSource, settings: InboxSettings, logger: Logger) {
        let notify: NotifySettings
        do {
            notify = try Nianbao.NotifyCommand.notifySettings(source)
        } catch {
            logger.error("notification channels not reloaded, keeping the previous ones: \(error)")
            return
        }
        let new = queue(notify, settings: settings, logger: logger)
        if current.replace(with: new) != nil, new == nil {
            logger.info("notifications are off: no [Notify.NAME] channel in \(source.path)")
        }
    }
}
