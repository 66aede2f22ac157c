/// The rows of table 三 (收到和处理政府信息公开申请情况), keyed as in spec §5.
public enum ApplicationRow: String, Sendable, Hashable, Codable, CaseIterable {
    case new, carryIn
    case granted, partial
    case d1, d2, d3, d4, d5, d6, d7, d8
    case u1, u2, u3
    case n1, n2, n3, n4, n5
    case o1, o2, o3
    /// Trial format: `（六）其他处理` as one row.
    case oSingle
    case total, carryOut
    /// Optional subtotal rows on the group labels (§5.4).
    case subtotalDenied, subtotalUnable, subtotalNotProcessed, subtotalOther

    /// The label of the official template.
    public var templateLabel: String {
        switch self {
        case .new: "一、本年新收政府信息公开申请数量"
        case .carryIn: "二、上年结转政府信息公开申请数量"
        case .granted: "（一）予以公开"
        case .partial: "（二）部分公开"
        case .d1: "（三）1.属于国家秘密"
        case .d2: "（三）2.其他法律行政法规禁止公开"
        case .d3: "（三）3.危及“三安全一稳定”"
        case .d4: "（三）4.保护第三方合法权益"
        case .d5: "（三）5.属于三类内部事务信息"
        case .d6: "（三）6.属于四类过程性信息"
        case .d7: "（三）7.属于行政执法案卷"
        case .d8: "（三）8.属于行政查询事项"
        case .u1: "（四）1.本机关不掌握相关政府信息"
        case .u2: "（四）2.没有现成信息需要另行制作"
        case .u3: "（四）3.补正后申请内容仍不明确"
        case .n1: "（五）1.信访举报投诉类申请"
        case .n2: "（五）2.重复申请"
        case .n3: "（五）3.要求提供公开出版物"
        case .n4: "（五）4.无正当理由大量反复申请"
        case .n5: "（五）5.要求行政机关确认或重新出具已获取信息"
        case .o1: "（六）1.申请人无正当理由逾期不补正"
        case .o2: "（六）2.申请人逾期未按收费通知要求缴纳费用"
        case .o3: "（六）3.其他"
        case .oSingle: "（六）其他处理"
        case .total: "（七）总计"
        case .carryOut: "四、结转下年度继续办理"
        case .subtotalDenied: "（三）不予公开"
        case .subtotalUnable: "（四）无法提供"
        case .subtotalNotProcessed: "（五）不予处理"
        case .subtotalOther: "（六）其他处理（小计）"
        }
    }

    /// Rows every report of `version` must have.
    public static func required(for version: FormatVersion) -> [ApplicationRow] {
        [.new, .carryIn] + leaves(for: version) + [.total, .carryOut]
    }

    /// The rows that add up to （七）总计 (spec §5.2/§5.3).
    public static func leaves(for version: FormatVersion) -> [ApplicationRow] {
        let common: [ApplicationRow] = [
            .granted, .partial, .d1, .d2, .d3, .d4, .d5, .d6, .d7, .d8, .u1, .u2, .u3,
            .n1, .n2, .n3, .n4, .n5,
        ]
        return version == .format2021 ? common + [.o1, .o2, .o3] : common + [.oSingle]
    }

    /// For a subtotal row, the leaves it sums.
    public var subtotalChildren: [ApplicationRow]? {
        switch self {
        case .subtotalDenied: [.d1, .d2, .d3, .d4, .d5, .d6, .d7, .d8]
        case .subtotalUnable: [.u1, .u2, .u3]
        case .subtotalNotProcessed: [.n1, .n2, .n3, .n4, .n5]
        case .subtotalOther: [.o1, .o2, .o3]
        default: nil
        }
    }
}

/// The value columns of table 三, in canonical order (spec §5.1).
public enum ApplicantColumn: Int, Sendable, Hashable, Codable, CaseIterable {
    case natural, commercial, research, social, legal, otherOrg, total

    public var label: String {
        switch self {
        case .natural: "自然人"
        case .commercial: "商业企业"
        case .research: "科研机构"
        case .social: "社会公益组织"
        case .legal: "法律服务机构"
        case .otherOrg: "其他"
        case .total: "总计"
        }
    }

    /// The six applicant columns that add up to 总计.
    public static let parts: [ApplicantColumn] = [.natural, .commercial, .research, .social, .legal, .otherOrg]
}

