import Crypto
import Glibc
import ReportValidation

/// The configured checker: reads a report with the one ``ReportFileReader`` and judges it, and renders
/// the daemon's two findings files. `check`, the daemon at start and at each reload all get theirs from
/// ``CheckerFactory``.
package struct ReportJudge: Sendable {
    package var check: ReportCheck
    package var reader: ReportFileReader
    package var language: Language
    /// The register's history of each report's agency (nil: judged alone).
    package var history: (any ReportHistorySource)?

    package init(check: ReportCheck, reader: ReportFileReader, language: Language, history: (any ReportHistorySource)? = nil) {
        self.check = check
        self.reader = reader
        self.language = language
        self.history = history
    }

    /// A judge with `settings`' severities, size limit and language, and the given services (for tests).
    init(
        settings: InboxSettings, legacyDecoder: IconvDecoder?, pdfExtractor: PopplerPDFExtractor? = nil,
        wordConverter: LibreOfficeConverter? = nil
    ) {
        self = CheckerFactory(legacyDecoder: legacyDecoder, pdfExtractor: pdfExtractor ?? Self.noPDFTool, wordConverter: wordConverter)
            .judge(CheckerSettings(settings))
    }

    /// No `pdftotext`: every PDF gets FILE-004's note.
    static let noPDFTool = PopplerPDFExtractor(
        toolPath: nil, timeLimit: PopplerPDFExtractor.defaultTimeLimit, outputLimit: PopplerPDFExtractor.defaultOutputLimit)

    /// Reads and judges `name` (a name or a relative path) in `folder`; `fileName` is the report's
    /// own name, which helps sniff its format.
    ///
    /// - Throws: ``SystemCallError`` when there is no such entry, or for faults worth retrying (I/O
    ///   error, out of memory…); a file nianbao may not or will not read is rejected with its finding.
    ///
    /// Judged in two steps: the report is read, its titled agency matched in the directory and its
    /// history fetched (``history``), then it is validated with that history as values. `previous`,
    /// when given, is the same agency's report of the year before and wins over the register's.
    package func judge(
        _ name: FileName, in folder: DirectoryHandle, fileName: FileName, currentYear: Int, previous: PreviousReport? = nil
    ) throws(SystemCallError) -> Judgement {
        switch try reader.read(name, in: folder) {
        case .refused(let problem, let size):
            return Judgement(report: check.reject(problem, currentYear: currentYear), size: size, sha256: nil)
        case .bytes(let bytes):
            let digest = Array(SHA256.hash(data: bytes)).map(FileName.hexDigits).joined()
            let read = check.read(bytes: bytes, fileName: fileName.shown)
            let matched = read.titledAgency.flatMap { check.validator.agencies?.match($0).agency?.name }
            var past = ReportHistory.none
            if let history, let agency = matched ?? read.titledAgency, let year = read.year {
                past = history.history(of: ReportHistory.Subject(agency: agency, year: year))
            }
            if let previous { past.previousYear = previous }
            return Judgement(
                report: check.judge(read, currentYear: currentYear, history: past), size: bytes.count, sha256: digest,
                agencyMatched: matched, history: past)
        }
    }

    /// The verdict on a report set aside after `attempts` processes died judging it: rejected with
    /// FILE-007, its size from `fstatat` and nothing read, so the crash cannot happen again.
    func setAside(_ name: FileName, in folder: DirectoryHandle, attempts: Int, currentYear: Int) throws(SystemCallError)
        -> Judgement
    {
        let status = try folder.status(of: name)
        return Judgement(
            report: check.reject(.checkAbandoned(attempts: attempts), currentYear: currentYear),
            size: status?.kind == .regular ? status?.size : nil, sha256: nil, setAsideAfter: attempts)
    }

    /// The three findings files of a judged report that will be named `finalName`: JSON, text note, page.
    func findings(_ judgement: Judgement, original: FileName, finalName: FileName, claimedAt: WallTime, judgedAt: WallTime)
        -> FindingsFiles
    {
        let file = CheckedFile(path: finalName.shown, report: judgement.report)
        let receipt = FindingsReceipt(
            originalName: original.shown, originalNameHex: original.isValidUTF8 ? nil : original.hex,
            size: judgement.size, sha256: judgement.sha256,
            receivedAt: claimedAt.rfc3339, judgedAt: judgedAt.rfc3339, agencyMatched: judgement.agencyMatched)
        let json = FindingsJSON(language: language).render(file, receipt: receipt)
        let text = FindingsText(language: language).render(file)
        let html = FindingsHTML(language: language).render(file)
        return FindingsFiles(json: Array(json.utf8), text: Array(text.utf8), html: Array(html.utf8))
    }
}

/// The findings files written beside a filed report, as bytes, each under its suffix of
/// ``WorkFolder/findingsSuffixes``.
struct FindingsFiles: Sendable {
    var json: [UInt8]
    var text: [UInt8]
    var html: [UInt8]

    /// Each file's suffix and contents, in the order they are written.
    var pieces: [(suffix: String, contents: [UInt8])] {
        Array(zip(WorkFolder.findingsSuffixes, [json, text, html])).map { (suffix: $0.0, contents: $0.1) }
    }
}

/// The outcome of judging one report, with the facts the findings JSON and the log line carry.
package struct Judgement: Sendable {
    package var report: CheckedReport
    /// Bytes read, or the size `fstat` gave a file refused unread (nil for what is not a regular file).
    package var size: Int?
    /// SHA-256 of the bytes in hex (nil when they were not read).
    package var sha256: String?
    /// Set when the report was set aside unjudged after this many interrupted attempts (FILE-007).
    var setAsideAfter: Int? = nil
    /// The directory's name for the titled agency (nil: no directory, no title, or no entry fits).
    package var agencyMatched: String? = nil
    /// What the register said about the agency before judging (``ReportHistory/none`` when not asked).
    package var history: ReportHistory = .none

    var folder: OutputFolder { report.result.verdict == .accepted ? .accepted : .rejected }
}
