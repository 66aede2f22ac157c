import ReportValidation

/// One filed report as the register keeps it: where and when it was filed, what it is, the verdict, and
/// every cell of tables 二/三/四 as read (blank is never 0). Derived from the output folders, which stay the
/// source of truth: `register rebuild` can make it again from the findings JSON.
package struct RegisterRecord: Sendable, Hashable {
    /// The nianbao instance that filed it (`[Register] Office=`), so offices can share one register.
    package var office: String
    /// When the report was claimed from the inbox and when it was filed, in microseconds since 1970 (UTC).
    package var receivedAt: Int64?
    package var filedAt: Int64
    /// The names as bytes, exactly as on disk (agencies' Samba shares write GBK names too).
    package var originalName: [UInt8]?
    package var finalName: [UInt8]
    /// `accepted` or `rejected`.
    package var folder: String
    package var sha256: String
    package var size: Int?
    /// The issuing unit as the title names it, and the directory entry it matched (nil: unknown agency).
    package var agencyTitled: String?
    package var agencyMatched: String?
    package var year: Int?
    package var format: FormatVersion?
    package var layout: String?
    package var verdict: Verdict
    package var errors: Int
    package var warnings: Int
    /// The distinct rule codes of its findings, sorted.
    package var codes: [String]
    /// The findings document as written beside the report (`nianbao.findings/N`).
    package var findingsJSON: String
    package var cells: RecordedCells
    package var narrative: [SectionKind: String]
    /// 1, 2, … per agency and year, assigned by the store when recorded (0 before).
    package var version: Int

    package init(
        office: String, receivedAt: Int64? = nil, filedAt: Int64, originalName: [UInt8]? = nil, finalName: [UInt8],
        folder: String, sha256: String, size: Int? = nil, agencyTitled: String? = nil, agencyMatched: String? = nil,
        year: Int? = nil, format: FormatVersion? = nil, layout: String? = nil, verdict: Verdict, errors: Int = 0,
        warnings: Int = 0, codes: [String] = [], findingsJSON: String = "{}", cells: RecordedCells = [:],
        narrative: [SectionKind: String] = [:], version: Int = 0
    ) {
        self.office = office
        self.receivedAt = receivedAt
        self.filedAt = filedAt
        self.originalName = originalName
        self.finalName = finalName
        self.folder = folder
        self.sha256 = sha256
        self.size = size
        self.agencyTitled = agencyTitled
        self.agencyMatched = agencyMatched
        self.year = year
        self.format = format
        self.layout = layout
        self.verdict = verdict
        self.errors = errors
        self.warnings = warnings
        self.codes = codes
        self.findingsJSON = findingsJSON
        self.cells = cells
        self.narrative = narrative
        self.version = version
    }

    /// The agency as the register groups submissions: the directory entry when matched, else the title's unit.
    package var agency: String { agencyMatched ?? agencyTitled ?? "" }

    /// What makes two records the same filing: a record seen again (catch-up, rebuild) is not recorded twice.
    package var identity: RecordIdentity { RecordIdentity(office: office, folder: folder, finalName: finalName, sha256: sha256) }
}

/// The idempotence key of a record.
package struct RecordIdentity: Sendable, Hashable {
    package var office: String
    package var folder: String
    package var finalName: [UInt8]
    package var sha256: String
}

/// A register of filed reports: the embedded SQLite file (``SQLiteRegisterStore``) or a shared PostgreSQL
/// server. Every call may fail (a server down): callers keep what they could not record and try again.
package protocol RegisterStore: Sendable {
    /// Records `batch` in one transaction; a record already there (same ``RecordIdentity``) is not added
    /// again. Returns the records as stored, each with its version.
    func record(_ batch: [RegisterRecord]) async throws -> [RegisterRecord]
    /// Every submission of `agency` (matched, else titled), of `year` or of all years, oldest first.
    func submissions(agency: String, year: Int?) async throws -> [RegisterRecord]
    /// Every submission of report year `year`, oldest first, without its findings document
    /// (``RegisterRecord/findingsJSON`` is `{}`); cells and narrative only on each agency's current version,
    /// the one whose figures the office's views show (a province's year is millions of cells otherwise).
    func reports(year: Int) async throws -> [RegisterRecord]
    /// ``reports(year:)`` without cells and narrative either: what `status` and the digest read (a year of
    /// cells is millions of rows in a province's register).
    func summaries(year: Int) async throws -> [RegisterRecord]
    /// What the judge needs of `agency`'s `year`: its latest submission and its current one (latest accepted),
    /// oldest first — one or two records however often it was resubmitted; their cells and narrative only
    /// when `cells` (last year's for the cross-year rules; this year's versions need none).
    func latestAndCurrent(agency: String, year: Int, cells: Bool) async throws -> [RegisterRecord]
    /// Which of `identities` the register already holds.
    func recorded(_ identities: [RecordIdentity]) async throws -> Set<RecordIdentity>
    /// When the latest report `office` recorded was filed (microseconds since 1970); nil when none.
    func latestFiledAt(office: String) async throws -> Int64?
    func close() async throws
}

extension Array where Element == RegisterRecord {
    /// The current submission among these (one agency's year, oldest first): latest accepted, else latest.
    package var current: RegisterRecord? { CurrentVersion.of(self) { $0.verdict == .accepted } }

    /// The positions of each agency's current submission of each year, among these records in the stores'
    /// order (version, then id, within an agency's year).
    var currentPositions: [Int] {
        var groups: [RecordGroup: [Int]] = [:]
        for (position, record) in enumerated() {
            groups[RecordGroup(agency: record.agency, year: record.year), default: []].append(position)
        }
        return groups.values.compactMap { positions in
            CurrentVersion.index(in: positions) { self[$0].verdict == .accepted }.map { positions[$0] }
        }.sorted()
    }
}

/// One agency's year: the submissions versions are counted in.
private struct RecordGroup: Hashable {
    var agency: String
    var year: Int?
}

/// Which of the records a store reads get their cells and narrative (a year's worth is millions of rows).
enum CellScope {
    case all, none
    /// Each agency's current version of each year (``Swift/Array/currentPositions``).
    case current

    /// The ids, of `ids` (the ids of `records`, in order), whose cells and narrative are read.
    func chosen(_ ids: [Int], of records: [RegisterRecord]) -> [Int] {
        switch self {
        case .none: []
        case .all: ids
        case .current: records.currentPositions.map { ids[$0] }
        }
    }
}

/// A register row whose packed cells this version cannot read (written by a newer nianbao, or damaged):
/// an error naming the report, never cells silently left out of an export.
package struct UnreadableCells: Error, CustomStringConvertible {
    package var report: String
    package var reason: PackedCells.Malformed

    package var description: String { "the register's cells of \(report) cannot be read: \(reason)" }
}

extension PackedCells.Reader {
    /// The cells stored with `record` (its row of `report_cells`).
    mutating func cells(_ bytes: some Collection<UInt8>, of record: RegisterRecord) throws(UnreadableCells) -> RecordedCells {
        do {
            return try unpack(bytes)
        } catch {
            throw UnreadableCells(report: "\(record.folder)/\(String(decoding: record.finalName, as: UTF8.self))", reason: error)
        }
    }
}
