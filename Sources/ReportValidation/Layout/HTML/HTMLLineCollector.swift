/// Turns the token stream of a page into blocks of text and tab-joined table rows.
///
/// No element tree is kept: block tags only end the current line and table tags drive the grids, so
/// nesting depth costs nothing and implied end tags (`<td>`, `<tr>`, `<p>` left open) need no bookkeeping.
struct HTMLLineCollector {
    /// Tables nested deeper than this are read as text of the enclosing cell.
    static let maximumTableDepth = 32

    private let bytes: [UInt8]
    private var blocks: [HTMLBlock] = []
    private var flow = CollapsedText()
    private var tables: [HTMLTableGrid] = []
    /// `<table>` tags opened past `maximumTableDepth` and not yet closed.
    private var ignoredTableDepth = 0
    private var budget = GridBudget()
    /// The level of the `<hN>` being read in the page flow, 0 outside headings.
    private var headingLevel = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func consume(_ token: HTMLToken) {
        switch token {
        case .text(let range):
            if collectsIntoCell {
                tables[tables.count - 1].cell?.current.append(bytes, range)
            } else {
                flow.append(bytes, range)
            }
        case .character(let scalar, let offset):
            if collectsIntoCell {
                tables[tables.count - 1].cell?.current.append(scalar, offset: offset)
            } else {
                flow.append(scalar, offset: offset)
            }
        case .startTag(let tag):
            start(tag)
        case .endTag(let kind, _):
            end(kind)
        }
    }

    /// Closes everything still open and returns the blocks in source order.
    mutating func finish() -> [HTMLBlock] {
        ignoredTableDepth = 0
        while !tables.isEmpty { closeTable() }
        flushFlow()
        // Rows are emitted when they close, after any nested content: restore source order.
        let ordered = blocks.enumerated().sorted { lhs, rhs in
            lhs.element.offset != rhs.element.offset
                ? lhs.element.offset < rhs.element.offset : lhs.offset < rhs.offset
        }
        return ordered.map(\.element)
    }

    /// True when text belongs to a cell of a grid (not to a layout table or the page flow).
    private var collectsIntoCell: Bool {
        guard let table = tables.last else { return false }
        return !table.isLayout && table.cell != nil
    }

    /// True when row and cell tags shape the innermost table.
    private var readsGrid: Bool {
        guard ignoredTableDepth == 0, let table = tables.last else { return false }
        return !table.isLayout
    }

    private mutating func start(_ tag: HTMLStartTag) {
        switch tag.kind {
        case .table:
            openTable()
        case .row:
            guard readsGrid else { return breakBlock() }
            closeCellAndRow()
            flushFlow()
            if !tables[tables.count - 1].openRow(at: tag.offset, budget: &budget) { becomeLayout() }
        case .cell:
            guard readsGrid else { return breakBlock() }
            closeCell()
            flushFlow()
            if !tables[tables.count - 1].openCell(tag, budget: &budget) { becomeLayout() }
        case .rowGroup:
            guard readsGrid else { return breakBlock() }
            closeCellAndRow()
            flushFlow()
            tables[tables.count - 1].endRowGroup()
        case .block, .lineBreak:
            breakBlock()
            if tag.headingLevel > 0, !collectsIntoCell { headingLevel = tag.headingLevel }
        case .rawText, .inline:
            break
        }
    }

    private mutating func end(_ kind: HTMLTagKind) {
        switch kind {
        case .table:
            closeTable()
        case .row:
            guard readsGrid else { return breakBlock() }
            closeCellAndRow()
        case .cell:
            guard readsGrid else { return breakBlock() }
            closeCell()
        case .rowGroup:
            guard readsGrid else { return breakBlock() }
            closeCellAndRow()
            tables[tables.count - 1].endRowGroup()
        case .block, .lineBreak:
            breakBlock()
            if kind == .block { headingLevel = 0 }
        case .rawText, .inline:
            break
        }
    }

    private mutating func openTable() {
        breakBlock()
        flushFlow()
        if ignoredTableDepth > 0 || tables.count >= Self.maximumTableDepth {
            ignoredTableDepth += 1
            return
        }
        // A table inside a cell makes the outer one a layout wrapper: its cells become plain blocks.
        if let parent = tables.last, !parent.isLayout, parent.cell != nil { becomeLayout() }
        tables.append(HTMLTableGrid())
    }

    private mutating func closeTable() {
        if ignoredTableDepth > 0 {
            ignoredTableDepth -= 1
            return breakBlock()
        }
        guard !tables.isEmpty else { return breakBlock() }
        if !tables[tables.count - 1].isLayout { closeCellAndRow() }
        flushFlow()
        tables.removeLast()
        breakBlock()
    }

    private mutating func closeCell() {
        guard tables[tables.count - 1].cell != nil else { return }
        if !tables[tables.count - 1].closeCell(budget: &budget) { becomeLayout() }
    }

    private mutating func closeCellAndRow() {
        closeCell()
        if let row = tables[tables.count - 1].closeRow() { blocks.append(row) }
    }

    /// Reads the innermost table as plain blocks from here on.
    private mutating func becomeLayout() {
        blocks.append(contentsOf: tables[tables.count - 1].becomeLayout())
    }

    /// Ends the current line: a new block in the page flow, or a space inside a cell.
    private mutating func breakBlock() {
        if collectsIntoCell {
            tables[tables.count - 1].cell?.breakBlock()
        } else {
            flushFlow()
        }
    }

    private mutating func flushFlow() {
        if let block = flow.take() {
            blocks.append(HTMLBlock(offset: block.offset, text: block.text, headingLevel: headingLevel))
        }
    }
}
