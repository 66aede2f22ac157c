/// Where the collection of one report year stands: per agency of the directory (and every unknown
/// agency seen) its current verdict, how many versions, when it last filed, and the days to its deadline.
public struct CollectionStatus: Sendable, Hashable {
    /// One agency's line.
    public struct Line: Sendable, Hashable {
        public var agency: String
        public var kind: AgencyKind?
        /// False for an agency seen in reports but not in the directory (REG-001).
        public var inDirectory: Bool
        /// The current version (latest accepted, else latest); nil when nothing was filed.
        public var current: OfficeSubmission?
        public var versions: Int
        /// The day of the latest filing, nil when nothing was filed.
        public var lastFiled: CivilDate?
        public var deadline: CivilDate
        /// Days from today to the deadline: 0 on the day, negative when past.
        public var daysLeft: Int

        /// What the office must do: nothing, chase a missing report, or a rejected one.
        public var state: State {
            guard let current else { return .missing }
            return current.verdict == .accepted ? .accepted : .rejected
        }
    }

    public enum State: String, Sendable, Hashable, CaseIterable {
        case accepted, rejected, missing

        public var chinese: String {
            switch self {
            case .accepted: "通过"
            case .rejected: "退回"
            case .missing: "未报送"
            }
        }
    }

    public var year: Int
    public var today: CivilDate
    /// Directory agencies first, in directory order, then the unknown ones by name.
    public var lines: [Line]

    /// How many lines are in `state`.
    public func count(_ state: State) -> Int { lines.count(where: { $0.state == state }) }

    /// True when there is at least one agency and every one's current report is accepted: the exit
    /// status is 0 only then (an empty register with no directory has collected nothing).
    public var allAccepted: Bool { !lines.isEmpty && lines.allSatisfy { $0.state == .accepted } }

    /// The status of report year `year` on `today` from every submission of that year.
    public init(
        year: Int, today: CivilDate, directory: AgencyDirectory?, submissions: [OfficeSubmission],
        deadlines: CollectionDeadlines = .statutory
    ) {
        self.year = year
        self.today = today
        var byAgency: [String: [OfficeSubmission]] = [:]
        for submission in submissions where submission.year == year {
            byAgency[submission.agency, default: []].append(submission)
        }
        func line(_ agency: String, kind: AgencyKind?, inDirectory: Bool) -> Line {
            let filed = byAgency[agency] ?? []
            let deadline = deadlines.deadline(year: year, kind: kind)
            return Line(
                agency: agency, kind: kind, inDirectory: inDirectory, current: OfficeSubmission.current(of: filed),
                versions: filed.count, lastFiled: filed.map(\.filedAt).max().map(CivilDate.init(epochMicroseconds:)),
                deadline: deadline, daysLeft: deadline.dayNumber - today.dayNumber)
        }
        var lines: [Line] = []
        var listed: Set<String> = []
        for agency in directory?.agencies ?? [] where listed.insert(agency.name).inserted {
            lines.append(line(agency.name, kind: agency.kind, inDirectory: true))
        }
        for agency in byAgency.keys.sorted() where !listed.contains(agency) {
            lines.append(line(agency, kind: nil, inDirectory: false))
        }
        self.lines = lines
    }
}
