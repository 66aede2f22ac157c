import Glibc
import Inbox
import Register
import ReportValidation

extension Nianbao.Check {
    /// The files `check` reads besides the reports: `--previous` and `--agencies`. Problems with them
    /// go to standard error; a previous report that cannot be used means judging without history.
    enum History {
        /// The previous year's report, read and judged like any report; nil (with a note) when it
        /// cannot be read or parsed.
        static func previousReport(_ path: [UInt8], judge: ReportJudge, currentYear: Int) -> PreviousReport? {
            let shown = FileName(path).shown
            let result: ValidationResult
            do {
                guard case .file(let folder, let name) = try ReportOperand.open(path) else {
                    ConsoleOutput.error("--previous \(shown): a directory, not a report; judging without history")
                    return nil
                }
                result = try judge.judge(name, in: folder, fileName: name, currentYear: currentYear).report.result
            } catch {
                ConsoleOutput.error("--previous \(shown): cannot read it (\(error)); judging without history")
                return nil
            }
            guard let snapshot = result.snapshot, snapshot.year != nil else {
                let why = result.findings.first.map { "\($0.code): \($0.message.en)" } ?? "no report year found"
                ConsoleOutput.error("--previous \(shown): cannot be read as a report (\(why)); judging without history")
                return nil
            }
            return PreviousReport(fileName: baseName(shown), snapshot: snapshot)
        }

        /// Says on standard error when `previous` is not of the year before the report's: the cross-year
        /// rules were skipped for it.
        static func noteYearMismatch(_ previous: PreviousReport?, _ result: ValidationResult, shown: String) {
            guard let previous, let year = result.year, !previous.precedes(year) else { return }
            let before = previous.snapshot.year.map(String.init) ?? "?"
            ConsoleOutput.error(
                "--previous \(previous.fileName) is a report of \(before), not of \(year - 1): "
                    + "cross-year rules skipped for \(shown)")
        }

        /// The agency directory; nil (with the reason and line on standard error) when it cannot be used.
        static func directory(_ path: [UInt8], reader judge: ReportJudge) -> AgencyDirectory? {
            let shown = FileName(path).shown
            let bytes: [UInt8]
            do {
                guard case .file(let folder, let name) = try ReportOperand.open(path),
                    case .bytes(let read) = try judge.reader.read(name, in: folder)
                else {
                    ConsoleOutput.error("--agencies \(shown): not a readable regular file")
                    return nil
                }
                bytes = read
            } catch {
                ConsoleOutput.error("--agencies \(shown): cannot read it (\(error))")
                return nil
            }
            switch AgencyDirectory.parse(bytes, legacy: judge.check.legacyDecoder, fileName: baseName(shown)) {
            case .success(let directory): return directory
            case .failure(let error):
                ConsoleOutput.error("--agencies \(shown): \(error) / \(error.chinese)")
                return nil
            }
        }

        /// The history of each report from the register `operand` names (`--register`); nil (with the
        /// reason on standard error) when it cannot be used. The register is opened for each look-up
        /// and never created: a path with no register is an error.
        static func register(_ operand: String) -> RegisterHistory? {
            switch RegisterLocation(parsing: operand) {
            case nil:
                ConsoleOutput.error("--register: empty")
                return nil
            case .postgresql:
                ConsoleOutput.error("--register \(operand): PostgreSQL registers are not read by check yet; give the SQLite file")
                return nil
            case .sqlite(let path):
                guard access(path, R_OK) == 0 else {
                    ConsoleOutput.error("--register \(path): no register there (\(String(cString: strerror(errno))))")
                    return nil
                }
                return RegisterHistory { agency, year in
                    let store = try await SQLiteRegisterStore.open(path: path)
                    do {
                        let filed = try await RegisterHistory.filed(agency: agency, year: year, in: store)
                        try await store.close()
                        return filed
                    } catch {
                        try? await store.close()
                        throw error
                    }
                }
            }
        }

        static func baseName(_ path: String) -> String {
            path.split(separator: "/").last.map(String.init) ?? path
        }
    }
}
