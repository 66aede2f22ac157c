import ArgumentParser
import Glibc
import Inbox
import Logging
import Notify

extension Nianbao {
    /// `nianbao watch`: the inbox daemon, as run by the systemd unit or by hand on a local folder.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch an inbox folder and sort each report dropped there into accepted/ or rejected/.",
            discussion: """
                The root folder (Root= in the config file, or --root) holds four folders on one file \
                system; missing ones are created:
                  inbox/     where reports are dropped (scp, sftp, Samba, cp, mv…)
                  accepted/  reports without errors, each with three findings files:
                             REPORT.findings.txt (for people), REPORT.findings.html (the \
                page to open and print: the tables as read, wrong cells outlined) and REPORT.findings.json
                  rejected/  reports with at least one error, with the same three files
                  .work/     private: the report being judged (finished after a crash)
                  .register/ private: the register of filed reports, register.sqlite3 (as a \
                service: /var/lib/nianbao/register.sqlite3; [Register] Database= to choose)

                A report is judged once it has stopped changing for SettlePeriod (a report moved \
                into inbox/ at once). Temp names (dotfiles, *.tmp, *.part, *~…) are never picked up. \
                A name already taken in the output folder gets a suffix (report.1.txt).

                The config file is /etc/nianbao/nianbao.conf ([Inbox] Root, SettlePeriod, \
                MaximumFileSize, IgnoredNames, RescanInterval; [Findings] Language, Severity). If it \
                does not exist the defaults apply; a file given with --config must exist. The shipped \
                file lists every key with its default; README.md has the reference.

                SIGNALS:
                  SIGTERM, SIGINT  stop; the report in hand is finished or put back in inbox/
                  SIGHUP           re-read the config file; a bad one is refused (logged with
                                   its file and line) and the current settings stay

                Logs go to journald as structured entries when it runs (--log-target auto), else to \
                standard error, one line per event: "info: config reloaded nianbao_changed=Language …". \
                Under systemd (Type=notify) the daemon sends READY=1 once the inbox is watched, a \
                STATUS= line with its counts, WATCHDOG=1, RELOADING=1 and STOPPING=1.

                EXAMPLES:
                  nianbao watch --root /tmp/nianbao-demo
                  nianbao watch --config /etc/nianbao/nianbao.conf
                  kill -HUP $(pidof nianbao)         # after editing the config file

                EXIT STATUS:
                  0  stopped by SIGTERM or SIGINT
                  1  the daemon failed: the inbox was deleted or unmounted, the folders
                     are not on one file system…
                  2  usage error, or the config file is missing (--config) or has an error
                """)

        @Option(
            help: ArgumentHelp(
                "Config file; without this option \(DaemonConfiguration.defaultPath), used only if it exists.",
                valueName: "path"))
        var config: String?

        @Option(
            help: ArgumentHelp(
                "Root folder holding inbox/, accepted/, rejected/ and .work/; overrides Root= of the config file.",
                valueName: "dir"))
        var root: String?

        @Option(help: ArgumentHelp("Least severe log level written.", valueName: "level"))
        var logLevel: Logger.Level = .info

        @Option(help: ArgumentHelp("Where logs go; auto is journald if it runs, else stderr.", valueName: "target"))
        var logTarget: LogTarget = .auto

        func validate() throws {
            if let root, root.isEmpty { throw ValidationError("--root must not be empty") }
            if let config, config.isEmpty { throw ValidationError("--config must not be empty") }
        }

        func run() throws {
            // Until the reload handler is in place, a SIGHUP (its default action ends the process) is ignored.
            signal(SIGHUP, SIG_IGN)
            let level = logLevel
            LoggingSystem.bootstrap(logTarget.sink.factory(level: level))
            let logger = Logger(label: "nianbao")
            let source = ConfigurationSource(configPath: config, rootOverride: root)
            let settings: InboxSettings
            do {
                settings = try source.load(logger: logger)
            } catch {
                logger.error("\(error)")
                throw ExitCode(2)
            }
            logger.info(
                "starting",
                metadata: .fields([
                    .root: settings.root, .config: source.path, .language: settings.language.rawValue,
                ]))
            // Notifications: queued into the outbox after each filing; first, what a crash left unqueued.
            let notifications = WatchNotifications.queue(source: source, settings: settings, logger: logger)
            notifications?.catchUp(root: settings.root, now: Outbox.nowMicroseconds())
            let status = WatchLifecycle(
                source: source, settings: settings, logger: logger, notifications: CurrentOutboxQueue(notifications)
            ).runBlocking()
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// `--log-level debug|info|…`: swift-log's levels by name.
// swift-format-ignore: AvoidRetroactiveConformances
// Logging has no reason to know ArgumentParser; this executable is the one place the two meet.
extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `watch --log-target auto|journal|stderr`.
enum LogTarget: String, ExpressibleByArgument, CaseIterable {
    case auto
    case journal
    case stderr

    /// The sink: `auto` picks the journal when its socket exists.
    var sink: LogSink {
        switch self {
        case .auto: .detect()
        case .journal: .journal
        case .stderr: .standardError
        }
    }
}
