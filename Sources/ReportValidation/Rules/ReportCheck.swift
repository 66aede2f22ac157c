/// The whole judgement of one file's bytes: decode, read, validate. Pure: the caller supplies the
/// legacy decoder, the PDF text extractor, the Word 97 converter and the current year.
public struct ReportCheck: Sendable {
    public var validator: Validator
    public var legacyDecoder: (any LegacyTextDecoder)?
    /// Gives a PDF's text layer; without one, every PDF is rejected (FILE-004) with a note on what to submit.
    public var pdfExtractor: (any PDFTextExtractor)?
    /// Turns a `.doc` or `.wps` into a `.docx`; without one, each is rejected (FILE-004) with a note on what to submit.
    public var wordConverter: (any LegacyWordConverter)?

    public init(
        validator: Validator = Validator(), legacyDecoder: (any LegacyTextDecoder)?,
        pdfExtractor: (any PDFTextExtractor)? = nil, wordConverter: (any LegacyWordConverter)? = nil
    ) {
        self.validator = validator
        self.legacyDecoder = legacyDecoder
        self.pdfExtractor = pdfExtractor
        self.wordConverter = wordConverter
    }

    /// Judges `bytes`; `fileName` helps sniffing, `currentYear` feeds the date rules, `previous` (the
    /// same agency's report of the year before) the cross-year rules.
    public func check(
        bytes: [UInt8], fileName: String?, currentYear: Int?, previous: PreviousReport? = nil
    ) -> CheckedReport {
        judge(read(bytes: bytes, fileName: fileName), currentYear: currentYear, history: ReportHistory(previousYear: previous))
    }

    /// Step one of two: decodes and reads `bytes` into a document (one with an input problem when they
    /// cannot be read), so that the caller can look up the agency's history before ``judge(_:currentYear:history:)``.
    public func read(bytes: [UInt8], fileName: String?) -> ReadReport {
        if PDFExtraction.isPDF(bytes) { return readPDF(bytes, fileName: fileName) }
        if DocxReader.isZip(bytes) { return readDOCX(bytes) }
        if LegacyWordFormat.isCompoundFile(bytes) { return readLegacyWord(bytes, fileName: fileName) }
        if Self.namesWordFile(fileName), ContainerSniffer.unsupportedKind(of: bytes) == nil {
            // Content wins over the name, but a "Word file" that is no ZIP container is not what the sender meant.
            return ReadReport(problem: .unsupportedContainer(.misnamedWordFile))
        }
        switch TextDecoding.decode(bytes, legacy: legacyDecoder) {
        case .failure(let problem): return ReadReport(problem: problem)
        case .success(let decoded): return read(decoded, fileName: fileName)
        }
    }

    /// Step two: validates what ``read(bytes:fileName:)`` gave, with the agency's `history`, and adds
    /// the history notes (resubmission, no comparison possible).
    public func judge(_ read: ReadReport, currentYear: Int?, history: ReportHistory = .none) -> CheckedReport {
        var result = validator.validate(read.document, currentYear: currentYear, previous: history.previousYear)
        if read.document.inputProblem == nil { result.notes = HistoryNotes.notes(history, result: result) }
        return CheckedReport(encoding: read.encoding, result: result, convertedBy: read.convertedBy)
    }

    /// Judges a file that could not be read at all (oversize, unsupported container…).
    public func reject(_ problem: InputProblem, currentYear: Int?) -> CheckedReport {
        judge(ReadReport(problem: problem), currentYear: currentYear)
    }

    /// Reads decoded text.
    private func read(_ decoded: DecodedText, fileName: String?) -> ReadReport {
        let format = SourceFormat.sniff(decoded.text, fileName: fileName)
        return ReadReport(document: ReportReader.read(decoded.text, format: format), encoding: decoded.encoding)
    }

