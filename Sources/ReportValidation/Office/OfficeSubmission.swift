/// One filed report as the office commands (`status`, `history`, `export`) see it: what a register
/// record holds, minus the bytes and findings they do not show. The executable maps register rows to it.
public struct OfficeSubmission: Sendable, Hashable {
    /// The agency it counts for: the directory entry matched, else the agency as titled.
    public var agency: String
    /// The agency as the report's title names it (nil when none was found).
    public var agencyTitled: String?
    /// Whether `agency` is a directory entry (false: unknown to the directory, or no directory).
    public var inDirectory: Bool
    public var year: Int?
    /// 1, 2, … per agency and year, in filing order (assigned by the register).
    public var version: Int
    public var verdict: Verdict
    /// When it was filed into `accepted/` or `rejected/`, microseconds since the Unix epoch.
    public var filedAt: Int64
    /// The name it was filed under, as text (lossy for names that are not UTF-8).
    public var finalName: String
    /// The same name as bytes, exactly as on disk: what a link to the file must encode.
    public var finalNameBytes: [UInt8]
    public var folder: String
    public var errors: Int
    public var warnings: Int
    /// The rule codes of its findings, e.g. `FEE-001`.
    public var codes: [String]
    /// The office that filed it (`[Register] Office=`), when registers are pooled.
    public var office: String
    /// Every cell of tables 二/三/四 as read.
    public var cells: RecordedCells

    public init(
        agency: String, agencyTitled: String?, inDirectory: Bool, year: Int?, version: Int, verdict: Verdict,
        filedAt: Int64, finalName: String, folder: String, errors: Int, warnings: Int, codes: [String],
        office: String = "", cells: RecordedCells = [:], finalNameBytes: [UInt8]? = nil
    ) {
        self.agency = agency
        self.agencyTitled = agencyTitled
        self.inDirectory = inDirectory
        self.year = year
        self.version = version
        self.verdict = verdict
        self.filedAt = filedAt
        self.finalName = finalName
        self.finalNameBytes = finalNameBytes ?? Array(finalName.utf8)
        self.folder = folder
        self.errors = errors
        self.warnings = warnings
        self.codes = codes
        self.office = office
        self.cells = cells
    }

    /// The day it was filed (China Standard Time).
    public var filedDate: CivilDate { CivilDate(epochMicroseconds: filedAt) }

    /// The current one of one agency's submissions for one year: the latest accepted, else the latest
    /// (``CurrentVersion``, the register's one rule), in version then filing order.
    public static func current(of submissions: [OfficeSubmission]) -> OfficeSubmission? {
        let ordered = submissions.sorted { ($0.version, $0.filedAt) < ($1.version, $1.filedAt) }
        return CurrentVersion.of(ordered) { $0.verdict == .accepted }
    }
}
