/// The whole judgement of one file's bytes: decode, read, validate. Pure: the caller supplies the
/// legacy decoder, the PDF text extractor and the current year.
public struct ReportCheck: Sendable {
    public var validator: Validator
    public var legacyDecoder: (any LegacyTextDecoder)?
    /// Gives a PDF's text layer; without one, every PDF is rejected (FILE-004) with a note on what to submit.
    public var pdfExtractor: (any PDFTextExtractor)?

    public init(
        validator: Validator = Validator(), legacyDecoder: (any LegacyTextDecoder)?,
        pdfExtractor: (any PDFTextExtractor)? = nil
    ) {
        self.validator = validator
        self.legacyDecoder = legacyDecoder
        self.pdfExtractor = pdfExtractor
    }

    /// Judges `bytes`; `fileName` helps sniffing, `currentYear` feeds the date rules, `previous` (the
    /// same agency's report of the year before) the cross-year rules.
    public func check(
        bytes: [UInt8], fileName: String?, currentYear: Int?, previous: PreviousReport? = nil
    ) -> CheckedReport {
        if PDFExtraction.isPDF(bytes) {
            return checkPDF(bytes, fileName: fileName, currentYear: currentYear, previous: previous)
        }
        if DocxReader.isZip(bytes) { return checkDOCX(bytes, currentYear: currentYear, previous: previous) }
        if Self.namesWordFile(fileName), ContainerSniffer.unsupportedKind(of: bytes) == nil {
            // Content wins over the name, but a "Word file" that is no ZIP container is not what the sender meant.
            return reject(.unsupportedContainer(.misnamedWordFile), currentYear: currentYear)
        }
        switch TextDecoding.decode(bytes, legacy: legacyDecoder) {
        case .failure(let problem):
            return CheckedReport(
                encoding: nil, result: validator.validate(ReportDocument(problem: problem), currentYear: currentYear))
        case .success(let decoded):
            return read(decoded, fileName: fileName, currentYear: currentYear, previous: previous)
        }
    }

    /// Judges a file that could not be read at all (oversize, unsupported container…).
    public func reject(_ problem: InputProblem, currentYear: Int?) -> CheckedReport {
        CheckedReport(encoding: nil, result: validator.validate(ReportDocument(problem: problem), currentYear: currentYear))
    }

    /// Reads and validates decoded text.
    private func read(
        _ decoded: DecodedText, fileName: String?, currentYear: Int?, previous: PreviousReport?
    ) -> CheckedReport {
        let format = SourceFormat.sniff(decoded.text, fileName: fileName)
        let document = ReportReader.read(decoded.text, format: format)
        return CheckedReport(
            encoding: decoded.encoding, result: validator.validate(document, currentYear: currentYear, previous: previous))
    }

    /// A Word file: `word/document.xml`'s paragraphs and table rows, read like a web page's.
    private func checkDOCX(_ bytes: [UInt8], currentYear: Int?, previous: PreviousReport?) -> CheckedReport {
        switch DocxReader.lines(bytes) {
        case .failure(let problem):
            return reject(problem, currentYear: currentYear)
        case .success(let lines):
            guard lines.contains(where: { !$0.text.allSatisfy(\.isWhitespace) }) else { return reject(.empty, currentYear: currentYear) }
            let document = ReportReader.read(lines: lines, container: .docx)
            return CheckedReport(
                encoding: .utf8, result: validator.validate(document, currentYear: currentYear, previous: previous))
        }
    }

    /// Whether `fileName` ends in `.docx` (any case).
    static func namesWordFile(_ fileName: String?) -> Bool {
        fileName?.lowercased().hasSuffix(".docx") ?? false
    }

    /// A PDF: its text layer, converted by the extractor, is read like any text report.
    private func checkPDF(_ bytes: [UInt8], fileName: String?, currentYear: Int?, previous: PreviousReport?) -> CheckedReport {
        let problem: PDFProblem
        switch pdfExtractor?.text(ofPDF: bytes) ?? .toolMissing {
        case .text(let utf8):
            // The converter writes UTF-8: no legacy decoder, so its text is never taken for GB18030.
            switch TextDecoding.decode(utf8, legacy: nil) {
            case .success(let decoded):
                var report = read(decoded, fileName: fileName, currentYear: currentYear, previous: previous)
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
        return reject(.unreadablePDF(problem), currentYear: currentYear)
    }
}

/// The outcome of checking one file.
public struct CheckedReport: Sendable {
    /// The encoding the text was found in (nil when it could not be decoded); UTF-8 for a converted PDF.
    public var encoding: TextEncoding?
    public var result: ValidationResult
    /// How the text was made from another format, e.g. `pdftotext -layout` for a PDF; nil for text read as it is.
    public var convertedBy: String? = nil
}
