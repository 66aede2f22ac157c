/// Turns the token stream of `word/document.xml` into lines: one per body paragraph, one per table row.
///
/// Like ``HTMLLineCollector`` it keeps no element tree, only counters, so a document nested 10⁵ deep costs
/// no more than a flat one. The outermost table of the body is laid out on an ``HTMLTableGrid``:
/// `w:gridSpan` widens a cell, a `w:vMerge` continuation (and a legacy `w:hMerge` one) is an empty covered
/// position, `w:gridBefore` leaves leading positions empty, and sliver columns of `w:tblGrid` make no
/// position (``WordGridColumns``). A table inside a cell is flattened into that
/// cell's text; a table inside a paragraph (a text box) is read as lines of text.
struct WordLineCollector {
    /// Lines kept at most: a report has a few hundred; past this the rest of the document is not read.
    static let maximumLines = 200_000
    /// Grid positions kept per row: report tables have under 20 columns; cells past this are dropped.
    static let maximumColumns = 1_000
    /// Rows kept per table; further rows are dropped.
    static let maximumRowsPerTable = 50_000

    private let bytes: [UInt8]
    private(set) var lines: [SourceLine] = []
    /// The main namespace's prefix (`w` unless the root element binds it to another, or to none).
    private var mainPrefix = Array("w".utf8)
    private var sawRoot = false

    /// Paragraphs and rows counted so far: the number of the current body block.
    private var ordinal = 0
    private var flow = CollapsedText()
    private var grid: HTMLTableGrid?
    private var budget = GridBudget()
    private var tableDepth = 0
    private var paragraphDepth = 0
    /// Open `mc:Fallback` / `w:moveFrom` elements: duplicates of content read elsewhere.
    private var skippedDepth = 0
    private var inText = false
    private var inTabStops = 0
    private var rowIsOpen = false
    private var rowWidth = 0
    private var rowsInTable = 0
    private var cellIsCovered = false
    /// The outermost table's `w:tblGrid` widths.
    private var columns = WordGridColumns()
    /// The row's next column of `w:tblGrid` (slivers included), and the open cell's `w:gridSpan` in them.
    private var gridColumn = 0
    private var cellGridSpan = 1
    /// The heading level of the body paragraph being read (`w:pStyle`, `w:outlineLvl`), 0 for none.
    private var headingLevel = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// True once ``maximumLines`` lines are kept: the caller stops feeding tokens.
    var isFull: Bool { lines.count >= Self.maximumLines }

    mutating func consume(_ token: XMLToken) {
        switch token {
        case .text(let range, let isRaw):
            guard inText, skippedDepth == 0 else { return }
            appendText(range, isRaw: isRaw)
        case .startTag(let name, let attributes, let isEmpty):
            if !sawRoot { readRoot(attributes) }
            let element = element(name)
            if skippedDepth > 0 {
                if element == .skipped, !isEmpty { skippedDepth += 1 }
                return
            }
            start(element, attributes: attributes)
            if isEmpty { end(element) }
        case .endTag(let name):
            let element = element(name)
            if skippedDepth > 0 {
                if element == .skipped { skippedDepth -= 1 }
                return
            }
            end(element)
        }
    }

    /// Closes what is still open and returns the lines in document order.
    mutating func finish() -> [SourceLine] {
        if grid != nil { closeCellAndRow() }
        grid = nil
        flushFlow()
        return lines
    }

    // MARK: Elements

    private enum Element {
        case paragraph, text, tab, tabStops, space, lineBreak, hyphen
        case table, gridColumn, row, cell, gridSpan, verticalMerge, horizontalMerge, gridBefore
        case paragraphStyle, outlineLevel
        case skipped, other
    }

    private func element(_ name: Range<Int>) -> Element {
        var colon = name.lowerBound
        while colon < name.upperBound, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        let hasPrefix = colon < name.upperBound
        let local = String(decoding: bytes[(hasPrefix ? colon + 1 : name.lowerBound)..<name.upperBound], as: UTF8.self)
        let prefix = hasPrefix ? bytes[name.lowerBound..<colon] : bytes[name.lowerBound..<name.lowerBound]
        guard prefix.elementsEqual(mainPrefix) else { return local == "Fallback" ? .skipped : .other }
        switch local {
        case "p": return .paragraph
        case "t": return .text
        case "tab": return .tab
        case "tabs": return .tabStops
        case "ptab": return .space
        case "br", "cr": return .lineBreak
        case "noBreakHyphen": return .hyphen
        case "tbl": return .table
        case "gridCol": return .gridColumn
        case "tr": return .row
        case "tc": return .cell
        case "gridSpan": return .gridSpan
        case "vMerge": return .verticalMerge
        case "hMerge": return .horizontalMerge
        case "gridBefore": return .gridBefore
        case "pStyle": return .paragraphStyle
        case "outlineLvl": return .outlineLevel
        case "moveFrom": return .skipped
        default: return .other
        }
    }

