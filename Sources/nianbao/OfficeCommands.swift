import ArgumentParser
import Glibc
import Inbox
import Logging
import Register
import ReportValidation

/// Where the office commands find the register: `--register PATH|URL`, else the embedded file in the
/// root that `--config`/`--root` name (as `watch` uses it), plus the directory and deadlines of that config.
struct RegisterOptions: ParsableArguments {
    @Option(name: .long, help: "The config file (default /etc/nianbao/nianbao.conf).")
    var config: String?
    @Option(name: .long, help: "Root folder of a daemon run by hand; its register is ROOT/.register/register.sqlite3.")
    var root: String?
    @Option(name: .long, help: "A register file (or sqlite:PATH); overrides [Register] Database= and the default.")
    var register: String?

    /// The settings of the config (defaults when the default file is absent), quietly: no log lines.
    func settings() throws -> InboxSettings {
        let source = ConfigurationSource(configPath: config, rootOverride: root)
        let quiet = Logger(label: "nianbao.office") { _ in SwiftLogNoOpLogHandler() }
        do { return try source.load(logger: quiet) } catch { throw ValidationError("\(error)") }
    }

    /// The register's location: `--register`, else where `watch` keeps it (``RegisterLocation/resolve``) —
    /// the service's state directory when its register is there, else the root's.
    func location(_ settings: InboxSettings) throws -> RegisterLocation {
        if let register {
            guard let location = RegisterLocation(parsing: register) else { throw ValidationError("--register must not be empty") }
            return location
        }
        guard settings.keepsRegister else {
            throw ValidationError(
                "this office keeps no register ([Register] Database=none in \(config ?? DaemonConfiguration.defaultPath)): give --register PATH|URL"
            )
        }
        // The service's register belongs to the service's config: `--root DIR` or another `--config` names a
        // daemon run by hand, with its own register under its root.
        let serviceConfig = root == nil && (config == nil || config == DaemonConfiguration.defaultPath)
        return RegisterLocation.resolve(
            configured: settings.registerDatabase, root: settings.root,
            stateDirectory: serviceConfig ? Self.serviceStateDirectory() : Self.environmentStateDirectory())
    }

