/// A sample report's text split into what a publisher lays out: title lines, headings, prose and tables.
///
/// ## Why line-based and not from `ReportDocument`
///
/// The renderings are made from the sample's **text lines**, not from what `ReportReader` read. The model
/// only keeps what the reader understood: the orphaned fragments of a truncated table (001's `提供`), a label
/// split over two rows (002's `其他法律行政` / `法规禁止公开`), a blank where a value should be, prose lines
/// the reader dropped and the order of everything. Rendering from it would repair the very damage the
/// samples exist to show, and the test would compare the reader with itself.
///
/// So every non-blank line outside a table becomes one block, in order, with its text unchanged; every
/// table region becomes a ``SampleTable`` whose rows hold the sample's cells exactly as laid out —
/// tab-separated rows (000–003) or one cell per line (004, where a line without the leading tab
/// continues the previous cell and a blank line ends a row). ``TableLayout`` then turns the blank cells the
/// extraction left where merged cells were back into `rowspan`/`colspan`, and puts the official merged
/// header over tables 三 and 四. Expanded again on a grid the rendering gives back the sample's rows cell for
/// cell (``RenderingEquivalenceTests`` checks that), so no value, blank or garbled cell is lost.
///
/// Artifacts of the text (`[bookmark: _GoBack]`, Markdown `---` rows) are the sample's damage and are
/// kept as text. Markdown heading marks are markup: `## 一、…` becomes `<h2>一、…</h2>`.
struct SampleLayout: Sendable, Equatable {
    enum Block: Sendable, Equatable {
        /// A line of the title (before the first section heading).
        case title(String)
        /// A heading: a Markdown heading (level = number of `#`) or a plain `一、…` line (level 2).
        case heading(String, level: Int)
        case paragraph(String)
        case table(SampleTable)
    }

    var blocks: [Block]

    var tables: [SampleTable] {
        blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
    }

    /// Splits `text` into blocks.
    static func parse(_ text: String) -> SampleLayout {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [Block] = []
        var sawHeading = false
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.contains("\t") {
                let end = tableEnd(lines, from: index)
                let table = SampleTable.parse(Array(lines[index..<end]))
                if !table.rows.isEmpty { blocks.append(.table(table)) }
                index = end
                continue
            }
            index += 1
            let trimmed = trim(line)
            if trimmed.isEmpty { continue }
            if let (level, heading) = markdownHeading(trimmed) {
                if isSectionHeading(heading) { sawHeading = true }
                blocks.append(sawHeading ? .heading(heading, level: level) : .title(heading))
            } else if isSectionHeading(trimmed) {
                sawHeading = true
                blocks.append(.heading(trimmed, level: 2))
            } else {
                blocks.append(sawHeading ? .paragraph(trimmed) : .title(trimmed))
            }
        }
        return SampleLayout(blocks: blocks)
    }

    /// The end (exclusive) of the table region starting at `start`: tab lines, blank lines between them and,
    /// in one-cell-per-line tables, lines continuing the previous cell. Trailing blank lines are left out.
    static func tableEnd(_ lines: [String], from start: Int) -> Int {
        var end = start + 1
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            if line.contains("\t") {
                index += 1
                end = index
            } else if trim(line).isEmpty {
                index += 1
            } else if isSingleCellLine(lines[index - 1]) {
                // `\t商业` then `企业`: the cell goes on.
                index += 1
                end = index
            } else {
                break
            }
        }
        return end
    }

    /// `\t` + one cell: a line of a one-cell-per-line table.
    static func isSingleCellLine(_ line: String) -> Bool {
        line.utf8.first == 0x09 && line.utf8.lazy.filter { $0 == 0x09 }.count == 1
    }

    /// `# 标题` → (1, `标题`).
    static func markdownHeading(_ line: String) -> (Int, String)? {
        let level = line.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = line.dropFirst(level)
        guard rest.first == " " else { return nil }
        return (level, trim(String(rest)))
    }

    /// `一、总体情况` … `六、其他需要报告的事项`: a short line starting with a section ordinal, not a sentence.
    static func isSectionHeading(_ line: String) -> Bool {
        guard line.count <= 40, !line.contains("。"), let first = line.first, line.dropFirst().first == "、" else {
            return false
        }
        return "一二三四五六".contains(first)
    }

    /// Trims spaces, tabs, NBSP and ideographic spaces at both ends.
    static func trim(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\u{3000}" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}

/// One cell as laid out in the sample; a cell continued on further lines (004's `商业` / `企业`) keeps its
/// lines, which the renderings show as line breaks inside the cell.
struct SampleCell: Sendable, Equatable {
    var lines: [String]

    init(_ text: String) { lines = [text] }

    /// The cell's text as the text reader sees it: the lines joined without a separator.
    var text: String { lines.joined() }
    var isBlank: Bool { SampleLayout.trim(text).isEmpty }
}

/// A table region of the sample: its rows, cells as laid out (merged cells show as blank cells).
struct SampleTable: Sendable, Equatable {
    var rows: [[SampleCell]]

    /// Reads the lines of one table region, in whichever layout they are.
    static func parse(_ lines: [String]) -> SampleTable {
        let single = lines.filter(SampleLayout.isSingleCellLine).count
        let multi = lines.filter { $0.contains("\t") && !SampleLayout.isSingleCellLine($0) }.count
        let rows = single >= 4 && single > multi ? cellPerLineRows(lines) : tabRows(lines)
        return SampleTable(rows: rows.filter { $0.contains { !$0.isBlank } })
    }

    /// One row per line, cells separated by tabs.
    static func tabRows(_ lines: [String]) -> [[SampleCell]] {
        lines.filter { !SampleLayout.trim($0).isEmpty }.map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { SampleCell(String($0)) }
        }
    }

    /// One cell per `\t`-prefixed line; a blank line ends a row, a line without the tab continues the cell.
    static func cellPerLineRows(_ lines: [String]) -> [[SampleCell]] {
        var rows: [[SampleCell]] = []
        var cells: [SampleCell] = []
        for line in lines {
            if line.utf8.first == 0x09 {
                cells += line.dropFirst().split(separator: "\t", omittingEmptySubsequences: false).map { SampleCell(String($0)) }
            } else if SampleLayout.trim(line).isEmpty {
                if !cells.isEmpty { rows.append(cells) }
                cells = []
            } else if !cells.isEmpty {
                cells[cells.count - 1].lines.append(line)
            } else {
                cells = [SampleCell(line)]
            }
        }
        if !cells.isEmpty { rows.append(cells) }
        return rows
    }
}
