import Logging
import ReportValidation

/// What shapes a configured checker besides the platform's services: severities, size limit, language.
package struct CheckerSettings: Sendable, Hashable {
    package var severityOverrides: [RuleCode: Severity]
    /// Files larger than this many bytes are rejected unread (FILE-005).
    package var maximumFileSize: Int
    package var language: Language
    /// The office's agency directory: REG-001, and the matched agency of each report (nil: none).
    package var agencies: AgencyDirectory?

    package init(
        severityOverrides: [RuleCode: Severity], maximumFileSize: Int, language: Language, agencies: AgencyDirectory? = nil
    ) {
        self.severityOverrides = severityOverrides
        self.maximumFileSize = maximumFileSize
        self.language = language
        self.agencies = agencies
    }

    /// The daemon's: from `nianbao.conf` and the command line.
    package init(_ settings: InboxSettings) {
        self.init(
            severityOverrides: settings.severityOverrides, maximumFileSize: settings.maximumFileSize,
            language: settings.language, agencies: settings.agencies)
    }
}

/// The one place a configured checker (``ReportJudge``) is made: by `nianbao check`, by the daemon at
/// start and at each reload. It holds the platform's services, found once and logged once: iconv's
/// GB18030 decoder, poppler's `pdftotext` and LibreOffice (for `.doc` and `.wps`).
package struct CheckerFactory: Sendable {
    /// GB18030/GBK decoding; nil when this system's iconv lacks it, and GBK reports are then rejected
    /// as undecodable (FILE-002).
    package let legacyDecoder: IconvDecoder?
    /// `pdftotext`, or none (every PDF then gets a FILE-004 note on what to submit instead).
    package private(set) var pdfExtractor: PopplerPDFExtractor
    /// LibreOffice, or none (every `.doc` and `.wps` then gets FILE-004's note on what to submit instead).
    package private(set) var wordConverter: LibreOfficeConverter
    /// The register's history, asked before each report is judged (nil: each report is judged alone).
    package var history: (any ReportHistorySource)?

    /// Opens iconv's GB18030 converter and looks for `pdftotext` and LibreOffice; a missing GB18030
    /// converter is logged as a warning, the two programs (found or not) at info.
    package init(logger: Logger) {
        let decoder: IconvDecoder?
        do {
            decoder = try IconvDecoder()
        } catch {
            logger.warning("GB18030 decoding unavailable, such reports will be rejected as undecodable: \(error)")
            decoder = nil
        }
        self.init(legacyDecoder: decoder, pdfExtractor: PopplerPDFExtractor(), wordConverter: LibreOfficeConverter())
        logger.info("\(pdfExtractor.availability)")
        logger.info("\(wordConverter.availability)")
    }

    /// With these services as they are (tests, and callers that found them already); no `wordConverter`
    /// means none is installed.
    package init(legacyDecoder: IconvDecoder?, pdfExtractor: PopplerPDFExtractor, wordConverter: LibreOfficeConverter? = nil) {
        self.legacyDecoder = legacyDecoder
        self.pdfExtractor = pdfExtractor
        self.wordConverter = wordConverter ?? Self.noWordConverter
    }

    /// No LibreOffice: every `.doc` and `.wps` gets FILE-004's note.
    package static let noWordConverter = LibreOfficeConverter(
        toolPath: nil, timeLimit: LibreOfficeConverter.defaultTimeLimit, outputLimit: LibreOfficeConverter.defaultOutputLimit)

    /// Looks for `pdftotext` and LibreOffice again, so installing (or removing) poppler-utils or
    /// LibreOffice takes effect at a reload; logs each change, if any.
    package mutating func refresh(logger: Logger) {
        let found = PopplerPDFExtractor()
        if found.toolPath != pdfExtractor.toolPath { logger.info("\(found.availability)") }
        pdfExtractor = found
        let converter = LibreOfficeConverter()
        if converter.toolPath != wordConverter.toolPath { logger.info("\(converter.availability)") }
        wordConverter = converter
    }

    /// The checker for `settings`.
    package func judge(_ settings: CheckerSettings) -> ReportJudge {
        ReportJudge(
            check: ReportCheck(
                validator: Validator(severityOverrides: settings.severityOverrides, agencies: settings.agencies),
                legacyDecoder: legacyDecoder,
                pdfExtractor: pdfExtractor, wordConverter: wordConverter),
            reader: ReportFileReader(maximumSize: settings.maximumFileSize), language: settings.language, history: history)
    }
}