    private mutating func start(_ element: Element, attributes: Range<Int>) {
        switch element {
        case .paragraph: startParagraph()
        case .text: inText = true
        case .tab: if inTabStops == 0 { appendSeparator() }
        case .tabStops: inTabStops += 1
        case .space: appendSeparator()
        case .lineBreak: breakLine()
        case .hyphen: appendToTarget("-")
        case .table: startTable()
        case .gridColumn:
            if atGridLevel, rowsInTable == 0 { columns.append(width: value(attributes, named: "w").map { number(bytes[$0]) }) }
        case .row: startRow()
        case .cell: startCell()
        case .gridSpan:
            if atGridLevel, grid?.cell != nil { cellGridSpan = min(max(number(attributes), 1), HTMLTableGrid.maximumColumnSpan) }
        case .verticalMerge, .horizontalMerge:
            // `restart` begins a merged cell; no value, or `continue`, is a position it covers.
            if atGridLevel, grid?.cell != nil, !valueIs(attributes, "restart") { cellIsCovered = true }
        case .gridBefore: leavePositionsEmpty(number(attributes))
        case .paragraphStyle:
            if atBodyParagraph, let value = value(attributes) { headingLevel = Self.headingLevel(style: bytes[value]) }
        case .outlineLevel:
            // `w:outlineLvl w:val="0"` is outline level 1; 9 means body text.
            if atBodyParagraph, let value = value(attributes), let digit = bytes[value].first,
                digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "8")
            {
                headingLevel = Int(digit - UInt8(ascii: "0")) + 1
            }
        case .skipped: skippedDepth = 1
        case .other: break
        }
    }

    private mutating func end(_ element: Element) {
        switch element {
        case .paragraph: endParagraph()
        case .text: inText = false
        case .tabStops: inTabStops = max(0, inTabStops - 1)
        case .table: endTable()
        case .row: if atGridLevel { closeCellAndRow() } else { breakLine() }
        case .cell: if atGridLevel { closeCell() } else { breakLine() }
        case .skipped: skippedDepth = max(0, skippedDepth - 1)
        default: break
        }
    }

    // MARK: Paragraphs and text

    /// True when rows and cells shape the grid: inside the outermost body table, not a nested one.
    private var atGridLevel: Bool { grid != nil && tableDepth == 1 }

    /// True inside a body paragraph (not in a table or a text box): where a heading level means something.
    private var atBodyParagraph: Bool { grid == nil && tableDepth == 0 && paragraphDepth == 1 }

    /// The level of a heading paragraph style: `Heading1`, `heading 2`, `标题1`, `标题 3` → 1, 2, 1, 3; 0 for
    /// other styles. (Style ids only: a document's own numeric ids would need `styles.xml`.)
    static func headingLevel<Bytes: Collection<UInt8>>(style: Bytes) -> Int {
        let name = String(decoding: style, as: UTF8.self).lowercased().filter { $0 != " " }
        for prefix in ["heading", "标题"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if rest.count == 1, let digit = rest.first?.wholeNumberValue, (1...9).contains(digit) { return digit }
        }
        return 0
    }

    private mutating func startParagraph() {
        if grid == nil, paragraphDepth == 0, tableDepth == 0 {
            flushFlow()
            headingLevel = 0
            ordinal += 1
        } else {
            breakLine()
        }
        paragraphDepth += 1
    }

    private mutating func endParagraph() {
        paragraphDepth = max(0, paragraphDepth - 1)
        breakLine()
    }

    /// Ends the current line: a new line in the body, a space between paragraphs of a cell.
    private mutating func breakLine() {
        if grid != nil {
            grid!.cell?.breakBlock()
        } else {
            flushFlow()
        }
    }

    private mutating func appendText(_ range: Range<Int>, isRaw: Bool) {
        if grid != nil {
            guard grid!.cell != nil, !cellIsCovered else { return }
            if isRaw {
                grid!.cell!.current.append(bytes, range)
            } else {
                XMLText.append(bytes, range, to: &grid!.cell!.current)
            }
        } else if isRaw {
            flow.append(bytes, range)
        } else {
            XMLText.append(bytes, range, to: &flow)
        }
    }

    private mutating func appendToTarget(_ scalar: Unicode.Scalar) {
        if grid != nil {
            grid!.cell?.current.append(scalar, offset: 0)
        } else {
            flow.append(scalar, offset: 0)
        }
    }

    /// A `w:tab` in a run: a space, so a tab character keeps meaning "next table cell" in the lines.
    private mutating func appendSeparator() {
        appendToTarget(" ")
    }

    private mutating func flushFlow() {
        guard !isFull, let block = flow.take() else { return }
        lines.append(SourceLine(number: max(ordinal, 1), text: block.text, headingLevel: headingLevel))
    }

    // MARK: Tables

    private mutating func startTable() {
        tableDepth += 1
        if tableDepth == 1, paragraphDepth == 0, grid == nil {
            flushFlow()
            grid = HTMLTableGrid()
            rowsInTable = 0
            columns = WordGridColumns()
        } else {
            breakLine()
        }
    }

    private mutating func endTable() {
        guard tableDepth > 0 else { return }
        if atGridLevel {
            closeCellAndRow()
            grid = nil
        } else {
            breakLine()
        }
        tableDepth -= 1
    }

    private mutating func startRow() {
        guard atGridLevel else { return breakLine() }
        closeCellAndRow()
        guard rowsInTable < Self.maximumRowsPerTable, !isFull else { return }
        ordinal += 1
        rowsInTable += 1
        rowIsOpen = grid!.openRow(at: ordinal, budget: &budget)
        rowWidth = 0
        gridColumn = 0
    }

    private mutating func startCell() {
        guard atGridLevel else { return breakLine() }
        closeCell()
        guard rowIsOpen else { return }
        cellIsCovered = false
        cellGridSpan = 1
        _ = grid!.openCell(at: ordinal, rowSpan: 1, colSpan: 1, budget: &budget)
    }

    /// Places the open cell on the row, empty when covered by a merge; dropped past the row or grid budget.
    private mutating func closeCell() {
        guard grid?.cell != nil else { return }
        if cellIsCovered {
            grid!.cell!.blocks.removeAll()
            grid!.cell!.current = CollapsedText()
            cellIsCovered = false
        }
        grid!.cell!.colSpan = columns.positions(from: gridColumn, span: cellGridSpan)
        gridColumn = min(gridColumn + cellGridSpan, Self.maximumColumns * HTMLTableGrid.maximumColumnSpan)
        let span = grid!.cell!.colSpan
        if rowWidth + span <= Self.maximumColumns, grid!.closeCell(budget: &budget) {
            rowWidth += span
        } else {
            grid!.cell = nil
        }
    }

    private mutating func closeCellAndRow() {
        closeCell()
        guard rowIsOpen else { return }
        rowIsOpen = false
        if let row = grid!.closeRow(), !isFull { lines.append(SourceLine(number: row.offset, text: row.text)) }
    }

    /// `w:gridBefore`: grid columns the row leaves out before its first cell.
    private mutating func leavePositionsEmpty(_ count: Int) {
        guard atGridLevel, rowIsOpen, rowWidth == 0, grid?.cell == nil, count > 0 else { return }
        if grid!.openCell(at: ordinal, rowSpan: 1, colSpan: count, budget: &budget) {
            cellGridSpan = min(count, HTMLTableGrid.maximumColumnSpan)
            closeCell()
        }
    }

    // MARK: Attributes

    /// Binds the main prefix from the root element's `xmlns:…` declarations.
    private mutating func readRoot(_ attributes: Range<Int>) {
        sawRoot = true
        let namespaces: Set<String> = [
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            "http://purl.oclc.org/ooxml/wordprocessingml/main",
        ]
        XMLAttributes.forEach(in: bytes, attributes) { name, value in
            guard namespaces.contains(String(decoding: bytes[value], as: UTF8.self)) else { return }
            let declared = bytes[name]
            if declared.elementsEqual("xmlns".utf8) {
                mainPrefix = []
            } else if declared.starts(with: "xmlns:".utf8) {
                mainPrefix = Array(declared.dropFirst(6))
            }
        }
    }

    /// The leading digits of the main-namespace `val` attribute, saturating; 0 when absent.
    private func number(_ attributes: Range<Int>) -> Int {
        guard let value = value(attributes) else { return 0 }
        return number(bytes[value])
    }

    /// The leading digits of `digits`, saturating at a million.
    private func number(_ digits: ArraySlice<UInt8>) -> Int {
        var result = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            result = min(result * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000)
        }
        return result
    }

    private func valueIs(_ attributes: Range<Int>, _ expected: String) -> Bool {
        guard let value = value(attributes) else { return false }
        return bytes[value].elementsEqual(expected.utf8)
    }

    /// The value of `w:val`, or of another main-namespace attribute `w:NAME`.
    private func value(_ attributes: Range<Int>, named attribute: String = "val") -> Range<Int>? {
        let wanted = mainPrefix.isEmpty ? Array(attribute.utf8) : mainPrefix + Array(":\(attribute)".utf8)
        var found: Range<Int>?
        XMLAttributes.forEach(in: bytes, attributes) { name, value in
            if found == nil, bytes[name].elementsEqual(wanted) { found = value }
        }
        return found
    }
}
