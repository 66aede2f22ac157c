import ArgumentParser
import Glibc

/// The `nianbao` command: checks 政府信息公开工作年度报告 and lists the rules it checks them by.
@main
struct Nianbao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "Checks 政府信息公开工作年度报告 (annual government information-disclosure reports) against the national format.",
        discussion: """
            nianbao reads each report (plain text, Markdown or HTML; UTF-8, UTF-16 or GB18030), \
            checks its structure, tables, arithmetic and wording against the national format \
            (2019 trial format for report years 2019–2020, 2021 format from 2021 on), and sorts it \
            into accepted or rejected. Every finding says where it is and how to fix it.

            EXAMPLES:
              nianbao check 2023年度报告.txt
              nianbao check --lang en /srv/nianbao/reports
              nianbao check --format json reports/ > findings.json
              nianbao rules --format markdown > docs/rules.md

            EXIT STATUS:
              0  every file was accepted
              1  at least one file was rejected
              2  usage error, or a file could not be read (missing, permission denied)
            """,
        version: "0.1.0",
        subcommands: [
            Check.self, Rules.self, Watch.self, NotifyCommand.self, Status.self, History.self, Export.self, OverviewPage.self, Digest.self,
            RegisterCommand.self,
        ])

    /// Runs the command, with usage errors exiting 2 (argument-parser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                ConsoleOutput.error(fullMessage(for: error))
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
