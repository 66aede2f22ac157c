/// Reads rows whose digits ran together (see `DigitSplitter`) and, for table 三, picks among several
/// possible readings with the column identities — never guessing: what stays ambiguous is marked so.
enum RunResolver {
    /// Row readings that satisfy `accept`, or nil when the cells can be read one value per cell.
    static func candidates(_ texts: [String], width: Int, limit: Int = 64, accept: ([Int]) -> Bool) -> [[Int]]? {
        if texts.count == width && texts.allSatisfy(isSingleValue) { return nil }
        guard texts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }) else { return nil }
        return DigitSplitter.splits(texts, into: width, limit: limit, accept: accept)
    }

    /// A number written as one cell would be: no leading zero on several digits.
    static func isSingleValue(_ text: String) -> Bool {
        guard case .number = CellClassifier.classify(text) else { return false }
        let key = TextNormalizer.key(text)
        return !(key.count > 1 && key.hasPrefix("0") && !key.hasPrefix("0."))
    }

    static func cells(_ values: [Int], line: Int) -> [Cell] {
        values.map { Cell(raw: String($0), value: .number(NumberLiteral(whole: $0)), line: line) }
    }

    static func rowSumHolds(_ v: [Int]) -> Bool { v[0] + v[1] + v[2] + v[3] + v[4] + v[5] == v[6] }

    /// Splits table 三 rows that hold digit runs; resolves ambiguity with the column identities; then
    /// judges the rows short of values by every placement of their blank cells (`blankCells`).
    static func resolve(_ table: inout ApplicationTable, runs: [ApplicationRow: [RawCell]]) {
        var ambiguous: [(ApplicationRow, [[Int]])] = []
        for (key, cells) in runs {
            guard var row = table.rows[key] else { continue }
            let original = cells.map(\.text).joined(separator: " ")
            guard let options = candidates(cells.map { TextNormalizer.key($0.text) }, width: 7, accept: rowSumHolds)
            else { continue }
            switch options.count {
            case 0: row.reading = .unsplittable(original: original)
            case 1:
                row.cells = Self.cells(options[0], line: row.line)
                row.reading = .splitFromRun(original: original)
            default:
                row.reading = .ambiguous(original: original, readings: options.count)
                ambiguous.append((key, options))
            }
            table.rows[key] = row
        }
        defer { resolveShortRows(&table) }
        guard !ambiguous.isEmpty else { return }
        let combinations = ambiguous.reduce(1) { $0 * $1.1.count }
        guard combinations <= 200_000 else { return }
        let identities = ApplicationSums(table)
        let fixed = fixedValues(table)
        var satisfying: [[Int]] = []  // indexes into each ambiguous row's options
        var choice = [Int](repeating: 0, count: ambiguous.count)
        func value(_ key: ApplicationRow, _ column: Int) -> Int? {
            if let index = ambiguous.firstIndex(where: { $0.0 == key }) { return ambiguous[index].1[choice[index]][column] }
            return fixed[key]?[column] ?? nil
        }
        func walk(_ index: Int) {
            if satisfying.count > 1 { return }
            if index == ambiguous.count {
                if identities.columnsHold(value) { satisfying.append(choice) }
                return
            }
            for option in ambiguous[index].1.indices {
                choice[index] = option
                walk(index + 1)
            }
        }
        walk(0)
        if satisfying.isEmpty {
            table.rowsWithNoConsistentReading = ambiguous.map(\.0)
            return
        }
        guard satisfying.count == 1 else { return }
        for (index, (key, options)) in ambiguous.enumerated() {
            guard var row = table.rows[key], case .ambiguous(let original, _) = row.reading else { continue }
            row.cells = cells(options[satisfying[0][index]], line: row.line)
            row.reading = .splitFromRun(original: original)
            table.rows[key] = row
        }
    }

    /// The integer values of the rows read into their columns (nil for a blank, placeholder or text cell),
    /// by canonical column (a declared subtotal column is index 7 here, after 总计).
    static func fixedValues(_ table: ApplicationTable) -> [ApplicationRow: [Int?]] {
        var fixed: [ApplicationRow: [Int?]] = [:]
        for (key, _) in table.rows {
            guard let cells = table.wellFormedCells(key) else { continue }
            fixed[key] = ApplicationSums.canonical(cells.map(\.value.integer), subtotalColumn: table.hasSubtotalColumn)
        }
        return fixed
    }

    /// Rows with fewer values than cells: every placement of the missing blanks is tried against the
    /// identities touching the row (the other rows as read). All hold → `blankCells`; some → not
    /// assessable (`blanksUnplaceable`); none → left as they are, for T3-STRUCT-003.
    static func resolveShortRows(_ table: inout ApplicationTable) {
        let width = table.expectedWidth
        let short = table.rows.values.filter { row in
            switch row.reading {
            case .direct: return !row.cells.isEmpty && row.cells.count < width
            case .unsplittable(let original): return original.digitCount < width
            default: return false
            }
        }
        guard !short.isEmpty else { return }
        let identities = ApplicationSums(table)
        let fixed = fixedValues(table)
        for row in short.sorted(by: { $0.key.order < $1.key.order }) {
            let isRun = if case .unsplittable = row.reading { true } else { false }
            guard let (original, readings) = shortReadings(row.cells.map(\.raw), width: width, isRun: isRun)
            else { continue }
            let verdict = judge(readings) { candidate in
                let values = ApplicationSums.canonical(candidate, subtotalColumn: table.hasSubtotalColumn)
                return identities.hold(touching: row.key) { key, column in
                    key == row.key ? values[column] : fixed[key]?[column] ?? nil
                }
            }
            guard var updated = table.rows[row.key] else { continue }
            switch verdict {
            case .allHold(let missing): updated.reading = .blankCells(original: original, missing: missing)
            case .disagree(let missing, let placements):
                updated.reading = .blanksUnplaceable(original: original, missing: missing, placements: placements)
            case .noneHold: continue
            }
            table.rows[row.key] = updated
        }
    }

    /// Table 四 with fewer than 15 values: every placement of the blanks is tried against the three
    /// group sums, as for a short table-三 row.
    static func resolveShortRow(_ table: inout ReviewTable) {
        switch table.reading {
        case .direct: guard !table.cells.isEmpty, table.cells.count < 15 else { return }
        case .unsplittable(let original): guard original.digitCount < 15 else { return }
        default: return
        }
        let isRun = if case .unsplittable = table.reading { true } else { false }
        guard let (original, readings) = shortReadings(table.cells.map(\.raw), width: 15, isRun: isRun) else { return }
        switch judge(readings, holds: reviewGroupsHold) {
        case .allHold(let missing): table.reading = .blankCells(original: original, missing: missing)
        case .disagree(let missing, let placements):
            table.reading = .blanksUnplaceable(original: original, missing: missing, placements: placements)
        case .noneHold: return
        }
    }

    /// Table 四's three group sums (维持+纠正+其他+未结 = 总计), each holding when a term is not an integer.
    static func reviewGroupsHold(_ v: [Int?]) -> Bool {
        for group in 0..<3 {
            let terms = v[(group * 5)..<(group * 5 + 5)]
            guard !terms.contains(nil) else { continue }
            if terms.prefix(4).reduce(0, { $0 + $1! }) != terms.last!! { return false }
        }
        return true
    }

    /// What trying every placement of a short row's blanks found.
    enum PlacementVerdict: Equatable {
        case allHold(missing: Int)
        case disagree(missing: Int, placements: Int)
        case noneHold
    }

    /// Judges `readings` (each a full row, nil for a blank) by `holds`.
    static func judge(_ readings: [[Int?]], holds: ([Int?]) -> Bool) -> PlacementVerdict {
        guard let first = readings.first else { return .noneHold }
        let missing = first.filter { $0 == nil }.count
        let good = readings.filter(holds).count
        if good == readings.count { return .allHold(missing: missing) }
        return good == 0 ? .noneHold : .disagree(missing: missing, placements: readings.count)
    }

    /// Every reading of a row printed with fewer values than `width` cells: its values (a digit run read
    /// every way it splits into fewer than `width` values) with the missing cells blank in every
    /// placement. nil when the row is not short, or has more readings than can be tried.
    static func shortReadings(_ texts: [String], width: Int, isRun: Bool, limit: Int = 20_000) -> (String, [[Int?]])? {
        let keys = texts.map { TextNormalizer.key($0) }
        let original = keys.joined(separator: " ")
        var valueLists: [[Int?]] = []
        if isRun {
            // Run-together digits: every split into fewer values than cells (each digit at most one value).
            let digits = original.digitCount
            guard digits < width, keys.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } })
            else { return nil }
            for count in stride(from: digits, through: keys.count, by: -1) {
                valueLists += DigitSplitter.splits(keys, into: count, limit: 64) { _ in true }.map { $0.map(Optional.some) }
            }
        } else {
            // A cell longer than any one count holds glued values: the row is not known to be short.
            guard !keys.isEmpty, keys.count < width,
                !keys.contains(where: { $0.count > DigitSplitter.maxDigits && $0.digitCount == $0.count })
            else { return nil }
            valueLists = [keys.map { CellClassifier.classify($0).integer }]
        }
        var readings: [[Int?]] = []
        for values in valueLists {
            guard let placed = placements(values, width: width, limit: limit - readings.count) else { return nil }
            readings += placed
        }
        return readings.isEmpty ? nil : (original, readings)
    }

    /// `values` in order with `width - values.count` blanks (nil) inserted in every possible way; nil
    /// when there are more than `limit` ways.
    static func placements(_ values: [Int?], width: Int, limit: Int) -> [[Int?]]? {
        let blanks = width - values.count
        guard blanks > 0 else { return nil }
        var ways = 1
        for i in 0..<blanks { ways = ways * (width - i) / (i + 1) }
        guard ways <= limit else { return nil }
        var result: [[Int?]] = []
        result.reserveCapacity(ways)
        var row: [Int?] = []
        func place(_ value: Int, _ blanksLeft: Int) {
            if row.count == width {
                result.append(row)
                return
            }
            if blanksLeft > 0 {
                row.append(nil)
                place(value, blanksLeft - 1)
                row.removeLast()
            }
            if value < values.count {
                row.append(values[value])
                place(value + 1, blanksLeft)
                row.removeLast()
            }
        }
        place(0, blanks)
        return result
    }
}

