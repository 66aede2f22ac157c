import Testing

@testable import ReportValidation

/// Consistent reports built in code, for rule tests to break one thing at a time.
///
/// Layout of the built document: title on line 1; headings 一…六 on lines 3, 10, 30, 60, 70, 80;
/// table 二 from line 11, table 三 from line 31 (rows on 32…), table 四 on line 61/62.
enum DocumentBuilder {
    static let headingLines: [SectionKind: Int] = [
        .overview: 3, .proactive: 10, .applications: 30, .reviewLitigation: 60, .problems: 70, .other: 80,
    ]

    /// A report of `year` whose every table is complete and every identity holds.
    static func consistent(year: Int = 2021) -> ReportDocument {
        let version = FormatVersion.required(forYear: year) ?? .format2021
        var document = ReportDocument(sourceLines: [], layout: .tabRows)
        document.title = Title(
            text: "某某镇人民政府\(year)年政府信息公开工作年度报告", line: 1, year: year, unit: "某某镇人民政府")
        document.year = year
        document.headings = SectionKind.allCases.map { heading($0) }
        document.disclosureTable = disclosureTable(version)
        document.applicationTable = applicationTable(version)
        document.reviewTable = reviewTable()
        document.formatMarkers = [
            version == .format2021
                ? FormatMarker(version: .format2021, text: "本年制发件数", line: 13)
                : FormatMarker(version: .trial2019, text: "本年新制作数量", line: 13)
        ]
        return document
    }

    /// The template heading of `kind`, or another text under that ordinal.
    static func heading(
        _ kind: SectionKind?, ordinal: Int? = nil, text: String? = nil, line: Int? = nil, level: Int = 0,
        template: Bool = true
    ) -> SectionHeading {
        let ordinal = ordinal ?? kind?.rawValue
        return SectionHeading(
            kind: kind, ordinal: ordinal, text: text ?? kind?.templateHeading ?? "\(ordinal ?? 0)、小标题",
            line: line ?? kind.flatMap { headingLines[$0] } ?? 5, markdownLevel: level, isTemplateWording: template)
    }

    static func cells(_ raws: [String], line: Int) -> [Cell] {
        raws.map { Cell(raw: $0, line: line) }
    }

    // MARK: Table 二

    /// Values per block, one array per required row, in the template's row order.
    static func disclosureValues(_ version: FormatVersion) -> [DisclosureItem: [[String]]] {
        switch version {
        case .format2021:
            [.one: [["0", "0", "3"], ["2", "0", "36"]], .five: [["212"]], .six: [["13"], ["0"]], .eight: [["0"]]]
        case .trial2019:
            [
                .one: [["0", "0", "0"], ["1", "1", "5"]], .five: [["3", "-1", "2"], ["0", "0", "0"]],
                .six: [["2", "+1", "3"], ["0", "0", "0"]], .eight: [["1", "0"]], .nine: [["2", "15.5"]],
            ]
        }
    }

    static func disclosureTable(_ version: FormatVersion) -> DisclosureTable {
        var blocks: [DisclosureItem: DisclosureBlock] = [:]
        var line = 11
        let values = disclosureValues(version)
        for item in DisclosureItem.required(for: version) {
            let specs = item.requiredRows(for: version)
            let caption = line
            let rows = specs.enumerated().map { index, spec in
                DisclosureRow(
                    label: spec.label, line: caption + 2 + index,
                    cells: cells(values[item]![index], line: caption + 2 + index),
                    reading: .direct)
            }
            blocks[item] = DisclosureBlock(
                item: item, caption: item.caption, line: caption, headers: specs[0].columns, rows: rows)
            line += 2 + rows.count
        }
        return DisclosureTable(line: 11, blocks: blocks, foundIn: .proactive)
    }

    // MARK: Table 三

    /// Consistent table-三 values (7 columns): 一 + 二 = (七) + 四, (七) = Σ leaves, 总计 = Σ applicants.
    static func applicationValues(_ row: ApplicationRow) -> [Int] {
        switch row {
        case .new: [4, 1, 0, 1, 0, 0, 6]
        case .carryIn: [1, 0, 0, 0, 0, 0, 1]
        case .granted: [2, 1, 0, 0, 0, 0, 3]
        case .partial: [1, 0, 0, 1, 0, 0, 2]
        case .u1: [1, 0, 0, 0, 0, 0, 1]
        case .d6: [0, 0, 0, 0, 0, 0, 0]
        case .total: [4, 1, 0, 1, 0, 0, 6]
        case .carryOut: [1, 0, 0, 0, 0, 0, 1]
        case .subtotalUnable: applicationValues(.u1)
        default: [0, 0, 0, 0, 0, 0, 0]
        }
    }

