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

    /// Splits table 三 rows that hold digit runs; resolves ambiguity with the column identities.
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
        guard !ambiguous.isEmpty else { return }
        let combinations = ambiguous.reduce(1) { $0 * $1.1.count }
        guard combinations <= 200_000 else { return }
        let leaves: [ApplicationRow] =
            table.rows[.oSingle] != nil ? ApplicationRow.leaves(for: .trial2019) : ApplicationRow.leaves(for: .format2021)
        var fixed: [ApplicationRow: [Int]] = [:]
        for (key, row) in table.rows {
            if case .ambiguous = row.reading { continue }
            if row.cells.count == 7, let values = row.cells.map({ $0.value.integer }) as? [Int] {
                fixed[key] = values
            }
        }
        var satisfying: [[Int]] = []  // indexes into each ambiguous row's options
        var choice = [Int](repeating: 0, count: ambiguous.count)
        func value(_ key: ApplicationRow, _ column: Int) -> Int? {
            if let index = ambiguous.firstIndex(where: { $0.0 == key }) { return ambiguous[index].1[choice[index]][column] }
            return fixed[key]?[column]
        }
        func holds() -> Bool {
            for column in 0..<7 {
                if let a = value(.new, column), let b = value(.carryIn, column), let t = value(.total, column),
                    let c = value(.carryOut, column), a + b != t + c
                {
                    return false
                }
                if let t = value(.total, column) {
                    var sum = 0
                    var complete = true
                    for leaf in leaves {
                        guard let v = value(leaf, column) else {
                            complete = false
                            break
                        }
                        sum += v
                    }
                    if complete && sum != t { return false }
                }
            }
            return true
        }
        func walk(_ index: Int) {
            if satisfying.count > 1 { return }
            if index == ambiguous.count {
                if holds() { satisfying.append(choice) }
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
}