/// The identities of table 三 (spec §8.2) over plain integers, for judging candidate readings quickly:
/// a value closure gives a row's canonical column (0…6 = 自然人…总计, 7 = the declared subtotal column),
/// nil when not an integer, and an identity with a nil term is not assessable (it holds here).
struct ApplicationSums {
    let leaves: [ApplicationRow]
    let subtotals: [ApplicationRow]
    let subtotalColumn: Bool

    init(_ table: ApplicationTable) {
        leaves = table.rows[.oSingle] != nil ? ApplicationRow.leaves(for: .trial2019) : ApplicationRow.leaves(for: .format2021)
        subtotals = ApplicationRow.allCases.filter { $0.subtotalChildren != nil && table.rows[$0] != nil }
        subtotalColumn = table.hasSubtotalColumn
    }

    /// Physical cell values to canonical order (the subtotal column, after 其他, moves to the end).
    static func canonical(_ values: [Int?], subtotalColumn: Bool) -> [Int?] {
        guard subtotalColumn, values.count == 8 else { return values }
        return Array(values[0..<6]) + [values[7], values[6]]
    }

    /// T3-SUM-001 and T3-SUM-002 in every column.
    func columnsHold(_ value: (ApplicationRow, Int) -> Int?) -> Bool {
        for column in 0..<7 {
            if !balanceHolds(column, value) || !leafSumHolds(column, value) { return false }
        }
        return true
    }

