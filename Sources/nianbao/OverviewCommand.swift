import ArgumentParser
import Glibc
import Inbox
import Logging
import Register
import ReportValidation

extension Nianbao {
    struct OverviewPage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overview",
            abstract: "Writes the overview page (ROOT/index.html) from the register, as the daemon does after each batch.",
            discussion: """
                One self-contained page for the share: this year's reports with their verdicts and links to \
                each findings page, every agency of the directory (also those with no report yet) with the \
                days to its deadline, and the year's totals. Replaced atomically, mode 0640. Useful from cron \
                and to look at the page without waiting for a report.

                EXAMPLES:
                  nianbao overview --root /srv/nianbao
                  nianbao overview --config /etc/nianbao/nianbao.conf --year 2026 --output /tmp/overview.html
                  nianbao overview --register /var/lib/nianbao/register.sqlite3 --output -
                """)
        @OptionGroup var options: RegisterOptions
        @Option(help: "Report year (default: last year, the one collected this year).") var year: Int?
        @Option(help: "Count days from this date (YYYY-MM-DD) instead of today.") var today: String?
        @Option(help: "Write this file instead of ROOT/index.html (- for standard output).") var output: String?

        func run() throws {
            let given = try today.map { try officeToday($0) }
            let settings = try options.settings()
            let target = Self.target(output, root: settings.root)
            let publisherSettings = OverviewPublisher.Settings(
                language: settings.language, directory: settings.agencies, deadlines: settings.deadlines, year: year)
            let folder: DirectoryHandle
            do {
                folder = try DirectoryHandle(path: target?.folder ?? ".", followingLinks: true)
            } catch {
                ConsoleOutput.error("nianbao: cannot open \(target?.folder ?? "."): \(error)")
                throw ExitCode(2)
            }
            let quiet = Logger(label: "nianbao.overview") { _ in SwiftLogNoOpLogHandler() }
            let page = try options.withStore(settings) { store in
                let publisher = OverviewPublisher(store: store, folder: folder, settings: publisherSettings, logger: quiet)
                guard let target else { return try await publisher.page(today: given) }
                try await publisher.publish(as: target.name, today: given)
                return ""
            }
            if target == nil { ConsoleOutput.write(page) }
        }

        /// Where the page goes: `--output` split into folder and name, ROOT/index.html by default, nil for `-`.
        static func target(_ output: String?, root: String) -> (folder: String, name: String)? {
            guard let output else { return (root, OverviewPublisher.fileName) }
            guard output != "-" else { return nil }
            guard let slash = output.lastIndex(of: "/") else { return (".", output) }
            let folder = String(output[..<slash])
            return (folder.isEmpty ? "/" : folder, String(output[output.index(after: slash)...]))
        }
    }
}
