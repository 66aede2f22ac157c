import ArgumentParser
import Inbox
import Logging
import ReportValidation

extension Nianbao {
    /// `nianbao check FILE|DIR…`: judges reports and prints their findings.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check reports and print the verdict and findings of each.",
            discussion: """
                Each FILE is judged on its own, read exactly as `nianbao watch` reads the inbox, so \
                check predicts the daemon's verdict. A DIR (or a symbolic link to one) stands for \
                the entries directly in it (not subfolders, no dotfiles), in byte order of their \
                names, which are kept as bytes: a GBK-named file is read and shown with \\xNN \
                escapes. The same folder named twice is listed once.

                A FILE that is itself a symbolic link is not followed, in a DIR or on the command \
                line: it is rejected with FILE-008, like a FIFO, device, socket or hard link (a file \
                with several names, which another name could change). Name the target instead. A \
                file that is too large is rejected with FILE-005, one this user may not read with \
                FILE-009. A file or folder that does not exist or cannot be listed is reported on \
                standard error and makes the exit status 2.

                With --format json, one FILE gives one JSON object and anything else (a DIR, or \
                several operands) an array of them; the schema is nianbao.findings/2 \
                (docs/findings-json.md). With --format html, exactly one FILE gives its findings \
                page: the page the daemon writes beside a filed report as REPORT.findings.html.

                EXAMPLES:
                  nianbao check 2023年度报告.txt
                  nianbao check --lang en reports/
                  nianbao check --format json reports/ > findings.json
                  nianbao check --format html 2023年度报告.txt > 2023年度报告.findings.html
                  nianbao check --severity FEE-001=warning --severity TEXT-006=error report.txt
                  nianbao check --max-size 5M /srv/nianbao/inbox
                  nianbao check --previous 2022年报.txt 2023年报.txt
                  nianbao check --agencies /etc/nianbao/agencies.csv reports/

                EXIT STATUS:
                  0  every file was accepted
                  1  at least one file was rejected
                  2  usage error, or a file or folder could not be found or listed
                """)

        @Argument(help: ArgumentHelp("Report files, or directories of report files.", valueName: "FILE|DIR"))
        var paths: [String]

        @Option(name: .customLong("lang"), help: "Language of the findings: zh (中文) or en.")
        var language: Language = .zh

        @Option(help: "Output: text for people, json for programs, html for one file's printable findings page.")
        var format: FindingsFormat = .text

        @Option(
            name: .customLong("severity"),
            help: ArgumentHelp(
                "Make a rule an error or a warning for this run (repeatable), e.g. FEE-001=warning.",
                valueName: "CODE=error|warning"),
            transform: { try SeverityOverride.parse($0).get() })
        var severities: [SeverityOverride] = []

        @Option(
            help: ArgumentHelp(
                "Largest file to read; larger files are rejected unread (K, M, G = KiB, MiB, GiB).",
                valueName: "size"))
        var maxSize: ByteSize = .defaultLimit

        @Option(
            help: ArgumentHelp(
                "Last year's report of the same agency: the cross-year rules (T3-XYR-001, T2-009, DUP-001) compare with it.",
                valueName: "FILE"))
        var previous: String?

        @Option(
            help: ArgumentHelp(
                "The office's agency directory (agencies.csv: UTF-8, UTF-8 with BOM or GBK): unknown agencies get REG-001.",
                valueName: "FILE"))
        var agencies: String?

        @Option(
            help: ArgumentHelp(
                "A register (an embedded SQLite file) to read each report's history from, as the daemon does: "
                    + "last year's report for the cross-year rules and earlier submissions for the resubmission note.",
                valueName: "PATH|URL"))
        var register: String?

        func validate() throws {
            if format == .html && paths.count != 1 {
                throw ValidationError("--format html takes exactly one FILE (one findings page per report)")
            }
        }

        func run() throws {
            // Only warnings reach standard error: a missing GB18030 converter, not which PDF tool is used.
            let logger = Logger(label: "nianbao.check") { _ in LineLogHandler(level: .warning, syslogPrefix: false) }
            var judge = CheckerFactory(logger: logger).judge(
                CheckerSettings(
                    severityOverrides: SeverityOverride.table(severities), maximumFileSize: maxSize.bytes, language: language))
            let currentYear = ReportingClock.currentYear()
            var raw = RawArguments()
            if let agencies {
                guard let directory = History.directory(raw.bytes(of: agencies), reader: judge) else { throw ExitCode(2) }
                judge.check.validator.agencies = directory
            }
            if let register {
                guard let source = History.register(register) else { throw ExitCode(2) }
                judge.history = source
            }
            let history = previous.flatMap { History.previousReport(raw.bytes(of: $0), judge: judge, currentYear: currentYear) }
            // One FILE operand gives one report (or nothing if it was unreadable); anything else a list,
            // written file by file so memory stays flat over thousands of reports. Each operand is opened
            // only when its turn comes, so thousands of FILE operands never hold thousands of descriptors.
            var tally = RunTally()
            var written = 0
            var listedFolders = Set<[UInt64]>()
            var sawFolder = false
            for path in paths {
                let bytes = raw.bytes(of: path)
                let shown = FileName(bytes).shown
                let operand: ReportOperand
                do {
                    operand = try ReportOperand.open(bytes)
                } catch {
                    ConsoleOutput.error("cannot read \(shown): \(error)")
                    tally.unreadable += 1
                    continue
                }
                let isSingleFile: Bool
                let reports: [(folder: DirectoryHandle, name: FileName, shown: String)]
                switch operand {
                case .file(let folder, let name):
                    isSingleFile = paths.count == 1
                    reports = [(folder, name, shown)]
                case .folder(let folder):
                    isSingleFile = false
                    sawFolder = true
                    let names: [FileName]
                    do {
                        let status = try folder.status()
                        // The same folder named twice (say, once through a symbolic link) is listed once.
                        guard listedFolders.insert([status.device, status.inode]).inserted else { continue }
                        names = try ReportFileReader.reportNames(in: folder)
                    } catch {
                        ConsoleOutput.error("cannot list \(shown): \(error)")
                        tally.unreadable += 1
                        continue
                    }
                    let base = shown.hasSuffix("/") ? shown : shown + "/"
                    reports = names.map { (folder, $0, base + $0.shown) }
                }
                for report in reports {
                    let file: CheckedFile
                    do {
                        let judgement = try judge.judge(
                            report.name, in: report.folder, fileName: report.name, currentYear: currentYear, previous: history)
                        History.noteYearMismatch(history, judgement.report.result, shown: report.shown)
                        file = CheckedFile(path: report.shown, report: judgement.report)
                    } catch {
                        ConsoleOutput.error("cannot read \(report.shown): \(error)")
                        tally.unreadable += 1
                        continue
                    }
                    if file.verdict == .accepted { tally.accepted += 1 } else { tally.rejected += 1 }
                    if isSingleFile {
                        switch format {
                        case .json: ConsoleOutput.write(FindingsJSON(language: language).render(file))
                        case .html: ConsoleOutput.write(FindingsHTML(language: language).render(file))
                        case .text: ConsoleOutput.write(FindingsText(language: language).render(file))
                        }
                    } else if format == .html {
                        ConsoleOutput.error("--format html takes one FILE, not a folder: name one report")
                        throw ExitCode(2)
                    } else if format == .json {
                        ConsoleOutput.write((written == 0 ? "[\n" : ",\n") + FindingsJSON(language: language).renderArrayElement(file))
                    } else {
                        ConsoleOutput.write(
                            (written == 0 ? "" : "\n" + String(repeating: "=", count: 60) + "\n\n")
                                + FindingsText(language: language).render(file))
                    }
                    written += 1
                }
            }
            if paths.count != 1 || sawFolder {
                if format == .json {
                    ConsoleOutput.write(written == 0 ? "[]\n" : "\n]\n")
                } else if written + tally.unreadable > 1 {
                    ConsoleOutput.write("\n" + FindingsText(language: language).tallyLine(tally) + "\n")
                }
            }
            let status = tally.exitStatus
            if status != 0 { throw ExitCode(status) }
        }
    }
}