    /// A Word file: `word/document.xml`'s paragraphs and table rows, read like a web page's.
    private func readDOCX(_ bytes: [UInt8]) -> ReadReport {
        switch DocxReader.lines(bytes) {
        case .failure(let problem):
            return ReadReport(problem: problem)
        case .success(let lines):
            guard lines.contains(where: { !$0.text.allSatisfy(\.isWhitespace) }) else { return ReadReport(problem: .empty) }
            return ReadReport(document: ReportReader.read(lines: lines, container: .docx), encoding: .utf8)
        }
    }

    /// An OLE2 compound file (`.doc`, `.wps`, by content): the converter's `.docx`, read as a Word file.
    /// Without a converter it keeps FILE-004's note on what to submit instead.
    private func readLegacyWord(_ bytes: [UInt8], fileName: String?) -> ReadReport {
        let format = LegacyWordFormat(fileName: fileName)
        switch wordConverter?.docx(of: bytes, format: format) ?? .toolMissing {
        case .docx(let package):
            var report = readDOCX(package)
            report.convertedBy = "\(wordConverter?.name ?? "") (\(format.rawValue)→docx)"
            return report
        case .toolMissing:
            return ReadReport(problem: .unsupportedContainer(.legacyOffice))
        case .failed(let reason):
            return ReadReport(problem: .unconvertedLegacyOffice(reason: reason))
        }
    }

    /// Whether `fileName` ends in `.docx` (any case).
    static func namesWordFile(_ fileName: String?) -> Bool {
        fileName?.lowercased().hasSuffix(".docx") ?? false
    }

    /// A PDF: its text layer, converted by the extractor, is read like any text report.
    private func readPDF(_ bytes: [UInt8], fileName: String?) -> ReadReport {
        let problem: PDFProblem
        switch pdfExtractor?.text(ofPDF: bytes) ?? .toolMissing {
        case .text(let utf8):
            // The converter writes UTF-8: no legacy decoder, so its text is never taken for GB18030.
            switch TextDecoding.decode(utf8, legacy: nil) {
            case .success(let decoded):
                var report = read(decoded, fileName: fileName)
                report.convertedBy = pdfExtractor?.conversion
                return report
            case .failure(.binary(let offset)):
                problem = .conversionFailed(reason: "control character in the converted text at offset \(offset)")
            case .failure(.empty):
                problem = .noTextLayer
            case .failure:
                problem = .conversionFailed(reason: "the converted text is not valid UTF-8")
            }
        case .toolMissing: problem = .noConverter
        case .noTextLayer: problem = .noTextLayer
        case .failed(let reason): problem = .conversionFailed(reason: reason)
        }
        return ReadReport(problem: .unreadablePDF(problem))
    }
}

/// A file read but not yet judged (``ReportCheck/read(bytes:fileName:)``): its document, or one that
/// holds the input problem, and how its text was obtained.
public struct ReadReport: Sendable {
    public var document: ReportDocument
    public var encoding: TextEncoding?
    public var convertedBy: String? = nil

    public init(document: ReportDocument, encoding: TextEncoding?, convertedBy: String? = nil) {
        self.document = document
        self.encoding = encoding
        self.convertedBy = convertedBy
    }

    /// A file that could not be read at all.
    init(problem: InputProblem) {
        self.init(document: ReportDocument(problem: problem), encoding: nil)
    }

    /// The agency as the title names it, nil when there is no title or no such unit.
    public var titledAgency: String? {
        guard document.inputProblem == nil, let unit = document.title?.unit else { return nil }
        let trimmed = TextNormalizer.trim(unit)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The report year, nil when none could be read.
    public var year: Int? { document.inputProblem == nil ? document.year : nil }
}

/// The outcome of checking one file.
public struct CheckedReport: Sendable {
    /// The encoding the text was found in (nil when it could not be decoded); UTF-8 for a converted PDF.
    public var encoding: TextEncoding?
    public var result: ValidationResult
    /// How the text was made from another format, e.g. `pdftotext -layout` for a PDF or `LibreOffice (doc→docx)`
    /// for a Word 97 file; nil for text read as it is.
    public var convertedBy: String? = nil
}
