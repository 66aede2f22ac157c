import ArgumentParser
import Inbox
import ReportValidation

extension Nianbao {
    /// `nianbao check FILE|DIR…`: judges reports and prints their findings.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check reports and print the verdict and findings of each.",
            discussion: """
                Each FILE is judged on its own. A DIR stands for the regular files directly in it \
                (not in subfolders, no dotfiles), in name order. A file that is too large or is not \
                a regular file (a symbolic link, a FIFO…) is judged and rejected with a finding; a \
                file that cannot be opened (missing, permission denied) is reported on standard \
                error and makes the exit status 2.

                With --format json, one FILE gives one JSON object and anything else (a DIR, or \
                several operands) an array of them; the schema is nianbao.findings/1 \
                (docs/findings-json.md).

                EXAMPLES:
                  nianbao check 2023年度报告.txt
                  nianbao check --lang en reports/
                  nianbao check --format json reports/ > findings.json
                  nianbao check --severity FEE-001=warning --severity TEXT-006=error report.txt
                  nianbao check --max-size 5M /srv/nianbao/inbox

                EXIT STATUS:
                  0  every file was accepted
                  1  at least one file was rejected
                  2  usage error, or a file could not be read
                """)

        @Argument(help: ArgumentHelp("Report files, or directories of report files.", valueName: "FILE|DIR"))
        var paths: [String]

        @Option(name: .customLong("lang"), help: "Language of the findings: zh (中文) or en.")
        var language: Language = .zh

        @Option(help: "Output: text for people, json for programs.")
        var format: FindingsFormat = .text

        @Option(
            name: .customLong("severity"),
            help: ArgumentHelp(
                "Make a rule an error or a warning for this run (repeatable), e.g. FEE-001=warning.",
                valueName: "CODE=error|warning"),
            transform: { try SeverityOverride.parse($0).get() })
        var severities: [SeverityOverride] = []

        @Option(help: ArgumentHelp("Largest file to read; larger files are rejected unread (K, M, G = KiB, MiB, GiB).",
            valueName: "size"))
        var maxSize: ByteSize = .defaultLimit

        func run() throws {
            let legacyDecoder: IconvDecoder?
            do {
                legacyDecoder = try IconvDecoder()
            } catch {
                // Without iconv only UTF-8/UTF-16 reports can be read; GB18030 ones are rejected as undecodable.
                ConsoleOutput.error("warning: GB18030 decoding unavailable: \(error)")
                legacyDecoder = nil
            }
            let checker = ReportCheck(
                validator: Validator(severityOverrides: SeverityOverride.table(severities)),
                legacyDecoder: legacyDecoder,
                pdfExtractor: PopplerPDFExtractor())
            let currentYear = ReportingClock.currentYear()
            let operands = expandOperands()
            var unreadable = operands.unlistable
            // One FILE operand gives one report (or nothing if it was unreadable); anything else a list,
            // written file by file so memory stays flat over thousands of reports.
            var tally = RunTally()
            var written = 0
            for path in operands.files {
                let file: CheckedFile
                do {
                    file = try judge(path, with: checker, currentYear: currentYear)
                } catch {
                    ConsoleOutput.error("cannot read \(path): \(error)")
                    unreadable += 1
                    continue
                }
                if file.verdict == .accepted { tally.accepted += 1 } else { tally.rejected += 1 }
                if operands.isSingleFile {
                    ConsoleOutput.write(
                        format == .json ? FindingsJSON(language: language).render(file)
                            : FindingsText(language: language).render(file))
                } else if format == .json {
                    ConsoleOutput.write((written == 0 ? "[\n" : ",\n") + FindingsJSON(language: language).renderArrayElement(file))
                } else {
                    ConsoleOutput.write((written == 0 ? "" : "\n" + String(repeating: "=", count: 60) + "\n\n")
                        + FindingsText(language: language).render(file))
                }
                written += 1
            }
            tally.unreadable = unreadable
            if !operands.isSingleFile {
                if format == .json {
                    ConsoleOutput.write(written == 0 ? "[]\n" : "\n]\n")
                } else if written + unreadable > 1 {
                    ConsoleOutput.write("\n" + FindingsText(language: language).tallyLine(tally) + "\n")
                }
            }
            let status = tally.exitStatus
            if status != 0 { throw ExitCode(status) }
        }

        /// What the operands stand for: the files to judge, in order, and how many folders could not be listed.
        struct Operands {
            var files: [String] = []
            var unlistable = 0
            /// Exactly one operand, and it is not a directory: its report is printed on its own.
            var isSingleFile = false
        }

        /// Each FILE as given, each DIR's report files in name order.
        func expandOperands() -> Operands {
            var operands = Operands()
            var sawDirectory = false
            for path in paths {
                guard operandIsDirectory(path) else {
                    operands.files.append(path)
                    continue
                }
                sawDirectory = true
                do {
                    let base = path.hasSuffix("/") ? path : path + "/"
                    operands.files += try ReportFile.listReports(inDirectory: path).map { base + $0 }
                } catch {
                    ConsoleOutput.error("cannot list \(path): \(error.call): \(error.errno)")
                    operands.unlistable += 1
                }
            }
            operands.isSingleFile = paths.count == 1 && !sawDirectory
            return operands
        }

        /// Whether `path` names a directory (or a symbolic link to one): its files are checked.
        func operandIsDirectory(_ path: String) -> Bool {
            guard let status = try? FileStatus.ofLink(atPath: path) else { return false }
            switch status.kind {
            case .directory: return true
            case .symbolicLink: return (try? ReportFile.listReports(inDirectory: path)) != nil
            default: return false
            }
        }

        /// Reads and judges one file; throws only when it cannot be opened or read at all.
        func judge(_ path: String, with checker: ReportCheck, currentYear: Int) throws(SystemCallError) -> CheckedFile {
            let report: CheckedReport
            switch try ReportFile.read(path: path, maxSize: maxSize.bytes) {
            case .bytes(let bytes):
                report = checker.check(bytes: bytes, fileName: path, currentYear: currentYear)
            case .notRegular(let kind):
                report = checker.reject(.unsupportedFormat(kind: kind), currentYear: currentYear)
            case .problem(let problem):
                report = checker.reject(problem, currentYear: currentYear)
            }
            return CheckedFile(path: path, report: report)
        }
    }
}