    /// Every identity with a term in row `row`: SUM-001/002 per column where the row takes part, its own
    /// SUM-003 (and subtotal column), SUM-004 of its subtotal group.
    func hold(touching row: ApplicationRow, _ value: (ApplicationRow, Int) -> Int?) -> Bool {
        let inBalance: Set<ApplicationRow> = [.new, .carryIn, .total, .carryOut]
        for column in 0..<7 {
            if inBalance.contains(row), !balanceHolds(column, value) { return false }
            if row == .total || leaves.contains(row), !leafSumHolds(column, value) { return false }
            for subtotal in subtotals where subtotal == row || subtotal.subtotalChildren?.contains(row) == true {
                if !holds(value(subtotal, column), subtotal.subtotalChildren!.map { value($0, column) }) { return false }
            }
        }
        if !holds(value(row, 6), (0..<6).map { value(row, $0) }) { return false }
        if subtotalColumn, !holds(value(row, 7), (1..<6).map { value(row, $0) }) { return false }
        return true
    }

    private func balanceHolds(_ column: Int, _ value: (ApplicationRow, Int) -> Int?) -> Bool {
        guard let a = value(.new, column), let b = value(.carryIn, column), let t = value(.total, column),
            let c = value(.carryOut, column)
        else { return true }
        return a + b == t + c
    }

    private func leafSumHolds(_ column: Int, _ value: (ApplicationRow, Int) -> Int?) -> Bool {
        holds(value(.total, column), leaves.map { value($0, column) })
    }

    /// `total == Σ parts`, or true when a term is not an integer.
    private func holds(_ total: Int?, _ parts: [Int?]) -> Bool {
        guard let total else { return true }
        var sum = 0
        for part in parts {
            guard let part else { return true }
            sum += part
        }
        return sum == total
    }
}