    /// The source line of `row` in the built table 三.
    static func applicationLine(_ row: ApplicationRow) -> Int {
        32 + (ApplicationRow.allCases.firstIndex(of: row) ?? 0)
    }

    /// Every required row of `version`, plus `subtotalRows`; an 8th 法人或其他组织 column when asked.
    static func applicationTable(
        _ version: FormatVersion, subtotalRows: [ApplicationRow] = [], subtotalColumn: Bool = false
    ) -> ApplicationTable {
        var rows: [ApplicationRow: ApplicationTableRow] = [:]
        for key in ApplicationRow.required(for: version) + subtotalRows {
            var values = applicationValues(key).map(String.init)
            if subtotalColumn {
                values.insert(String(applicationValues(key)[1...5].reduce(0, +)), at: 6)
            }
            let line = applicationLine(key)
            rows[key] = ApplicationTableRow(
                key: key, label: key.templateLabel, line: line, cells: cells(values, line: line))
        }
        return ApplicationTable(line: 31, headerFound: true, hasSubtotalColumn: subtotalColumn, rows: rows)
    }

    // MARK: Table 四

    /// Consistent table-四 values: 1+0+0+1 = 2 | 0+1+0+0 = 1 | 0+0+0+0 = 0.
    static let reviewValues = ["1", "0", "0", "1", "2", "0", "1", "0", "0", "1", "0", "0", "0", "0", "0"]

    static func reviewTable(_ values: [String] = reviewValues) -> ReviewTable {
        ReviewTable(line: 61, headerFound: true, cells: cells(values, line: 62))
    }
}

extension ReportDocument {
    /// Replaces the cell at physical `index` of table-三 row `row`.
    mutating func setApplicationCell(_ row: ApplicationRow, _ index: Int, _ raw: String) {
        let line = applicationTable!.rows[row]!.line
        applicationTable!.rows[row]!.cells[index] = Cell(raw: raw, line: line)
    }

    /// Replaces the table-四 cell at `group`, column 0…4.
    mutating func setReviewCell(_ group: ReviewGroup, _ column: Int, _ raw: String) {
        reviewTable!.cells[group.rawValue * 5 + column] = Cell(raw: raw, line: 62)
    }

    /// Replaces the cells of the table-二 row `index` of block `item`.
    mutating func setDisclosureRow(_ item: DisclosureItem, _ index: Int, _ raws: [String]) {
        let line = disclosureTable!.blocks[item]!.rows[index].line
        disclosureTable!.blocks[item]!.rows[index].cells = DocumentBuilder.cells(raws, line: line)
    }
}

/// Runs the one rule `code` on `document` and returns its findings (failing the test if no such rule).
func ruleFindings(_ code: RuleCode, in document: ReportDocument, currentYear: Int? = 2025) -> [Finding] {
    guard let rule = RuleCatalogue.rule(code) else {
        Issue.record("no rule \(code) in the catalogue")
        return []
    }
    return Validator(rules: [rule]).validate(document, currentYear: currentYear).findings
}

/// Every rule this suite covers, for the "silent on a consistent report" tests.
let builtRuleCodes: [RuleCode] = [
    "STRUCT-001", "STRUCT-002", "STRUCT-003", "STRUCT-004", "STRUCT-005", "STRUCT-006", "STRUCT-007", "STRUCT-008",
    "FMT-001", "FMT-002", "FMT-003", "FMT-004", "FMT-005",
    "T2-001", "T2-002", "T2-003", "T2-004", "T2-005", "T2-006", "T2-007", "T2-008", "T2-010",
    "T3-STRUCT-001", "T3-STRUCT-002", "T3-STRUCT-003", "T3-STRUCT-004", "T3-STRUCT-005", "T3-VAL-001", "T3-VAL-002",
    "T3-SUM-001", "T3-SUM-002", "T3-SUM-003", "T3-SUM-004",
    "T4-STRUCT-001", "T4-STRUCT-002", "T4-STRUCT-003", "T4-VAL-001", "T4-VAL-002", "T4-SUM-001", "T4-SUM-002",
    "T4-SUM-003", "READ-004",
]
