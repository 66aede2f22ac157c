/// Folds the repeats of one cause into one finding: the violations of a grouped rule that share a table
/// and a cause (`Violation.cause`, nil = the rule's one cause) become one violation that lists every
/// place (`Violation.places`, so the JSON keeps each cell) and is worded for the whole group, e.g.
/// "表三：商业企业、科研机构、社会公益组织、法律服务机构、其他 5 列在 25 行中为空".
///
/// Grouped are the findings whose repeats share one fix (blank cells, rows that could not be read or split,
/// an error among them: READ-002). Identity errors are not: each has its own numbers, each missing or
/// broken row its own fix.
enum FindingGrouping {
    /// How a group of violations is worded; `rule` gives the summary, `members` are in source order.
    struct Wording: Sendable {
        var merge: @Sendable (_ rule: Rule, _ members: [Violation]) -> Violation
    }

    /// The grouped rules and their wording: one place for the whole catalogue.
    static let wordings: [RuleCode: Wording] = [
        "T2-003": .blankCells(zh: "表二", en: "Table 二", blocked: .zh("相关的数量核对因此无法进行", en: "the checks on those counts cannot be made")),
        "T3-VAL-002": .blankCells(
            zh: "表三", en: "Table 三",
            blocked: .zh("涉及这些单元格的列合计和行总计因此无法核对", en: "the column and row sums through them cannot be checked")),
        "T4-VAL-002": .blankCells(
            zh: "表四", en: "Table 四", blocked: .zh("涉及的各组合计因此无法核对", en: "the group sums through them cannot be checked")),
        "READ-001": .listed,
        "READ-002": .listed,
    ]

    /// `violations` with each group of one cause folded into one; order is that of each group's first member.
    static func group(_ violations: [Violation], of rule: Rule) -> [Violation] {
        guard violations.count > 1, let wording = wordings[rule.code] else { return violations }
        struct Key: Hashable {
            var table: TableKind?
            var cause: String?
        }
        var order: [Key] = []
        var members: [Key: [Violation]] = [:]
        for violation in violations {
            let key = Key(table: violation.location.table, cause: violation.cause)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(violation)
        }
        return order.map { key in
            let group = members[key]!
            guard group.count > 1 else { return group[0] }
            var merged = wording.merge(rule, group)
            merged.places = group.flatMap(\.items)
            merged.cause = key.cause
            merged.hint = group[0].hint
            return merged
        }
    }

    /// The parts of the members' locations they all share; the first line.
    static func commonLocation(_ members: [Violation]) -> Location {
        let locations = members.map(\.location)
        func common<T: Equatable>(_ value: (Location) -> T?) -> T? {
            let first = value(locations[0])
            return locations.allSatisfy { value($0) == first } ? first : nil
        }
        return Location(
            line: locations.compactMap(\.line).min(), section: common(\.section), table: common(\.table),
            row: common(\.row), column: common(\.column))
    }

    /// A short name for a place: its row, else its column, else its line.
    static func name(_ location: Location) -> String {
        location.row ?? location.column ?? location.line.map { "第\($0)行" } ?? "全文"
    }

    /// `items` joined with `、`, the first `limit` and `等 N 项` for the rest.
    static func list(_ items: [String], limit: Int = 6, zh: Bool, unit: String = "项", separator: String? = nil) -> String {
        let shown = items.prefix(limit).joined(separator: separator ?? (zh ? "、" : ", "))
        guard items.count > limit else { return shown }
        return zh ? "\(shown)等\(items.count)\(unit)" : "\(shown) and \(items.count - limit) more"
    }

