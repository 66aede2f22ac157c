import ArgumentParser
import Glibc
import Inbox
import Logging
import Notify
import Register
import ReportValidation

extension Nianbao {
    struct Digest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sends the office the year's collection state, and deadline reminders to agencies without an accepted report.",
            discussion: """
                Run daily by nianbao-digest.timer. The office's reviewers (each [Notify.NAME] channel with \
                Route=office or both) get one digest: per agency accepted, rejected awaiting a new version, \
                or not yet submitted. Daily from [Notify] RemindDaysBefore= days (default 7) before an agency's \
                deadline up to the deadline day, then weekly while overdue, each agency of the directory \
                without an accepted report gets a reminder at its 邮箱 address through every mail channel with Route=agency or both; \
                the state file digest-reminders.tsv ($STATE_DIRECTORY, else ROOT/.register) keeps a \
                reminder from going out twice on one day.

                EXIT STATUS:
                  0  everything was sent (or nothing was due)
                  1  some message could not be sent (see the log)
                  2  usage or configuration error
                """)
        @OptionGroup var options: RegisterOptions
        @Option(help: "Report year (default: last year).") var year: Int?
        @Option(help: "Count days from this date (YYYY-MM-DD) instead of today.") var today: String?
        @Option(help: "Where the reminder state file is kept (default $STATE_DIRECTORY, else ROOT/.register).")
        var stateDirectory: String?
        @Flag(help: "Print the digest and the reminders due instead of sending them.") var dryRun = false
        @Option(help: ArgumentHelp("Where logs go; auto is journald if it runs, else stderr.", valueName: "target"))
        var logTarget: LogTarget = .auto

        func run() throws {
            LoggingSystem.bootstrap(logTarget.sink.factory(level: .info))
            let logger = Logger(label: "nianbao.digest")
            let today = try officeToday(today)
            let year = year ?? today.year - 1
            let settings = try options.settings()
            let notify: NotifySettings
            do { notify = try NotifyConfiguration.load(path: options.config ?? DaemonConfiguration.defaultPath) } catch {
                throw ValidationError("\(error)")
            }
            let location = try digestRegister(settings)
            let passwordFile = settings.registerPasswordFile
            let records = try BlockingTask.run { try await Self.records(year: year, at: location, passwordFile: passwordFile) }
            let status = CollectionStatus(
                year: year, today: today, directory: settings.agencies, submissions: records.map(OfficeSubmission.init),
                deadlines: settings.deadlines)
            let state = DigestState(directory: stateDirectory ?? Self.environment("STATE_DIRECTORY") ?? settings.root + "/.register")
            let madeAt = Int64(time(nil)) * 1_000_000
            let plan = OfficeDigest(
                status: status, directory: settings.agencies, language: settings.language, remindDaysBefore: notify.remindDaysBefore,
                madeAt: madeAt)
            if dryRun {
                ConsoleOutput.write(plan.digest(reminded: []).body)
                for reminder in plan.dueReminders {
                    guard let address = reminder.address else {
                        ConsoleOutput.write("\n--- \(reminder.line.agency)：名录中没有邮箱，不发提醒\n")
                        continue
                    }
                    let message = plan.message(reminder)
                    ConsoleOutput.write("\n--- To: \(address)\nSubject: \(message.subject)\n\n" + message.body)
                }
                return
            }
            let run = DigestRun(notify: notify, plan: plan, state: state, today: today, logger: logger)
            let failures = try BlockingTask.run { try await run.send() }
            if failures > 0 { throw ExitCode(1) }
        }

        /// The register the digest reads: the one the daemon writes (``RegisterLocation/resolve``), or `--register`.
        func digestRegister(_ settings: InboxSettings) throws -> RegisterLocation {
            try options.location(settings)
        }

        /// Every record of `year`; none when the embedded register does not exist yet (nothing filed: all is missing).
        static func records(year: Int, at location: RegisterLocation, passwordFile: String = "") async throws -> [RegisterRecord] {
            if case .sqlite(let path) = location, access(path, F_OK) != 0 { return [] }
            let store = try await ReconnectingRegister.open(
                location, passwordFile: passwordFile, logger: Logger(label: "nianbao.digest") { _ in SwiftLogNoOpLogHandler() })
            do {
                let records = try await store.summaries(year: year)
                try await store.close()
                return records
            } catch {
                try? await store.close()
                throw error
            }
        }

        static func environment(_ name: String) -> String? {
            getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}

/// One run of the digest: reminders first (each recorded in the state file as soon as it went out),
/// then the office's digest, which names the agencies reminded.
struct DigestRun: Sendable {
    let notify: NotifySettings
    /// The day's digest and reminders; each channel renders them in its own `Language=`.
    let plan: OfficeDigest
    let state: DigestState
    let today: CivilDate
    let logger: Logger

    /// Sends everything due; returns how many messages failed.
    func digest(_ language: Language) -> OfficeDigest {
        var plan = plan
        plan.language = language
        return plan
    }

    func send() async throws -> Int {
        try await DigestDelivery.with(settings: notify, credentials: .fromEnvironment(), logger: logger) { delivery in
            try await send(through: delivery)
        }
    }

    func send(through delivery: DigestDelivery) async throws -> Int {
        var failures = 0
        var ledger = ReminderLedger()
        let reminderChannels = notify.channels.filter { $0.kind == .mail && $0.route != .office }
        let due = digest(.zh).dueReminders
        if !due.isEmpty {
            try state.makeDirectory()
            ledger = try state.load()
            if reminderChannels.isEmpty {
                logger.warning("\(due.count) reminders due but no mail channel has Route=agency or both: none sent")
            }
        }
        for reminder in due where !ledger.sent.contains(reminder.key) && !reminderChannels.isEmpty {
            guard let address = reminder.address else {
                logger.warning(
                    "no 邮箱 for \(reminder.line.agency) in the directory: not reminded", metadata: ["agency": "\(reminder.line.agency)"])
                continue
            }
            var sent = false
            for channel in reminderChannels {
                let message = digest(channel.language).message(reminder)
                do {
                    let receipt = try await delivery.send(message, on: channel, to: [address])
                    logger.info(
                        "reminder to \(reminder.line.agency) sent on \(channel.name): \(receipt)",
                        metadata: ["agency": "\(reminder.line.agency)", "channel": "\(channel.name)"])
                    sent = true
                } catch {
                    failures += 1
                    logger.error(
                        "reminder to \(reminder.line.agency) not sent on \(channel.name): \(error)",
                        metadata: ["agency": "\(reminder.line.agency)", "channel": "\(channel.name)"])
                }
            }
            if sent {
                ledger.sent.insert(reminder.key)
                try state.save(ledger, today: today)
            }
        }
        let reminded = due.filter { ledger.sent.contains($0.key) }
        let officeChannels = notify.channels.filter { $0.route != .agency }
        if officeChannels.isEmpty { logger.warning("no channel with Route=office or both: no digest sent") }
        for channel in officeChannels {
            if channel.kind == .mail && channel.reviewers.isEmpty {
                logger.warning("[Notify.\(channel.name)] has no Reviewers=: no digest sent on it")
                continue
            }
            let message = digest(channel.language).digest(reminded: reminded)
            do {
                let receipt = try await delivery.send(message, on: channel, to: channel.reviewers)
                logger.info("digest sent on \(channel.name): \(receipt)", metadata: ["channel": "\(channel.name)"])
            } catch {
                failures += 1
                logger.error("digest not sent on \(channel.name): \(error)", metadata: ["channel": "\(channel.name)"])
            }
        }
        return failures
    }
}