/// One value row of table 三 as read from the source.
public struct ApplicationTableRow: Sendable, Hashable {
    public var key: ApplicationRow
    /// The label as printed (joined fragments).
    public var label: String
    public var line: Int
    /// The value cells as found, before any width check.
    public var cells: [Cell]
    public var reading: Reading

    public init(key: ApplicationRow, label: String, line: Int, cells: [Cell], reading: Reading = .direct) {
        self.key = key
        self.label = label
        self.line = line
        self.cells = cells
        self.reading = reading
    }
}

/// Table 三 as read.
public struct ApplicationTable: Sendable, Hashable {
    /// First source line of the table (header or first row).
    public var line: Int
    /// Whether the applicant header (自然人 … 总计) was recognised.
    public var headerFound: Bool
    /// Whether the header declares an 8th column (法人或其他组织 subtotal / 小计).
    public var hasSubtotalColumn: Bool
    public var rows: [ApplicationRow: ApplicationTableRow]
    /// Later copies of a row already read (same `ApplicationRow`), as printed; the first copy is the one
    /// in `rows`. T3-STRUCT-005 (copies disagree) and READ-004 (equal copies) report them.
    public var duplicateRows: [ApplicationTableRow]
    /// Rows with run-together digits none of whose readings lets the columns add up (empty when fine).
    public var rowsWithNoConsistentReading: [ApplicationRow] = []

    public init(line: Int, headerFound: Bool, hasSubtotalColumn: Bool, rows: [ApplicationRow: ApplicationTableRow]) {
        self.line = line
        self.headerFound = headerFound
        self.hasSubtotalColumn = hasSubtotalColumn
        self.rows = rows
        self.duplicateRows = []
    }

    /// Value cells expected per row.
    public var expectedWidth: Int { hasSubtotalColumn ? 8 : 7 }

    /// The row's cells if it has exactly the expected width and was read unambiguously.
    public func wellFormedCells(_ key: ApplicationRow) -> [Cell]? {
        guard let row = rows[key], row.cells.count == expectedWidth, row.reading.isPositional else { return nil }
        return row.cells
    }

    /// The cell of `column` in row `key` (the subtotal column, when present, is skipped).
    public func cell(_ key: ApplicationRow, _ column: ApplicantColumn) -> Cell? {
        guard let cells = wellFormedCells(key) else { return nil }
        return cells[physicalIndex(column)]
    }

    /// Index of `column` in a row of this table's width.
    public func physicalIndex(_ column: ApplicantColumn) -> Int {
        guard hasSubtotalColumn else { return column.rawValue }
        // 自然人, [商业 科研 公益 法律 其他], 小计, 总计 — the subtotal sits after 其他.
        return column == .total ? 7 : column.rawValue
    }
}

/// Positions of table 四's single data row (spec §6).
public enum ReviewGroup: Int, Sendable, Hashable, Codable, CaseIterable {
    case review = 0
    case directSuit = 1
    case suitAfterReview = 2

    public var label: String {
        switch self {
        case .review: "行政复议"
        case .directSuit: "行政诉讼 / 未经复议直接起诉"
        case .suitAfterReview: "行政诉讼 / 复议后起诉"
        }
    }

    public var englishLabel: String {
        switch self {
        case .review: "administrative review"
        case .directSuit: "litigation without prior review"
        case .suitAfterReview: "litigation after review"
        }
    }

    public static let columnLabels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
}

/// Table 四 as read: the positional cells after the header.
public struct ReviewTable: Sendable, Hashable {
    public var line: Int
    public var headerFound: Bool
    /// The data cells found (15 when well formed).
    public var cells: [Cell]
    public var reading: Reading
    /// A second complete data row (15 cells) found after the first, as printed; empty when none.
    /// The first is the table; T4-STRUCT-003 compares the two.
    public var duplicateCells: [Cell] = []

    public init(line: Int, headerFound: Bool, cells: [Cell], reading: Reading = .direct) {
        self.line = line
        self.headerFound = headerFound
        self.cells = cells
        self.reading = reading
    }

    public var isWellFormed: Bool {
        cells.count == 15 && reading.isPositional
    }

    /// The cell at group `group`, column index 0…4 (4 = 总计).
    public func cell(_ group: ReviewGroup, _ column: Int) -> Cell? {
        isWellFormed ? cells[group.rawValue * 5 + column] : nil
    }

    public static func columnLabel(_ group: ReviewGroup, _ column: Int) -> String {
        "\(group.label) / \(ReviewGroup.columnLabels[column])"
    }
}

