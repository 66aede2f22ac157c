/// The judgement on one report.
public enum Verdict: String, Sendable, Hashable, Codable {
    case accepted
    case rejected
}

/// A report's verdict with its findings, errors first.
public struct ValidationResult: Sendable {
    public var verdict: Verdict
    public var findings: [Finding]
    public var year: Int?
    /// The format the report was judged against (nil when no year or format could be found).
    public var formatVersion: FormatVersion?
    public var layout: SourceLayout
    public var title: String?
    /// What later years are checked against and a register stores (nil when the input could not be read).
    public var snapshot: ReportSnapshot? = nil
    /// What the register's history says about this report (resubmission, no comparison with last year):
    /// information for the reader, never a finding and never part of the verdict.
    public var notes: [LocalizedText] = []

    public var errors: [Finding] { findings.filter { $0.severity == .error } }
    public var warnings: [Finding] { findings.filter { $0.severity == .warning } }
}

/// Applies the rule catalogue to a document, with per-rule severity overrides from the caller.
public struct Validator: Sendable {
    public var rules: [Rule]
    public var severityOverrides: [RuleCode: Severity]
    /// The office's agency directory: a report's titled agency is matched against it (REG-001).
    public var agencies: AgencyDirectory?

    public init(
        rules: [Rule] = RuleCatalogue.all, severityOverrides: [RuleCode: Severity] = [:], agencies: AgencyDirectory? = nil
    ) {
        self.rules = rules
        self.severityOverrides = severityOverrides
        self.agencies = agencies
    }

    /// Runs every rule; `currentYear` is the calendar year now (nil skips rules that need it);
    /// `previous` is the same agency's report of the year before (nil skips the cross-year rules).
    public func validate(_ document: ReportDocument, currentYear: Int?, previous: PreviousReport? = nil) -> ValidationResult {
        let context = RuleContext(document: document, currentYear: currentYear, previous: previous, agencies: agencies)
        var findings: [Finding] = []
        // A file that could not be read has no content to judge: only the input rules speak about it.
        let applicable = document.inputProblem == nil ? rules : rules.filter { RuleCatalogue.inputRuleCodes.contains($0.code) }
        for rule in applicable {
            let severity = severityOverrides[rule.code] ?? rule.severity
            // Repeats of one cause (a blank column row after row) become one finding listing every place.
            for violation in FindingGrouping.group(rule.check(context), of: rule) {
                findings.append(
                    Finding(
                        code: rule.code, severity: severity, message: violation.message,
                        location: violation.location, evidence: violation.evidence, hint: violation.hint ?? rule.hint,
                        items: violation.items, cells: violation.cells))
            }
        }
        // Errors first; within a severity, keep catalogue order and then source order.
        let order = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        findings = findings.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity < b.element.severity }
            let ra = order[a.element.code] ?? 0
            let rb = order[b.element.code] ?? 0
            if ra != rb { return ra < rb }
            return a.offset < b.offset
        }.map(\.element)
        let hasFormat = document.year != nil || document.detectedFormat != nil
        return ValidationResult(
            verdict: findings.contains { $0.severity == .error } ? .rejected : .accepted,
            findings: findings,
            year: document.year,
            formatVersion: hasFormat ? document.effectiveFormat : nil,
            layout: document.layout,
            title: document.title?.text,
            snapshot: ReportSnapshot(document))
    }
}