    static func distinct(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}

extension FindingGrouping.Wording {
    /// The rule's summary with the count and the places: `表三缺少必需的数据行：共 4 处（…）`.
    static let listed = Self { rule, members in
        let names = FindingGrouping.distinct(members.map { FindingGrouping.name($0.location) })
        let evidence = members.compactMap(\.evidence).prefix(3).joined(separator: "; ") + (members.count > 3 ? "; …" : "")
        return Violation(
            zh: "\(rule.summary.zh)：共\(members.count)处（\(FindingGrouping.list(names, zh: true))）",
            en: "\(rule.summary.en): \(members.count) places (\(FindingGrouping.list(names, zh: false)))",
            at: FindingGrouping.commonLocation(members), evidence: evidence.isEmpty ? nil : evidence)
    }

    /// Blank or placeholder cells of one table, by row and column (each member's places are its cells):
    /// the same columns in every row read as "N 列在 M 行中为空", otherwise each row with its columns.
    static func blankCells(zh table: String, en tableEn: String, blocked: LocalizedText) -> Self {
        Self { _, members in
            let cells = members.flatMap(\.items)
            let rows = FindingGrouping.distinct(cells.map { $0.location.row ?? "" })
            var columnsByRow: [String: [String]] = [:]
            for cell in cells { columnsByRow[cell.location.row ?? "", default: []].append(cell.location.column ?? "") }
            let columnSets = Set(rows.map { columnsByRow[$0] ?? [] })
            var location = FindingGrouping.commonLocation(members)
            let zhText: String
            let enText: String
            if columnSets.count == 1, let columns = columnSets.first, !columns.contains(""), rows.count > 1 {
                location.column = columns.joined(separator: "、")
                let rowWord = rows.contains("") ? "" : "（\(FindingGrouping.list(rows.map(Self.short), limit: 8, zh: true, unit: "行"))）"
                zhText =
                    "\(table)：\(columns.joined(separator: "、")) \(columns.count) 列在 \(rows.count) 行中为空或占位符\(rowWord)，"
                    + "不按0处理；\(blocked.zh)"
                enText =
                    "\(tableEn): \(columns.count) columns (\(columns.joined(separator: ", "))) are blank or placeholders "
                    + "in \(rows.count) rows (not read as 0); \(blocked.en)"
            } else {
                let parts = rows.flatMap { row in
                    let columns = (columnsByRow[row] ?? []).filter { !$0.isEmpty }
                    return row.isEmpty ? Self.byGroup(columns) : ["\(Self.short(row))的\(columns.joined(separator: "、"))"]
                }
                zhText =
                    "\(table)有 \(cells.count) 个单元格为空或占位符，不按0处理："
                    + "\(FindingGrouping.list(parts, limit: 8, zh: true, unit: "处", separator: "；"))；\(blocked.zh)"
                enText =
                    "\(tableEn): \(cells.count) cells are blank or placeholders (not read as 0) in "
                    + "\(FindingGrouping.list(parts, limit: 8, zh: false, separator: "; ")); \(blocked.en)"
            }
            let markers = FindingGrouping.distinct(cells.compactMap { $0.evidence?.split(separator: " = ").last.map(String.init) })
            return Violation(
                zh: zhText, en: enText, at: location,
                evidence: "\(cells.count) 格：" + markers.joined(separator: ", "))
        }
    }

    /// A table-三 row by its short name (`一`, `(三)1`, `(七)总计`); other labels as they are.
    static func short(_ row: String) -> String {
        ApplicationRow.allCases.first { $0.templateLabel == row }?.shortName ?? row
    }

    /// Column labels `group / column` (table 四) gathered by group: `行政复议的结果纠正、其他结果`.
    static func byGroup(_ columns: [String]) -> [String] {
        var groups: [String] = []
        var members: [String: [String]] = [:]
        for column in columns {
            let parts = column.split(separator: " / ")
            let group = parts.dropLast().joined(separator: " / ")
            if members[group] == nil { groups.append(group) }
            members[group, default: []].append(parts.last.map(String.init) ?? column)
        }
        return groups.map { group in
            let names = (members[group] ?? []).joined(separator: "、")
            return group.isEmpty ? names : "\(group)的\(names)"
        }
    }
}
