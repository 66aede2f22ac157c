/// The whole judgement of one file's bytes: decode, read, validate. Pure: the caller supplies the
/// legacy decoder and the current year.
public struct ReportCheck: Sendable {
    public var validator: Validator
    public var legacyDecoder: (any LegacyTextDecoder)?

    public init(validator: Validator = Validator(), legacyDecoder: (any LegacyTextDecoder)?) {
        self.validator = validator
        self.legacyDecoder = legacyDecoder
    }

    /// Judges `bytes`; `fileName` helps sniffing, `currentYear` feeds the date rules.
    public func check(bytes: [UInt8], fileName: String?, currentYear: Int?) -> CheckedReport {
        switch TextDecoding.decode(bytes, legacy: legacyDecoder) {
        case .failure(let problem):
            return CheckedReport(
                encoding: nil, result: validator.validate(ReportDocument(problem: problem), currentYear: currentYear))
        case .success(let decoded):
            let format = SourceFormat.sniff(decoded.text, fileName: fileName)
            let document = ReportReader.read(decoded.text, format: format)
            return CheckedReport(
                encoding: decoded.encoding, result: validator.validate(document, currentYear: currentYear))
        }
    }

    /// Judges a file that could not be read at all (oversize, unsupported container…).
    public func reject(_ problem: InputProblem, currentYear: Int?) -> CheckedReport {
        CheckedReport(encoding: nil, result: validator.validate(ReportDocument(problem: problem), currentYear: currentYear))
    }
}

/// The outcome of checking one file.
public struct CheckedReport: Sendable {
    /// The encoding the text was found in (nil when it could not be decoded).
    public var encoding: TextEncoding?
    public var result: ValidationResult
}
