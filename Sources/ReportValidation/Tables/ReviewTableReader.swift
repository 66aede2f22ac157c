/// Reads table 四 positionally (spec §12.3 step 4): after the header, the next 15 cell positions,
/// blanks included, whether they sit on one row, one per line, or in three Markdown sub-tables.
enum ReviewTableReader {
    static func read(_ rows: [RawRow]) -> ReviewTable? {
        guard let first = rows.first else { return nil }
        var headerKeys = ""
        var cells: [RawCell] = []
        // Cells after a complete data row: a second copy of it when they make 15 more.
        var copy: [RawCell] = []
        var sawValues = false
        for raw in rows {
            let parts = RowParts(raw)
            let key = parts.labelKey
            if sawValues && (key.contains("。") || key.count > 40) { break }
            // Prose (sentences, addresses, dates) is never part of the table.
            if key.contains("。") || key.contains("，") || key.contains("；") { continue }
            let complete = cells.count == 15
            if !complete { headerKeys += key }
            guard parts.hasValues else { continue }
            sawValues = true
            if complete {
                append(parts, to: &copy)
                if copy.count >= 15 { break }
            } else {
                append(parts, to: &cells)
                if cells.count > 15 { break }
            }
        }
        let headerFound = headerKeys.contains("行政复议") && (headerKeys.contains("行政诉讼") || headerKeys.contains("维持"))
        guard sawValues || headerFound else { return nil }
        var table = ReviewTable(
            line: first.line, headerFound: headerFound,
            cells: cells.map { Cell(raw: TextNormalizer.trim($0.text), line: $0.line) })
        if copy.count == 15, copy.contains(where: { !$0.isBlank }), !copy.contains(where: \.isRun) {
            table.duplicateCells = copy.map { Cell(raw: TextNormalizer.trim($0.text), line: $0.line) }
        }
        if cells.contains(where: \.isRun), cells.count < 15 {
            let texts = cells.map { TextNormalizer.key($0.text) }
            let original = texts.joined(separator: " ")
            if let options = RunResolver.candidates(texts, width: 15, accept: groupsHold) {
                switch options.count {
                case 0: table.reading = .unsplittable(original: original)
                case 1:
                    table.cells = RunResolver.cells(options[0], line: cells[0].line)
                    table.reading = .splitFromRun(original: original)
                default: table.reading = .ambiguous(original: original, readings: options.count)
                }
            }
        }
        RunResolver.resolveShortRow(&table)
        return table
    }

    /// Adds a row's positions: its values and, on a row without labels, its blanks up to 15.
    static func append(_ parts: RowParts, to cells: inout [RawCell]) {
        if parts.labels.isEmpty {
            cells += Array(repeating: RawCell(text: "", line: parts.line), count: parts.leadingBlanks)
        }
        cells += parts.values
        if parts.labels.isEmpty, cells.count < 15 {
            let fill = min(parts.trailingBlanks, 15 - cells.count)
            cells += Array(repeating: RawCell(text: "", line: parts.line), count: fill)
        }
    }

    static func groupsHold(_ v: [Int]) -> Bool {
        for group in 0..<3 {
            let base = group * 5
            let parts: Int = v[base] + v[base + 1] + v[base + 2] + v[base + 3]
            if parts != v[base + 4] { return false }
        }
        return true
    }
}
