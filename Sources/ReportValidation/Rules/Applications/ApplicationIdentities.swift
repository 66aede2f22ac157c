/// The exact identities of table 三 (spec §8.2), built once from the table so the SUM rules evaluate them
/// and T3-VAL-002 can say which of them a blank cell leaves not assessable.
enum ApplicationIdentities {
    static let subtotalColumnLabel = "法人或其他组织 / 小计"

    /// Every identity of `table` under `version`: SUM-001 and SUM-002 per column, SUM-003 per row,
    /// SUM-004 per subtotal row and column and, when declared, per row for the subtotal column.
    static func all(_ table: ApplicationTable, version: FormatVersion) -> [SumIdentity] {
        let view = ApplicationTableView(table: table)
        let leaves = ApplicationRow.leaves(for: version)
        var identities: [SumIdentity] = []
        for column in ApplicantColumn.allCases {
            identities.append(
                SumIdentity(
                    code: "T3-SUM-001", scope: column.label,
                    left: SumSide("一+二", [view.term(.new, column), view.term(.carryIn, column)]),
                    right: SumSide("(七)总计+四", [view.term(.total, column), view.term(.carryOut, column)]),
                    location: view.location(line: view.line(of: .new), column: column.label)))
        }
        for column in ApplicantColumn.allCases {
            identities.append(
                SumIdentity(
                    code: "T3-SUM-002", scope: column.label,
                    left: SumSide(view.term(.total, column)),
                    right: SumSide("Σ(一)…(六)[\(leaves.count)]", leaves.map { view.term($0, column) }),
                    location: view.location(line: view.line(of: .total), column: column.label)))
        }
        let subtotalRows = ApplicationRow.allCases.filter { $0.subtotalChildren != nil && table.rows[$0] != nil }
        for row in ApplicationRow.required(for: version) + subtotalRows {
            identities.append(
                SumIdentity(
                    code: "T3-SUM-003", scope: row.templateLabel,
                    left: SumSide("总计", [view.term(row, .total)]),
                    right: SumSide("自然人+…+其他", ApplicantColumn.parts.map { view.term(row, $0) }),
                    location: view.location(line: view.line(of: row), row: row.templateLabel)))
        }
        for row in subtotalRows {
            let children = row.subtotalChildren ?? []
            for column in ApplicantColumn.allCases {
                identities.append(
                    SumIdentity(
                        code: "T3-SUM-004", scope: "\(row.templateLabel) / \(column.label)",
                        left: SumSide(view.term(row, column)),
                        right: SumSide(
                            children.map(\.shortName).joined(separator: "+"), children.map { view.term($0, column) }),
                        location: view.location(line: view.line(of: row), row: row.templateLabel, column: column.label))
                )
            }
        }
        if table.hasSubtotalColumn {
            for row in view.rowsInOrder.map(\.key) {
                identities.append(
                    SumIdentity(
                        code: "T3-SUM-004", scope: "\(row.templateLabel) / 法人或其他组织",
                        left: SumSide(view.subtotalTerm(row)),
                        right: SumSide("商业企业+…+其他", ApplicantColumn.parts.dropFirst().map { view.term(row, $0) }),
                        location: view.location(
                            line: view.line(of: row), row: row.templateLabel, column: subtotalColumnLabel)))
            }
        }
        return identities
    }
}

/// Table 三 as the rules address it: terms, column labels by physical position, locations.
struct ApplicationTableView: Sendable {
    let table: ApplicationTable

    /// The rows found, in source order.
    var rowsInOrder: [ApplicationTableRow] {
        table.rows.values.sorted { ($0.line, $0.key.order) < ($1.line, $1.key.order) }
    }

    func line(of row: ApplicationRow) -> Int { table.rows[row]?.line ?? table.line }

    func term(_ row: ApplicationRow, _ column: ApplicantColumn) -> SumTerm {
        SumTerm(
            name: row.shortName, position: CellPosition(row: row.templateLabel, column: column.label),
            cell: table.cell(row, column))
    }

    /// The 法人或其他组织 subtotal cell of `row` (the 8th column, when declared).
    func subtotalTerm(_ row: ApplicationRow) -> SumTerm {
        let cells = table.hasSubtotalColumn ? table.wellFormedCells(row) : nil
        return SumTerm(
            name: "小计",
            position: CellPosition(row: row.templateLabel, column: ApplicationIdentities.subtotalColumnLabel),
            cell: cells?[6])
    }

    /// The label of the value cell at `index` of a row of this table's width.
    func columnLabel(physical index: Int) -> String {
        if table.hasSubtotalColumn && index == 6 { return ApplicationIdentities.subtotalColumnLabel }
        let column = ApplicantColumn.allCases.first { table.physicalIndex($0) == index }
        return column?.label ?? "第\(index + 1)列"
    }

    func location(line: Int, row: String? = nil, column: String? = nil) -> Location {
        Location(line: line, section: .applications, table: .applications, row: row, column: column)
    }
}

extension ApplicationRow {
    /// A short name for evidence, e.g. `一`, `(三)1`, `(七)总计` (computed once per row kind).
    var shortName: String { ApplicationRow.shortNames[self] ?? rawValue }

    private static let shortNames: [ApplicationRow: String] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, $0.computedShortName) })
    private static let orders: [ApplicationRow: Int] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    private var computedShortName: String {
        switch self {
        case .new: return "一"
        case .carryIn: return "二"
        case .carryOut: return "四"
        case .total: return "(七)总计"
        case .oSingle: return "(六)"
        default:
            let label = TextNormalizer.fold(templateLabel)
            guard let close = label.firstIndex(of: ")") else { return label }
            let group = label[...close]
            let rest = label[label.index(after: close)...]
            if let dot = rest.firstIndex(of: ".") { return String(group + rest[..<dot]) }
            return subtotalChildren == nil ? String(group) : String(group) + "小计"
        }
    }

    /// Position in the template, for stable ordering.
    var order: Int { ApplicationRow.orders[self] ?? 0 }
}