    /// `$STATE_DIRECTORY`: set when run by systemd (the digest's unit).
    static func environmentStateDirectory() -> String? {
        getenv("STATE_DIRECTORY").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `$STATE_DIRECTORY` when run by systemd, else the unit's own (`/var/lib/nianbao`) if its register is there.
    static func serviceStateDirectory() -> String? {
        if let state = environmentStateDirectory() { return state }
        let service = RegisterLocation.serviceStateDirectory
        return access(service + "/" + RegisterLocation.embeddedFileName, F_OK) == 0 ? service : nil
    }

    /// Runs `body` on the opened register and closes it.
    func withStore<T: Sendable>(
        _ settings: InboxSettings, _ body: @escaping @Sendable (any RegisterStore) async throws -> T
    ) throws -> T {
        let location = try location(settings)
        if case .sqlite(let path) = location, access(path, F_OK) != 0 {
            ConsoleOutput.error("nianbao: no register at \(path) (it appears when `nianbao watch` files the first report)")
            Glibc.exit(2)
        }
        let passwordFile = settings.registerPasswordFile
        return try BlockingTask.run {
            let store = try await ReconnectingRegister.open(
                location, passwordFile: passwordFile, logger: Logger(label: "nianbao.office") { _ in SwiftLogNoOpLogHandler() })
            do {
                let result = try await body(store)
                try await store.close()
                return result
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}

/// Text for people, CSV and JSON for programs.
enum OfficeFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json
}

/// `export --format csv|xlsx|json`.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, xlsx, json
}

/// Today in China (UTC+8), or the `--today` given.
func officeToday(_ given: String?) throws -> CivilDate {
    if let given {
        guard let date = CivilDate(parsing: given) else { throw ValidationError("--today must be YYYY-MM-DD, got \"\(given)\"") }
        return date
    }
    return CivilDate(epochMicroseconds: Int64(time(nil)) * 1_000_000)
}

extension Nianbao {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where this year's collection stands: each agency's current verdict, versions, last date, days left.",
            discussion: """
                One line per agency of the directory ([Register] Agencies=, default /etc/nianbao/agencies.csv) \
                and per unknown agency seen, then the agencies still to chase. Deadlines: 1 月 31 日 of the next \
                year for departments and townships (条例 第四十九条), 3 月 31 日 for county-level-and-above \
                governments (第五十条).

                EXIT STATUS:
                  0  every agency's current report is accepted
                  1  some report is missing or rejected (or nothing is known at all)
                  2  usage error, or no register
                """)
        @OptionGroup var options: RegisterOptions
        @Option(help: "Report year (default: last year).") var year: Int?
        @Option(help: "Count days from this date (YYYY-MM-DD) instead of today.") var today: String?
        @Option(help: "text, csv or json.") var format: OfficeFormat = .text

        func run() throws {
            let today = try officeToday(today)
            let year = year ?? today.year - 1
            let settings = try options.settings()
            let records = try options.withStore(settings) { try await $0.summaries(year: year) }
            let status = CollectionStatus(
                year: year, today: today, directory: settings.agencies, submissions: records.map(OfficeSubmission.init),
                deadlines: settings.deadlines)
            switch format {
            case .text: print(status.text, terminator: "")
            case .csv: print(status.csv, terminator: "")
            case .json: print(status.json, terminator: "")
            }
            if !status.allAccepted { throw ExitCode(1) }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every submission of one agency over the years, with each year's current version.")
        @OptionGroup var options: RegisterOptions
        @Argument(help: "The agency, as the directory or the report's title names it.") var agency: String
        @Option(help: "text, csv or json.") var format: OfficeFormat = .text

        func run() throws {
            let settings = try options.settings()
            let name = settings.agencies?.match(agency).agency?.name ?? agency
            let records = try options.withStore(settings) { try await $0.submissions(agency: name, year: nil) }
            let history = SubmissionHistory(agency: name, submissions: records.map(OfficeSubmission.init))
            switch format {
            case .text: print(history.text, terminator: "")
            case .csv: print(history.csv, terminator: "")
            case .json: print(history.json, terminator: "")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The year's figures: one row per agency's current report, every table cell, and totals.",
            discussion: """
                CSV is UTF-8 with a BOM (Excel and WPS open it as is); xlsx is a workbook (written to \
                --output, or to standard output when it is not a terminal); JSON is nianbao.export/1.
                """)
        @OptionGroup var options: RegisterOptions
        @Option(help: "Report year.") var year: Int
        @Option(help: "csv, xlsx or json.") var format: ExportFormat = .csv
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() throws {
            let settings = try options.settings()
            let year = year
            let records = try options.withStore(settings) { try await $0.reports(year: year) }
            let export = YearExport(year: year, directory: settings.agencies, submissions: records.map(OfficeSubmission.init))
            let bytes: [UInt8]
            switch format {
            case .csv: bytes = Array(export.csv.utf8)
            case .json: bytes = Array(export.json.utf8)
            case .xlsx:
                if output == nil && isatty(1) == 1 { throw ValidationError("xlsx is binary: give --output FILE or redirect") }
                bytes = try export.workbook.bytes()
            }
            try OfficeOutput.write(bytes, to: output)
        }
    }
}

/// Writes a command's bytes to a file or standard output, whole.
enum OfficeOutput {
    static func write(_ bytes: [UInt8], to path: String?) throws {
        let fd = path.map { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) } ?? 1
        guard fd >= 0 else { throw ValidationError("cannot write \(path ?? "-"): \(String(cString: strerror(errno)))") }
        defer { if path != nil { close(fd) } }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                throw ValidationError("cannot write \(path ?? "standard output"): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}

/// Runs async work to its end from synchronous `run()`: the main thread waits on a semaphore while the
/// work runs on Swift's pool (the main thread is not a pool thread, so nothing starves).
enum BlockingTask {
    final class Box<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error>?
        let semaphore = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
        init() { sem_init(semaphore, 0, 0) }
        deinit {
            sem_destroy(semaphore)
            semaphore.deallocate()
        }
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<T>()
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            sem_post(box.semaphore)
        }
        while sem_wait(box.semaphore) != 0 && errno == EINTR {}
        return try box.result!.get()
    }
}
