/// A cell as laid out in the source, before it is read as a label or a value.
struct RawCell: Sendable, Hashable {
    var text: String {
        didSet { value = CellClassifier.classify(text) }
    }
    var line: Int
    /// A run of digits from text without cell separators (crawler or pdftotext output): it may hold several values.
    var isRun: Bool = false
    /// The digits directly followed label text, with no white space between (crawler text).
    var attached: Bool = false
    /// A blank cell known to be a value position (grid row padded to its width), not padding.
    var blankValue: Bool = false

    /// The cell's classification, kept in step with `text`.
    private(set) var value: CellValue
    var isBlank: Bool { value == .blank }

    init(text: String, line: Int, isRun: Bool = false, attached: Bool = false) {
        self.text = text
        self.line = line
        self.isRun = isRun
        self.attached = attached
        self.value = CellClassifier.classify(text)
    }
    /// Numbers and placeholders start a row's values; text and blanks do not.
    var startsValues: Bool {
        if isRun && text.utf8.allSatisfy({ (48...57).contains($0) || $0 == 44 || $0 == 46 }) { return true }
        switch value {
        case .number, .placeholder: return true
        case .blank, .text: return false
        }
    }
}

/// One row of a table as laid out in the source.
struct RawRow: Sendable, Hashable {
    var cells: [RawCell]
    var line: Int
}

/// A row split into its label and its values.
struct RowParts {
    /// Non-empty label cells, in order.
    var labels: [RawCell]
    /// The value cells: from the first number or placeholder after the labels to the last non-blank cell.
    var values: [RawCell]
    /// Blank cells before the first value and after the last (merge padding, or blank values in positional rows).
    var leadingBlanks: Int
    var trailingBlanks: Int
    var line: Int

    /// The labels joined, white space removed.
    var labelKey: String { TextNormalizer.key(labels.map(\.text).joined()) }
    var labelText: String { labels.map { TextNormalizer.trim($0.text) }.joined(separator: " ") }
    var hasValues: Bool { !values.isEmpty }

    init(_ row: RawRow) {
        line = row.line
        let cells = row.cells
        var firstValue: Int? = nil
        for (index, cell) in cells.enumerated() where cell.startsValues || cell.blankValue {
            firstValue = index
            break
        }
        guard let start = firstValue else {
            labels = cells.filter { !$0.isBlank }
            values = []
            leadingBlanks = 0
            // Blank cells after the last label: an all-blank row of a grid (HTML, tab text).
            let lastLabel = cells.lastIndex { !$0.isBlank } ?? -1
            trailingBlanks = cells.count - lastLabel - 1
            return
        }
        var labelEnd = start
        while labelEnd > 0, cells[labelEnd - 1].isBlank { labelEnd -= 1 }
        labels = cells[..<labelEnd].filter { !$0.isBlank }
        leadingBlanks = start - labelEnd
        var end = cells.count
        while end > start, cells[end - 1].isBlank, !cells[end - 1].blankValue { end -= 1 }
        trailingBlanks = cells.count - end
        values = Array(cells[start..<end])
    }
}

/// Splits the lines of a table region into rows, whatever the layout: tab-separated rows, one cell per
/// line (004), Markdown pipe tables, white-space columns (pdftotext) and glued crawler text.
enum RowTokenizer {
    static func rows(_ lines: [SourceLine]) -> (rows: [RawRow], layout: SourceLayout) {
        if isCellPerLine(lines) { return (cellPerLineRows(lines), .cellPerLine) }
        var rows: [RawRow] = []
        var tabs = 0
        var pipes = 0
        var plain = 0
        var glued = false
        for line in lines {
            let text = line.text
            if TextNormalizer.trim(text).isEmpty { continue }
            if text.contains("\t") {
                tabs += 1
                rows.append(
                    RawRow(
                        cells: text.split(separator: "\t", omittingEmptySubsequences: false).map {
                            RawCell(text: String($0), line: line.number)
                        }, line: line.number))
            } else if TextNormalizer.trim(text).hasPrefix("|") {
                pipes += 1
                var parts = TextNormalizer.trim(text).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                if parts.first?.isEmpty == true { parts.removeFirst() }
                if parts.last.map({ TextNormalizer.trim($0).isEmpty }) == true { parts.removeLast() }
                rows.append(RawRow(cells: parts.map { RawCell(text: $0, line: line.number) }, line: line.number))
            } else {
                plain += 1
                var lineRows = splitPlainRow(plainTokens(text, line: line.number), line: line.number)
                // Several rows on one line means crawler text that glued the cells: digit runs may hold
                // several values. One row per line (pdftotext) has one value per token.
                if lineRows.count >= 3 {
                    glued = true
                } else {
                    for r in lineRows.indices {
                        // A run longer than any one count (`100120100100000`) is several cells glued.
                        let glue = lineRows[r].cells.contains {
                            $0.attached || ($0.isRun && (!RunResolver.isSingleValue($0.text) || $0.text.count > DigitSplitter.maxDigits))
                        }
                        for c in lineRows[r].cells.indices where !glue { lineRows[r].cells[c].isRun = false }
                    }
                }
                rows.append(contentsOf: lineRows)
            }
        }
        let layout: SourceLayout =
            tabs >= max(pipes, plain) && tabs > 0
            ? .tabRows
            : pipes > 0 && pipes >= plain ? .markdown : glued ? .glued : plain > 0 ? .plainColumns : .unknown
        return (rows, layout)
    }

