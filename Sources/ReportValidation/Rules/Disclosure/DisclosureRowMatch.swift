/// A required row of table 二 paired with the row the reader found for it (spec §4): the common ground
/// of the T2 rules, so each looks cells up, names columns and places findings the same way.
struct DisclosureRowMatch: Sendable {
    var item: DisclosureItem
    var block: DisclosureBlock
    var spec: DisclosureRowSpec
    var version: FormatVersion
    /// nil when no row of the block carries one of the spec's anchors.
    var row: DisclosureRow?
    /// Later rows of the block that carry the same anchors: copies of `row`, which is the one read.
    var copies: [DisclosureRow] = []

    /// Every required row of every required block present in `table`, for `version`.
    static func all(in table: DisclosureTable, version: FormatVersion) -> [DisclosureRowMatch] {
        DisclosureItem.required(for: version).flatMap { item -> [DisclosureRowMatch] in
            guard let block = table.blocks[item] else { return [] }
            var used: Set<Int> = []
            let specs = item.requiredRows(for: version)
            func matches(_ spec: DisclosureRowSpec, _ index: Int) -> Bool {
                let key = TextNormalizer.key(block.rows[index].label)
                return spec.anchors.contains { key.contains($0) }
            }
            var found = specs.map { spec in
                let index = block.rows.indices.first { !used.contains($0) && matches(spec, $0) }
                if let index { used.insert(index) }
                return DisclosureRowMatch(
                    item: item, block: block, spec: spec, version: version, row: index.map { block.rows[$0] })
            }
            for index in block.rows.indices where !used.contains(index) {
                guard let owner = specs.indices.first(where: { matches(specs[$0], index) }) else { continue }
                found[owner].copies.append(block.rows[index])
            }
            return found
        }
    }

    /// The rows found whose values can be read one per cell (run-together digits are another rule's).
    static func assessable(in document: ReportDocument) -> [DisclosureRowMatch] {
        guard let table = document.disclosureTable else { return [] }
        return all(in: table, version: document.effectiveFormat).filter(\.isAssessable)
    }

    var isAssessable: Bool {
        guard let row else { return false }
        return row.reading.isPositional
    }

    /// The cell of column `index`; nil when the row stops before it (missing cells are blank).
    func cell(_ index: Int) -> Cell? {
        guard let row, index < row.cells.count else { return nil }
        return row.cells[index]
    }

    /// The value of column `index`, `.blank` when the cell is absent.
    func value(_ index: Int) -> CellValue { cell(index)?.value ?? .blank }

    /// The integer in column `index`, nil when it holds anything else.
    func integer(_ index: Int) -> Int? { value(index).integer }

    /// The header printed over column `index`, falling back to the template's.
    func header(_ index: Int) -> String {
        index < block.headers.count && !block.headers[index].isEmpty ? block.headers[index] : spec.columns[index]
    }

    func location(column: String? = nil) -> Location {
        Location(
            line: row?.line ?? block.line, section: .proactive, table: .proactive,
            row: spec.label, column: column)
    }

    /// Whether column `index` holds a signed count (trial `本年增/减`).
    func isSigned(_ index: Int) -> Bool { version == .trial2019 && spec.signedColumn == index }

    /// The checks of T2-007/T2-008 a missing value in column `index` leaves not assessable.
    func checksBlocked(byColumn index: Int) -> [String] {
        switch (version, item) {
        case (.format2021, .one):
            return ["T2-007 \(spec.label) 现行有效件数 ≥ 本年制发件数 − 本年废止件数"]
        case (.trial2019, .one) where index >= 1:
            return ["T2-008 \(spec.label) 对外公开总数量 ≥ 本年新公开数量"]
        case (.trial2019, _) where spec.signedColumn != nil && index <= 1:
            return ["T2-008 \(spec.label) 上一年项目数量 + 本年增/减 ≥ 0"]
        default:
            return []
        }
    }

    /// The decimals a header such as `本年收费金额(单位:万元,保留4位小数)` allows, nil when it says nothing.
    static func declaredDecimals(in header: String) -> Int? {
        let key = TextNormalizer.key(header)
        guard let start = key.firstRange(of: "保留"), let end = key.firstRange(of: "位小数"),
            start.upperBound <= end.lowerBound
        else { return nil }
        let count = key[start.upperBound..<end.lowerBound]
        if let digits = Int(count) { return digits }
        return ChineseNumeral.value(of: count)
    }
}
