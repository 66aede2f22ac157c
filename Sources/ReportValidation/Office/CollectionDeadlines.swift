/// When each kind of agency's report for a year is due: departments and townships by 1 月 31 日 of
/// the next year (条例 第四十九条), county-level-and-above governments by 3 月 31 日 (第五十条).
///
/// Each date can be set (``MonthDay`` reads `MM-DD`: `[Register] TownshipDeadline=`, `DepartmentDeadline=`,
/// `GovernmentDeadline=`); an agency of no known kind (no directory, no
/// 类型 column, an unknown agency) is held to the township/department date, the earlier one.
public struct CollectionDeadlines: Sendable, Hashable {
    /// A day of the year after the report year, `(month, day)`.
    public struct MonthDay: Sendable, Hashable, CustomStringConvertible {
        public var month: Int
        public var day: Int

        public init(month: Int, day: Int) {
            self.month = month
            self.day = day
        }

        /// Reads `MM-DD` (or `M-D`); nil for a day no year has (29 February is refused: most years lack it).
        public init?(parsing text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]),
                CivilDate(year: 2027, month: m, day: d).isValid
            else { return nil }
            self.init(month: m, day: d)
        }

        /// `01-31`.
        public var description: String {
            (month < 10 ? "0\(month)" : "\(month)") + "-" + (day < 10 ? "0\(day)" : "\(day)")
        }
    }

    public var township: MonthDay
    public var department: MonthDay
    public var government: MonthDay

    public init(
        township: MonthDay = MonthDay(month: 1, day: 31), department: MonthDay = MonthDay(month: 1, day: 31),
        government: MonthDay = MonthDay(month: 3, day: 31)
    ) {
        self.township = township
        self.department = department
        self.government = government
    }

    /// The statutory dates.
    public static let statutory = CollectionDeadlines()

    /// The day a report of `year` by an agency of `kind` is due.
    public func deadline(year: Int, kind: AgencyKind?) -> CivilDate {
        let day: MonthDay
        switch kind {
        case .government: day = government
        case .department: day = department
        case .township, nil: day = township
        }
        return CivilDate(year: year + 1, month: day.month, day: day.day)
    }
}
