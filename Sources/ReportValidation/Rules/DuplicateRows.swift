/// A table row that appears twice: the copy the tables were read from and a later one, as printed.
///
/// Rows are the same row by their identity in the model — a table-三 `ApplicationRow`, a required
/// table-二 row of one block, table 四's single data row — never by their label text, so that `其他`
/// rows under different groups, or header rows a page break repeats, are not copies of each other.
struct DuplicateRow: Sendable, Hashable {
    var table: TableKind
    /// The row as the template names it; for table 二 with its block; nil for table 四's data row.
    var row: String?
    var firstLine: Int
    var firstValues: [String]
    var line: Int
    var values: [String]
    /// Whether the copies hold the same values (a copy-paste slip) rather than different ones.
    var identical: Bool

    /// `第39行、第63行` / `lines 39 and 63` (paragraphs in a Word file).
    func lines(_ layout: SourceLayout) -> LocalizedText {
        layout == .docx
            ? .zh("第\(firstLine)段、第\(line)段", en: "paragraphs \(firstLine) and \(line)")
            : .zh("第\(firstLine)行、第\(line)行", en: "lines \(firstLine) and \(line)")
    }

    /// `第39行` / `line 39`: where the copy the tables were read from is.
    func first(_ layout: SourceLayout) -> LocalizedText {
        LocationText.line(firstLine, layout: layout)
    }

    /// The two value lists, each with its line: `4 0 0 0 0 0 4 @ 39 ≠ 9 9 9 9 9 9 9 @ 63`.
    var evidence: String {
        let shown = { (values: [String]) in values.map { $0.isEmpty ? "␣" : $0 }.joined(separator: " ") }
        return "\(shown(firstValues)) @ \(firstLine) \(identical ? "=" : "≠") \(shown(values)) @ \(line)"
    }

    var location: Location {
        let section: SectionKind =
            switch table {
            case .proactive: .proactive
            case .applications: .applications
            case .reviewLitigation: .reviewLitigation
            }
        return Location(line: line, section: section, table: table, row: row)
    }
}

enum DuplicateRows {
    /// Every later copy of a row in the three tables, in table order (the rules read it from
    /// ``DerivedFacts/duplicateRows``, found once per validation).
    static func all(_ document: ReportDocument) -> [DuplicateRow] {
        disclosure(document) + applications(document) + review(document)
    }

    static func applications(_ document: ReportDocument) -> [DuplicateRow] {
        guard let table = document.applicationTable else { return [] }
        return table.duplicateRows.compactMap { copy in
            guard let first = table.rows[copy.key] else { return nil }
            let values = raws(copy.cells)
            return DuplicateRow(
                table: .applications, row: copy.key.templateLabel, firstLine: first.line, firstValues: raws(first.cells),
                line: copy.line, values: values, identical: same(first.cells, first.reading, values))
        }
    }

    static func disclosure(_ document: ReportDocument) -> [DuplicateRow] {
        guard let table = document.disclosureTable else { return [] }
        return DisclosureRowMatch.all(in: table, version: document.effectiveFormat).flatMap { match in
            match.copies.compactMap { copy -> DuplicateRow? in
                guard let first = match.row else { return nil }
                // Both copies were read alike (digit runs split by the same rules), so compare as read.
                let values = raws(copy.cells)
                return DuplicateRow(
                    table: .proactive, row: "\(match.item.caption) / \(match.spec.label)", firstLine: first.line,
                    firstValues: raws(first.cells), line: copy.line, values: values, identical: raws(first.cells) == values)
            }
        }
    }

    static func review(_ document: ReportDocument) -> [DuplicateRow] {
        guard let table = document.reviewTable, let copy = table.duplicateCells.first else { return [] }
        let values = raws(table.duplicateCells)
        return [
            DuplicateRow(
                table: .reviewLitigation, row: nil, firstLine: table.cells.first?.line ?? table.line,
                firstValues: raws(table.cells), line: copy.line, values: values,
                identical: same(table.cells, table.reading, values))
        ]
    }

    static func raws(_ cells: [Cell]) -> [String] { cells.map { TextNormalizer.key($0.raw) } }

    /// Whether a copy's values are those of the first row, also when the first row's digits ran
    /// together and were split (the copy is kept as printed, unsplit).
    static func same(_ first: [Cell], _ reading: Reading, _ copy: [String]) -> Bool {
        if raws(first) == copy { return true }
        switch reading {
        case .direct: return false
        case .splitFromRun(let original), .ambiguous(let original, _), .unsplittable(let original),
            .blankCells(let original, _), .blanksUnplaceable(let original, _, _):
            return TextNormalizer.key(original) == copy.joined()
        }
    }
}

extension DuplicateRow {
    /// The error for copies of a row of `table` that disagree: the named row twice, which value is meant
    /// cannot be told, and `checked` (the identities, sums…) were checked on the first copy only.
    static func conflicts(
        in context: RuleContext, table: TableKind, name: (DuplicateRow) -> LocalizedText, checked: LocalizedText
    ) -> [Violation] {
        guard let document = context.readableDocument else { return [] }
        return context.derived.duplicateRows.filter { $0.table == table && !$0.identical }.map { copy in
            let (lines, first) = (copy.lines(document.layout), copy.first(document.layout))
            return Violation(
                zh: "\(name(copy).zh)出现两次（\(lines.zh)），两行数值不一致，无法确定以哪一行为准；\(checked.zh)仅按\(first.zh)核对",
                en: "\(name(copy).en) appears twice (\(lines.en)) with different values: which is meant cannot be told, "
                    + "and \(checked.en) were checked on \(first.en) only",
                at: copy.location, evidence: copy.evidence)
        }
    }
}

extension RuleCatalogue {
    /// READ-004: a row printed twice with the same values. Severity is per rule (and per code in
    /// `--severity`), so copies that disagree — an error: which value is meant cannot be told — have
    /// their own codes per table (T2-010, T3-STRUCT-005, T4-STRUCT-003); equal copies change no number,
    /// so they are one reading note for all three tables: the row was read once.
    static let duplicateRowRepeated = Rule(
        "READ-004", .warning,
        summary: .zh("表格中同一数据行出现两次且数值相同，按一行读取", en: "A table row appears twice with the same values; it is read once"),
        hint: .zh("删除重复的一行", en: "Delete the repeated row")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        return context.derived.duplicateRows.filter(\.identical).map { copy in
            let lines = copy.lines(document.layout)
            let name: LocalizedText =
                copy.row.map { .zh("表\(copy.table.rawValue)“\($0)”行", en: "Table \(copy.table.rawValue) row “\($0)”") }
                ?? .zh("表\(copy.table.rawValue)数据行", en: "Table \(copy.table.rawValue)'s data row")
            return Violation(
                zh: "\(name.zh)出现两次（\(lines.zh)），两行数值相同，按一行计",
                en: "\(name.en) appears twice (\(lines.en)) with the same values; counted once",
                at: copy.location, evidence: copy.evidence)
        }
    }
}