/// The blocks of table 二, by the Art. 20 item in their caption.
public enum DisclosureItem: String, Sendable, Hashable, Codable, CaseIterable {
    case one = "一"
    case five = "五"
    case six = "六"
    case eight = "八"
    case nine = "九"

    public var caption: String { "第二十条第（\(rawValue)）项" }

    public static func required(for version: FormatVersion) -> [DisclosureItem] {
        version == .format2021 ? [.one, .five, .six, .eight] : [.one, .five, .six, .eight, .nine]
    }

    /// Required rows and the values each carries, per format.
    public func requiredRows(for version: FormatVersion) -> [DisclosureRowSpec] {
        switch (self, version) {
        case (.one, .format2021):
            let cols = ["本年制发件数", "本年废止件数", "现行有效件数"]
            return [
                DisclosureRowSpec(label: "规章", anchors: ["规章"], columns: cols),
                DisclosureRowSpec(label: "行政规范性文件", anchors: ["规范性文件"], columns: cols),
            ]
        case (.one, .trial2019):
            let cols = ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
            return [
                DisclosureRowSpec(label: "规章", anchors: ["规章"], columns: cols),
                DisclosureRowSpec(label: "规范性文件", anchors: ["规范性文件"], columns: cols),
            ]
        case (.five, .format2021):
            return [DisclosureRowSpec(label: "行政许可", anchors: ["行政许可"], columns: ["本年处理决定数量"])]
        case (.five, .trial2019):
            let cols = ["上一年项目数量", "本年增/减", "处理决定数量"]
            return [
                DisclosureRowSpec(label: "行政许可", anchors: ["行政许可"], columns: cols),
                DisclosureRowSpec(label: "其他对外管理服务事项", anchors: ["其他对外管理服务"], columns: cols),
            ]
        case (.six, .format2021):
            return [
                DisclosureRowSpec(label: "行政处罚", anchors: ["行政处罚"], columns: ["本年处理决定数量"]),
                DisclosureRowSpec(label: "行政强制", anchors: ["行政强制"], columns: ["本年处理决定数量"]),
            ]
        case (.six, .trial2019):
            let cols = ["上一年项目数量", "本年增/减", "处理决定数量"]
            return [
                DisclosureRowSpec(label: "行政处罚", anchors: ["行政处罚"], columns: cols),
                DisclosureRowSpec(label: "行政强制", anchors: ["行政强制"], columns: cols),
            ]
        case (.eight, .format2021):
            return [
                DisclosureRowSpec(
                    label: "行政事业性收费", anchors: ["事业性收费"], columns: ["本年收费金额（单位：万元）"],
                    amountColumns: [0])
            ]
        case (.eight, .trial2019):
            return [
                DisclosureRowSpec(label: "行政事业性收费", anchors: ["事业性收费"], columns: ["上一年项目数量", "本年增/减"])
            ]
        case (.nine, .trial2019):
            return [
                DisclosureRowSpec(
                    label: "政府集中采购", anchors: ["集中采购"], columns: ["采购项目数量", "采购总金额"], amountColumns: [1])
            ]
        case (.nine, .format2021):
            return []
        }
    }
}

/// What a required table-二 row looks like.
public struct DisclosureRowSpec: Sendable, Hashable {
    public var label: String
    /// Substrings of the normalised label that identify the row.
    public var anchors: [String]
    public var columns: [String]
    /// Indexes of columns holding amounts (decimals) rather than counts.
    public var amountColumns: Set<Int> = []

    /// Index of the signed `本年增/减` column, if any.
    public var signedColumn: Int? { columns.firstIndex(of: "本年增/减") }
}

/// One data row of a table-二 block.
public struct DisclosureRow: Sendable, Hashable {
    public var label: String
    public var line: Int
    public var cells: [Cell]
    public var reading: Reading
}

/// One `第二十条第（X）项` block of table 二.
public struct DisclosureBlock: Sendable, Hashable {
    public var item: DisclosureItem
    public var caption: String
    public var line: Int
    /// Header cells after `信息内容`, as printed.
    public var headers: [String]
    public var rows: [DisclosureRow]
}

/// Table 二 as read.
public struct DisclosureTable: Sendable, Hashable {
    public var line: Int
    public var blocks: [DisclosureItem: DisclosureBlock]
    /// The section the table was found in (it belongs in 二).
    public var foundIn: SectionKind?
}
