/// The year's figures of every agency for the office's own summary (`nianbao export`): one row per
/// agency's current report, every cell of tables 二/三/四 under the template's row and column names,
/// and a totals row. Blank is never 0: a total over cells some of which are blank says how many.
public struct YearExport: Sendable, Hashable {
    /// One agency's current report.
    public struct Row: Sendable, Hashable {
        public var submission: OfficeSubmission
        public var kind: AgencyKind?
        /// For each of the export's columns, where the submission's cells hold it (−1: they do not); shared
        /// by the rows whose cells have one layout, so that a year's millions of cells are found by position.
        var positions: [Int] = []

        /// The cell under the export's column `column` (an index into ``YearExport/columns``).
        public func cell(at column: Int) -> RecordedCell? {
            let position = positions[column]
            return position < 0 ? nil : submission.cells.values[position]
        }
    }

    /// The sum of one cell over the agencies: exact (decimals kept as written), with what it left out.
    public struct Total: Sendable, Hashable {
        /// Sum of the numbers, scaled by 10^`scale` (`scale` = the most decimals any term had).
        public var scaled: Int = 0
        public var scale: Int = 0
        /// Reports whose cell is a number.
        public var numbers: Int = 0
        /// Reports whose cell is blank or a placeholder (`—`, `/`): nothing was written, so it is not 0.
        public var blanks: Int = 0
        /// Reports whose cell is text, could not be read, or is missing from the table.
        public var unreadable: Int = 0

        /// The sum as text (`12`, `3.50`); empty when no report had a number there.
        public var sumText: String {
            guard numbers > 0 else { return "" }
            guard scale > 0 else { return String(scaled) }
            let magnitude = String(scaled.magnitude)
            let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
            return (scaled < 0 ? "-" : "") + padded.dropLast(scale) + "." + padded.suffix(scale)
        }

        /// The sum with what it left out: `12（2 份空白）`, `12（1 份空白，1 份无法读取）`.
        public var text: String {
            var notes: [String] = []
            if blanks > 0 { notes.append("\(blanks) 份空白") }
            if unreadable > 0 { notes.append("\(unreadable) 份无法读取") }
            let sum = sumText.isEmpty ? "—" : sumText
            return notes.isEmpty ? sum : sum + "（" + notes.joined(separator: "，") + "）"
        }

        mutating func add(_ cell: RecordedCell?) {
            switch cell?.value {
            case .number(let n):
                numbers += 1
                if n.fraction.isEmpty && scale == 0 {  // the common case, without the scaling arithmetic
                    scaled += n.isNegative ? -n.whole : n.whole
                    return
                }
                let digits = min(n.fraction.count, 9)
                if digits > scale {
                    scaled *= Self.power(digits - scale)
                    scale = digits
                }
                let fraction = Int(n.fraction.prefix(digits)) ?? 0
                var value = n.whole * Self.power(scale) + fraction * Self.power(scale - digits)
                if n.isNegative { value = -value }
                scaled += value
            case .blank, .placeholder: blanks += 1
            case .text, .notAssessable, nil: unreadable += 1
            }
        }

        static func power(_ n: Int) -> Int { (0..<n).reduce(1) { value, _ in value * 10 } }
    }

    public var year: Int
    /// The cells in template order (表二, 表三, 表四) for the year's format, then any others the reports hold.
    public var columns: [CellKey]
    public var rows: [Row]
    public var totals: [CellKey: Total]

