/// What the register knew about a report's agency when the report was judged, handed to the judge as
/// values: the previous year's current report (for the cross-year rules), the earlier submissions of
/// the same year (for the resubmission note), or why the register could not be asked.
public struct ReportHistory: Sendable, Hashable {
    /// The same agency's current report of the year before (nil: none on record).
    public var previousYear: PreviousReport?
    /// The earlier submissions of the same agency and year, oldest first (empty: this is the first).
    public var earlier: [PriorSubmission]
    /// The agency and year the register was asked about; nil when it was not asked.
    public var subject: Subject?
    /// Why the register could not be asked (unreachable, timed out…); nil when it answered or was not asked.
    public var unavailable: String?

    /// An agency (as the register knows it: matched, else titled) and a report year.
    public struct Subject: Sendable, Hashable {
        public var agency: String
        public var year: Int

        public init(agency: String, year: Int) {
            self.agency = agency
            self.year = year
        }
    }

    public init(
        subject: Subject? = nil, previousYear: PreviousReport? = nil, earlier: [PriorSubmission] = [],
        unavailable: String? = nil
    ) {
        self.subject = subject
        self.previousYear = previousYear
        self.earlier = earlier
        self.unavailable = unavailable
    }

    /// No register: judged alone, and nothing said about history.
    public static let none = ReportHistory()

    /// The register was to be asked about `agency`'s `year` but could not be: judged without history.
    public static func unavailable(_ subject: Subject, reason: String) -> ReportHistory {
        ReportHistory(subject: subject, unavailable: reason)
    }

    /// The version this report will get: one more than the latest earlier submission's.
    public var nextVersion: Int { (earlier.map(\.version).max() ?? 0) + 1 }
}

/// An earlier submission of the same agency and year, as the resubmission note compares against it.
public struct PriorSubmission: Sendable, Hashable {
    /// 1, 2, … per agency and year.
    public var version: Int
    /// The date it was filed, as the office reads it (`2026-01-12`, China time).
    public var filedOn: String
    public var verdict: Verdict
    /// Its findings, by code and place.
    public var findings: [FindingKey]

    public init(version: Int, filedOn: String, verdict: Verdict, findings: [FindingKey]) {
        self.version = version
        self.filedOn = filedOn
        self.verdict = verdict
        self.findings = findings
    }
}

/// A finding as two submissions of one report are compared: its code and where it points, without the
/// line (lines move when a paragraph is added) and without the wording (which quotes the numbers).
public struct FindingKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var code: String
    public var section: Int?
    public var table: String?
    public var row: String?
    public var column: String?

    public init(code: String, section: Int? = nil, table: String? = nil, row: String? = nil, column: String? = nil) {
        self.code = code
        self.section = section
        self.table = table
        self.row = row?.isEmpty == true ? nil : row
        self.column = column?.isEmpty == true ? nil : column
    }

    /// The key of a finding of this judgement.
    public init(_ finding: Finding) {
        self.init(
            code: finding.code.rawValue, section: finding.location.section?.rawValue, table: finding.location.table?.rawValue,
            row: finding.location.row, column: finding.location.column)
    }

    /// `T3-001（表三「（七）总计」「自然人」）`, or just the code when it points at the whole report or a section.
    public var description: String {
        var place = table.map { "表\($0)" } ?? ""
        if let row { place += "「\(row)」" }
        if let column { place += "「\(column)」" }
        return place.isEmpty ? code : "\(code)（\(place)）"
    }

    public static func < (a: FindingKey, b: FindingKey) -> Bool {
        (a.code, a.section ?? 0, a.table ?? "", a.row ?? "", a.column ?? "")
            < (b.code, b.section ?? 0, b.table ?? "", b.row ?? "", b.column ?? "")
    }
}
