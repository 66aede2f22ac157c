/// What a rule's check sees: the document and the caller's settings.
public struct RuleContext: Sendable {
    public var document: ReportDocument
    /// The calendar year at processing time (the pure module reads no clock); nil skips the date rules.
    public var currentYear: Int?
    /// The same agency's report of an earlier year, for the cross-year rules (nil: they do not run).
    public var previous: PreviousReport?
    /// The office's agency directory, for REG-001 (nil: the rule does not run).
    public var agencies: AgencyDirectory?

    /// Facts several rules need, derived from the document once per validation rather than once per rule.
    let derived: DerivedFacts

    public init(
        document: ReportDocument, currentYear: Int?, previous: PreviousReport? = nil, agencies: AgencyDirectory? = nil
    ) {
        self.document = document
        self.currentYear = currentYear
        self.previous = previous
        self.agencies = agencies
        self.derived = DerivedFacts(document)
    }
}

/// Work shared by several rules: the table-三 identities, the numbers stated in the prose, and the
/// table rows printed twice (T2-010, T3-STRUCT-005, T4-STRUCT-003 and READ-004 each need them).
struct DerivedFacts: Sendable {
    let applicationIdentities: [SumIdentity]
    let narrative: NarrativeFacts
    let duplicateRows: [DuplicateRow]

    init(_ document: ReportDocument) {
        applicationIdentities =
            document.applicationTable.map {
                ApplicationIdentities.all($0, version: document.effectiveFormat)
            } ?? []
        narrative = NarrativeFacts(document)
        duplicateRows = DuplicateRows.all(document)
    }
}

/// One concrete violation a check found; the catalogue adds code, severity and hint.
public struct Violation: Sendable, Hashable {
    public var message: LocalizedText
    public var location: Location
    public var evidence: String?
    /// Advice for this violation when the rule's own hint is too general (a symbolic link and a folder
    /// share a rule but not a remedy); nil uses the rule's hint.
    public var hint: LocalizedText?
    /// What the violation has in common with others of its rule and table (see `FindingGrouping`):
    /// violations of a grouped rule with the same cause become one finding. nil is the rule's one cause.
    public var cause: String?
    /// The places it stands for when more precise than `location` (each blank cell of a row); empty
    /// means `location` itself.
    public var places: [FindingItem]
    /// For a broken identity, the cells taking part in it and what each should be.
    public var cells: [IdentityCell] = []

    public init(
        _ message: LocalizedText, at location: Location, evidence: String? = nil, hint: LocalizedText? = nil,
        cause: String? = nil, places: [FindingItem] = []
    ) {
        self.message = message
        self.location = location
        self.evidence = evidence
        self.hint = hint
        self.cause = cause
        self.places = places
    }

    public init(
        zh: String, en: String, at location: Location, evidence: String? = nil, cause: String? = nil,
        places: [FindingItem] = []
    ) {
        self.init(LocalizedText(zh: zh, en: en), at: location, evidence: evidence, cause: cause, places: places)
    }

    /// `places`, or the violation's own location when it named none.
    var items: [FindingItem] { places.isEmpty ? [FindingItem(location: location, evidence: evidence)] : places }
}

/// A rule of the catalogue: its data and its small check.
public struct Rule: Sendable {
    public var code: RuleCode
    public var severity: Severity
    /// What the rule checks, one line each language (for `nianbao rules` and the docs).
    public var summary: LocalizedText
    /// How to fix a violation, one line each language.
    public var hint: LocalizedText
    public var check: @Sendable (RuleContext) -> [Violation]

    public init(
        _ code: RuleCode, _ severity: Severity, summary: LocalizedText, hint: LocalizedText,
        check: @escaping @Sendable (RuleContext) -> [Violation]
    ) {
        self.code = code
        self.severity = severity
        self.summary = summary
        self.hint = hint
        self.check = check
    }
}

extension LocalizedText {
    /// Shorthand for catalogue entries.
    public static func zh(_ zh: String, en: String) -> LocalizedText { LocalizedText(zh: zh, en: en) }
}