    /// The export of `year` from every submission of that year (each agency's current version is taken).
    public init(year: Int, directory: AgencyDirectory?, submissions: [OfficeSubmission]) {
        self.year = year
        var byAgency: [String: [OfficeSubmission]] = [:]
        for submission in submissions where submission.year == year {
            byAgency[submission.agency, default: []].append(submission)
        }
        var kinds: [String: AgencyKind] = [:]
        var order: [String: Int] = [:]
        for (index, agency) in (directory?.agencies ?? []).enumerated() {
            kinds[agency.name] = agency.kind
            if order[agency.name] == nil { order[agency.name] = index }
        }
        // Ranked first, so that the sort compares integers (and text only between agencies the directory lacks).
        let agencies = byAgency.keys.map { (rank: order[$0] ?? Int.max, agency: $0) }.sorted { $0 < $1 }.map(\.agency)
        var rows = agencies.compactMap { agency in
            OfficeSubmission.current(of: byAgency[agency] ?? []).map { Row(submission: $0, kind: kinds[agency]) }
        }
        let template = Self.templateCells(for: FormatVersion.required(forYear: year) ?? .format2021)
        // The work per cell is done once per layout (reports read alike share one), not once per report.
        var layouts: [ObjectIdentifier: CellLayout] = [:]
        for row in rows { layouts[ObjectIdentifier(row.submission.cells.layout)] = row.submission.cells.layout }
        let known = Set(template)
        var extra: Set<CellKey> = []
        for layout in layouts.values { for key in layout.keys where !known.contains(key) { extra.insert(key) } }
        let columns = template + extra.sorted()
        var positions: [ObjectIdentifier: [Int]] = [:]
        for (id, layout) in layouts { positions[id] = columns.map { layout.position(of: $0) ?? -1 } }
        var sums = [Total](repeating: Total(), count: columns.count)
        for index in rows.indices {
            rows[index].positions = positions[ObjectIdentifier(rows[index].submission.cells.layout)] ?? []
            for column in columns.indices { sums[column].add(rows[index].cell(at: column)) }
        }
        self.columns = columns
        self.rows = rows
        totals = Dictionary(uniqueKeysWithValues: zip(columns, sums))
    }

    /// Every cell of the three tables of `version`, in the template's order.
    public static func templateCells(for version: FormatVersion) -> [CellKey] {
        var keys: [CellKey] = []
        for item in DisclosureItem.required(for: version) {
            for spec in item.requiredRows(for: version) {
                keys += spec.columns.map { CellKey(.proactive, row: spec.label, column: $0) }
            }
        }
        for row in ApplicationRow.required(for: version) {
            keys += ApplicantColumn.allCases.map { CellKey(.applications, row: row.templateLabel, column: $0.label) }
        }
        for group in ReviewGroup.allCases {
            keys += ReviewGroup.columnLabels.map { CellKey(.reviewLitigation, row: group.label, column: $0) }
        }
        return keys
    }

    /// A cell as exported: the number as written, empty for blank, the text printed for a placeholder
    /// or other text, `无法读取` for a row that could not be read, empty when the table lacks it.
    public static func cellText(_ cell: RecordedCell?) -> String {
        switch cell?.value {
        case .number(let n): n.fraction.isEmpty && !n.isNegative ? String(n.whole) : n.text
        case .blank, nil: ""
        case .placeholder, .text: cell?.raw ?? ""
        case .notAssessable: "无法读取"
        }
    }

    /// The column heading of a cell: `表三/（一）予以公开/自然人`.
    public static func heading(_ key: CellKey) -> String { "表\(key.table.rawValue)/\(key.row)/\(key.column)" }

    /// The leading columns before the cells.
    public static let leadingHeadings = ["机关", "类型", "版本", "结论", "错误", "警告", "报送日期", "文件"]

    /// The rows as text cells: headings, one row per agency, then the totals row.
    public var grid: [[String]] {
        var out = [Self.leadingHeadings + columns.map(Self.heading)]
        for row in rows {
            let s = row.submission
            out.append(
                [
                    s.agency, row.kind?.rawValue ?? "", String(s.version), s.verdict == .accepted ? "通过" : "退回",
                    String(s.errors), String(s.warnings), s.filedDate.description, s.finalName,
                ] + columns.indices.map { Self.cellText(row.cell(at: $0)) })
        }
        out.append(
            ["合计（\(rows.count) 个机关）", "", "", "", "", "", "", ""] + columns.map { totals[$0]?.text ?? "" })
        return out
    }
}
