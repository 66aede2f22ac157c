/// Where a cell of tables 二/三/四 sits, by the template's own labels, so that a register can store
/// it and a later year's rules can find it again whatever the layout of either file.
public struct CellKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var table: TableKind
    /// The template row label, e.g. `四、结转下年度继续办理`, `规章`, `行政复议`.
    public var row: String
    /// The template column label, e.g. `自然人`, `现行有效件数`, `结果维持`.
    public var column: String

    public init(_ table: TableKind, row: String, column: String) {
        self.table = table
        self.row = row
        self.column = column
    }

    /// `表三「四、结转下年度继续办理」列「自然人」`.
    public var description: String { "表\(table.rawValue)「\(row)」列「\(column)」" }

    // Labels are the template's own text, so they compare and hash as UTF-8 bytes: String's Unicode-aware
    // hashing and ordering normalize every non-ASCII label first, and a year's export does millions of them.
    // For these (NFC) labels byte order is the order of their scalars, so sorting is unchanged.

    public static func == (a: CellKey, b: CellKey) -> Bool {
        a.table == b.table && sameBytes(a.row, b.row) && sameBytes(a.column, b.column)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(table)
        Self.hashBytes(row, into: &hasher)
        Self.hashBytes(column, into: &hasher)
    }

    public static func < (a: CellKey, b: CellKey) -> Bool {
        if a.table != b.table { return a.table.rawValue < b.table.rawValue }
        if !sameBytes(a.row, b.row) { return precedes(a.row, b.row) }
        return precedes(a.column, b.column)
    }

    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }

    private static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.lexicographicallyPrecedes(y) } }
    }

    private static func hashBytes(_ text: String, into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(text.utf8.count)  // so that ("ab", "c") and ("a", "bc") differ
    }
}

/// What a cell held when its report was read: a number, blank, a placeholder, other text, or nothing
/// that can be relied on (digits run together ambiguously, a row of the wrong width). Blank is never 0.
public enum RecordedValue: Sendable, Hashable {
    case number(NumberLiteral)
    case blank
    case placeholder
    case text
    /// The row was found but its values could not be read one per cell.
    case notAssessable

    init(_ value: CellValue) {
        switch value {
        case .number(let n): self = .number(n)
        case .blank: self = .blank
        case .placeholder: self = .placeholder
        case .text: self = .text
        }
    }

    /// The exact integer, nil for anything else.
    public var integer: Int? {
        if case .number(let n) = self { return n.integer }
        return nil
    }
}

/// One cell as read, with the text printed and its source line (nil when the row could not be read).
public struct RecordedCell: Sendable, Hashable {
    public var value: RecordedValue
    public var raw: String
    public var line: Int?

    public init(value: RecordedValue, raw: String, line: Int?) {
        self.value = value
        self.raw = raw
        self.line = line
    }
}

/// The parts of a judged report that later years are checked against (and that a register stores):
/// year, format, the agency as titled, every cell of tables 二/三/四 as read, and the prose of the
/// sections DUP-001 compares. A value: no file, no document model.
public struct ReportSnapshot: Sendable, Hashable {
    public var year: Int?
    public var format: FormatVersion?
    /// The issuing unit as the title names it, e.g. `平潭综合实验区`.
    public var agency: String?
    public var cells: [CellKey: RecordedCell]
    /// The prose (no table rows, no headings) of the sections kept, by section.
    public var narrative: [SectionKind: String]

    public init(
        year: Int?, format: FormatVersion?, agency: String?, cells: [CellKey: RecordedCell],
        narrative: [SectionKind: String]
    ) {
        self.year = year
        self.format = format
        self.agency = agency
        self.cells = cells
        self.narrative = narrative
    }

    /// The sections whose prose is kept: 一 (总体情况) and 五 (存在的主要问题及改进情况), the free text DUP-001 compares.
    public static let narrativeSections: [SectionKind] = [.overview, .problems]

    /// What `document` holds; nil when it could not be read at all (an input problem).
    public init?(_ document: ReportDocument) {
        guard document.inputProblem == nil else { return nil }
        let hasFormat = document.year != nil || document.detectedFormat != nil
        var narrative: [SectionKind: String] = [:]
        for section in Self.narrativeSections {
            let text = document.text(of: section)
            if !text.isEmpty { narrative[section] = text }
        }
        self.init(
            year: document.year, format: hasFormat ? document.effectiveFormat : nil, agency: document.title?.unit,
            cells: Self.cells(of: document), narrative: narrative)
    }

    /// Every required cell of the three tables found in `document`, keyed by template labels.
    static func cells(of document: ReportDocument) -> [CellKey: RecordedCell] {
        var cells: [CellKey: RecordedCell] = [:]
        if let table = document.disclosureTable {
            for match in DisclosureRowMatch.all(in: table, version: document.effectiveFormat) {
                guard let row = match.row else { continue }
                for (index, column) in match.spec.columns.enumerated() {
                    let key = CellKey(.proactive, row: match.spec.label, column: column)
                    if !match.isAssessable {
                        cells[key] = RecordedCell(value: .notAssessable, raw: "", line: row.line)
                    } else {
                        let cell = match.cell(index)
                        cells[key] = RecordedCell(
                            value: RecordedValue(match.value(index)), raw: cell?.raw ?? "", line: cell?.line ?? row.line)
                    }
                }
            }
        }
        if let table = document.applicationTable {
            for (key, row) in table.rows {
                for column in ApplicantColumn.allCases {
                    let cellKey = CellKey(.applications, row: key.templateLabel, column: column.label)
                    if let cell = table.cell(key, column) {
                        cells[cellKey] = RecordedCell(value: RecordedValue(cell.value), raw: cell.raw, line: cell.line)
                    } else {
                        cells[cellKey] = RecordedCell(value: .notAssessable, raw: "", line: row.line)
                    }
                }
            }
        }
        if let table = document.reviewTable {
            for group in ReviewGroup.allCases {
                for column in ReviewGroup.columnLabels.indices {
                    let key = CellKey(.reviewLitigation, row: group.label, column: ReviewGroup.columnLabels[column])
                    if let cell = table.cell(group, column) {
                        cells[key] = RecordedCell(value: RecordedValue(cell.value), raw: cell.raw, line: cell.line)
                    } else {
                        cells[key] = RecordedCell(value: .notAssessable, raw: "", line: table.line)
                    }
                }
            }
        }
        return cells
    }
}

/// The previous year's report of the same agency, as the cross-year rules (T3-XYR-001, T2-009,
/// DUP-001) need it: its file name for the findings and what was read from it.
public struct PreviousReport: Sendable, Hashable {
    /// The name findings give it, e.g. `2022年报.txt` (a register's final name, or the file given to `--previous`).
    public var fileName: String
    public var snapshot: ReportSnapshot

    public init(fileName: String, snapshot: ReportSnapshot) {
        self.fileName = fileName
        self.snapshot = snapshot
    }

    /// Whether it can stand as the previous year of a report of year `year`: it is of year `year − 1`.
    public func precedes(_ year: Int?) -> Bool {
        guard let year, let own = snapshot.year else { return false }
        return own == year - 1
    }
}