    /// True when most non-blank lines are one tab-prefixed cell (or a lone tab for a blank cell).
    static func isCellPerLine(_ lines: [SourceLine]) -> Bool {
        var single = 0
        var multi = 0
        var loneTabs = 0
        for line in lines {
            let utf8 = line.text.utf8
            guard utf8.first == 0x09 else { continue }
            let tabCount = utf8.lazy.filter { $0 == 0x09 }.count
            if tabCount == 1 {
                single += 1
                if TextNormalizer.trim(line.text).isEmpty { loneTabs += 1 }
            } else {
                multi += 1
            }
        }
        return single >= 8 && single > multi * 4 && (loneTabs > 0 || multi == 0)
    }

    /// 004's layout: each cell on its own tab-prefixed line, a lone tab is a blank cell, an empty line
    /// ends a row, and a line without the tab continues the previous cell.
    static func cellPerLineRows(_ lines: [SourceLine]) -> [RawRow] {
        var rows: [RawRow] = []
        var cells: [RawCell] = []
        func flush() {
            if cells.contains(where: { !$0.isBlank }) {
                rows.append(RawRow(cells: cells, line: cells.first { !$0.isBlank }?.line ?? cells[0].line))
            }
            cells = []
        }
        for line in lines {
            let text = line.text
            if text.isEmpty || (text.utf8.first != 0x09 && TextNormalizer.trim(text).isEmpty) {
                flush()
            } else if text.utf8.first == 0x09 {
                let parts = text.dropFirst().split(separator: "\t", omittingEmptySubsequences: false)
                for part in parts { cells.append(RawCell(text: String(part), line: line.number)) }
            } else if !cells.isEmpty {
                cells[cells.count - 1].text += text
            } else {
                cells.append(RawCell(text: text, line: line.number))
            }
        }
        flush()
        return rows
    }

    /// Tokens of a line without cell separators: white-space separated, and label text split from digit runs.
    ///
    /// A digit run directly followed by `N.`/`N、` and a label keeps the enumerator with the label
    /// (`00000002.其他法律…` → `0000000`, `2.其他法律…`); a point between digits is a decimal point.
    static func plainTokens(_ text: String, line: Int) -> [RawCell] {
        var tokens: [RawCell] = []
        let chars = Array(text)
        var index = 0
        var label = ""
        func flushLabel() {
            if !label.isEmpty { tokens.append(RawCell(text: label, line: line)) }
            label = ""
        }
        while index < chars.count {
            let ch = chars[index]
            if ch == " " || ch == "\t" || ch == "\u{3000}" || ch == "\u{A0}" {
                flushLabel()
                index += 1
                continue
            }
            let isDigit = ch.isASCIIDigit || ("０"..."９").contains(ch)
            // Digits glued to a preceding letter inside a word (IPv6, 12345热线) stay in the label.
            if isDigit && (label.isEmpty || !(label.last!.isLetter && label.last!.isASCII)) {
                var end = index
                while end < chars.count {
                    let c = chars[end]
                    if c.isASCIIDigit || ("０"..."９").contains(c) || c == "," {
                        end += 1
                    } else if c == ".", end + 1 < chars.count, chars[end + 1].isASCIIDigit {
                        end += 1
                    } else {
                        break
                    }
                }
                var run = String(chars[index..<end])
                while run.last == "," {
                    run.removeLast()
                    end -= 1
                }
                let nextChar: Character? = end < chars.count ? chars[end] : nil
                if let next = nextChar, next == "." || next == "、" || next == "．" {
                    // The last digit (one or two) is the enumerator of the next label.
                    flushLabel()
                    // Row enumerators run from 1 to 8: one digit.
                    let valuePart = String(run.dropLast())
                    if !valuePart.isEmpty { tokens.append(RawCell(text: valuePart, line: line, isRun: true)) }
                    label = String(run.suffix(1))
                    index = end
                    continue
                }
                if let next = nextChar, isUnitAfterNumber(next) {
                    // `23件`, `2021年`: prose, the number belongs to the text.
                    label += run
                    index = end
                    continue
                }
                let attached = !label.isEmpty
                flushLabel()
                tokens.append(RawCell(text: run, line: line, isRun: true, attached: attached))
                index = end
                continue
            }
            label.append(ch)
            index += 1
        }
        flushLabel()
        return tokens
    }

    /// Characters after a number that make it part of prose rather than a table value.
    static func isUnitAfterNumber(_ ch: Character) -> Bool {
        "件个条起宗次年月日号项人家期份篇场余多%％名天批户所类位倍届季度".contains(ch)
    }

    /// A plain line may hold several rows when crawler text glued a table: a label after values starts a new row.
    static func splitPlainRow(_ tokens: [RawCell], line: Int) -> [RawRow] {
        var rows: [RawRow] = []
        var current: [RawCell] = []
        var sawValue = false
        for token in tokens {
            let isValue = token.startsValues
            if !isValue && sawValue {
                rows.append(RawRow(cells: current, line: line))
                current = []
                sawValue = false
            }
            current.append(token)
            if isValue { sawValue = true }
        }
        if !current.isEmpty { rows.append(RawRow(cells: current, line: line)) }
        return rows
    }
}

extension RawRow {
    /// Marks the last `count` blank cells as blank values (placeholders for the reader's value area).
    func withTrailingBlanksAsValues(_ count: Int) -> RawRow {
        var copy = self
        var marked = 0
        var index = copy.cells.count - 1
        while marked < count, index >= 0, copy.cells[index].isBlank {
            copy.cells[index].blankValue = true
            marked += 1
            index -= 1
        }
        return copy
    }
}
