/// One report of an agency as a register gives it back: the facts the judge's history needs. The
/// register's own record type maps onto it, so this module stays free of storage.
public struct FiledSubmission: Sendable, Hashable {
    public var year: Int?
    /// 1, 2, … per agency and year, as the register assigned it.
    public var version: Int
    /// The China date it was filed on, e.g. `2026-01-12`.
    public var filedOn: String
    public var verdict: Verdict
    /// Its final name in `accepted/` or `rejected/`, which the cross-year findings name.
    public var finalName: String
    /// What was read from it (cells and narrative); nil when nothing could be read.
    public var snapshot: ReportSnapshot?
    /// Its findings, by code and place.
    public var findings: [FindingKey]

    public init(
        year: Int?, version: Int, filedOn: String, verdict: Verdict, finalName: String, snapshot: ReportSnapshot?,
        findings: [FindingKey]
    ) {
        self.year = year
        self.version = version
        self.filedOn = filedOn
        self.verdict = verdict
        self.finalName = finalName
        self.snapshot = snapshot
        self.findings = findings
    }

    /// The current version among `submissions` (one agency and year): the latest accepted one, else the latest.
    public static func current(of submissions: [FiledSubmission]) -> FiledSubmission? {
        CurrentVersion.of(submissions.sorted { $0.version < $1.version }) { $0.verdict == .accepted }
    }
}

extension ReportHistory {
    /// The history of `subject` from the agency's filed reports (any years, any order): the earlier
    /// submissions of the same year, and the current report of the year before for the cross-year rules.
    public init(_ subject: Subject, filed: [FiledSubmission]) {
        let sameYear = filed.filter { $0.year == subject.year }.sorted { $0.version < $1.version }
        let before = FiledSubmission.current(of: filed.filter { $0.year == subject.year - 1 })
        let previous = before.flatMap { filing in
            filing.snapshot.map { PreviousReport(fileName: filing.finalName, snapshot: $0) }
        }
        self.init(
            subject: subject, previousYear: previous,
            earlier: sameYear.map {
                PriorSubmission(version: $0.version, filedOn: $0.filedOn, verdict: $0.verdict, findings: $0.findings)
            })
    }
}
