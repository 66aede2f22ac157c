import ArgumentParser
import Glibc
import Inbox
import Logging
import Notify
import ReportValidation
import UnixSignals

extension Nianbao {
    /// `nianbao notify`: delivers the outbox the daemon fills, as run by nianbao-notify.service.
    struct NotifyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notify",
            abstract: "Deliver the notifications the daemon queues (mail, chat robots, webhook, command hook).",
            discussion: """
                The daemon (nianbao watch) queues one file per verdict and channel in the outbox \
                ($STATE_DIRECTORY/outbox as a service, else ROOT/.outbox). This command delivers them \
                through the [Notify.NAME] channels of the config file, retries a failed delivery with \
                exponential backoff ([Notify] RetryDelay=, MaximumRetryDelay=) and drops what is still \
                not delivered after MaximumAge= (an error in the journal). It never reads a report. \
                Secrets come from $CREDENTIALS_DIRECTORY (LoadCredential= of the unit).

                EXAMPLES:
                  nianbao notify --config /etc/nianbao/nianbao.conf
                  nianbao notify --pending --outbox /var/lib/nianbao/outbox
                  nianbao notify --test office-mail

                EXIT STATUS:
                  0  stopped by SIGTERM or SIGINT (SIGHUP re-reads the config); --test: the channel took the message
                  1  --test: the channel refused it (its answer is printed); another notifier holds the outbox
                  2  usage error, or the config file has an error
                """)

        @Option(help: ArgumentHelp("Config file (default \(DaemonConfiguration.defaultPath), used only if it exists).", valueName: "path"))
        var config: String?

        @Option(help: ArgumentHelp("Root folder (for ROOT/.outbox when not run as a service); overrides Root=.", valueName: "dir"))
        var root: String?

        @Option(
            help: ArgumentHelp(
                "The outbox folder (default $STATE_DIRECTORY/outbox, else ROOT/.outbox); the service's is /var/lib/nianbao/outbox.",
                valueName: "dir"))
        var outbox: String?

        @Option(help: ArgumentHelp("Send a test message through this channel and print its answer.", valueName: "channel"))
        var test: String?

        @Flag(help: "List the notifications waiting in the outbox, and how many were sent and dropped.")
        var pending = false

        @Option(help: ArgumentHelp("Least severe log level written.", valueName: "level"))
        var logLevel: Logger.Level = .info

        @Option(help: ArgumentHelp("Where logs go; auto is journald if it runs, else stderr.", valueName: "target"))
        var logTarget: LogTarget = .auto

        func run() throws {
            let source = ConfigurationSource(configPath: config, rootOverride: root)
            let quiet = Logger(label: "nianbao.notify") { _ in SwiftLogNoOpLogHandler() }
            let inbox: InboxSettings
            let settings: NotifySettings
            do {
                inbox = try source.load(logger: quiet)
                settings = try Self.notifySettings(source)
            } catch {
                ConsoleOutput.error("nianbao: \(error)")
                throw ExitCode(2)
            }
            if let test { return try NotifyTest.run(channel: test, settings: settings) }
            let outbox: Outbox
            do {
                outbox = try Outbox(path: self.outbox ?? Outbox.path(root: inbox.root))
            } catch {
                ConsoleOutput.error("nianbao: the outbox cannot be opened: \(error)")
                throw ExitCode(1)
            }
            if pending { return try NotifyPending.print(outbox) }
            LoggingSystem.bootstrap(logTarget.sink.factory(level: logLevel))
            let logger = Logger(label: "nianbao.notify")
            do {
                try outbox.lockForDelivery()
            } catch {
                logger.critical("another nianbao notify delivers \(outbox.directory.path): \(error)")
                throw ExitCode(1)
            }
            logger.info(
                "delivering \(outbox.directory.path) through \(settings.channels.count) channels",
                metadata: .fields([.outbox: outbox.directory.path, .config: source.path]))
            try BlockingTask.run { await NotifyLoop(source: source, outbox: outbox, logger: logger).run(settings: settings) }
        }

        /// The `[Notify]` sections of the config (none when the default file is absent).
        static func notifySettings(_ source: ConfigurationSource) throws -> NotifySettings {
            guard source.isExplicit || access(source.path, F_OK) == 0 else { return NotifySettings() }
            return try NotifyConfiguration.load(path: source.path)
        }
    }
}
