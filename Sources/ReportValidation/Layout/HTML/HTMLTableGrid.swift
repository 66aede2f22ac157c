/// How many grid positions all tables of one page may produce together.
///
/// Spans multiply: one `colspan=1000 rowspan=10000` cell alone would make 10⁷ positions. Past the budget a
/// table stops being a grid and its remaining text is read as plain blocks.
struct GridBudget {
    static let maximumCells = 2_000_000
    var remaining = GridBudget.maximumCells

    /// Takes `count` positions, or returns false (taking nothing) when too few are left.
    mutating func take(_ count: Int) -> Bool {
        guard count <= remaining else { return false }
        remaining -= count
        return true
    }
}

/// Text of one source block, with the byte offset where it starts.
struct HTMLBlock: Sendable, Equatable {
    var offset: Int
    var text: String
    /// The `<hN>` level the block stands in, 0 outside headings.
    var headingLevel = 0
}

/// One `<table>` being read: rows are laid out on a grid with `rowspan`/`colspan` expanded.
///
/// A spanned cell's text sits at its top-left position and the positions it covers are empty strings, so
/// values stay in their columns. Rows are emitted as soon as they close; only the spans still pending below
/// are remembered, so memory stays proportional to one row.
struct HTMLTableGrid {
    static let maximumColumnSpan = 1000
    static let maximumRowSpan = 10_000

    /// A cell being read: its text blocks (one per `<p>`/`<br>` run) and its spans.
    struct OpenCell {
        var rowSpan: Int
        var colSpan: Int
        var blocks: [HTMLBlock] = []
        var current = CollapsedText()

        /// Closes the current block of text (a `<p>` or `<br>` inside the cell).
        mutating func breakBlock() {
            if let block = current.take() { blocks.append(HTMLBlock(offset: block.offset, text: block.text)) }
        }

        /// All blocks, the one being collected included.
        mutating func takeBlocks() -> [HTMLBlock] {
            breakBlock()
            return blocks
        }
    }

    private struct OpenRow {
        var offset: Int
        var texts: [String]
        var occupied: [Bool]
        var cursor = 0
    }

    /// True once the table is read as plain blocks (it wraps another table, or ran out of budget).
    private(set) var isLayout = false
    /// The cell whose text is being collected.
    var cell: OpenCell?
    private var row: OpenRow?
    /// For each column, how many more rows a span from above still covers.
    private var pending: [Int] = []

    /// Starts a row at `offset`, marking the positions covered by spans from above; false when out of budget.
    mutating func openRow(at offset: Int, budget: inout GridBudget) -> Bool {
        guard budget.take(pending.count) else { return false }
        var occupied = [Bool](repeating: false, count: pending.count)
        for column in pending.indices where pending[column] > 0 {
            occupied[column] = true
            pending[column] -= 1
        }
        while let last = pending.last, last == 0 { pending.removeLast() }
        row = OpenRow(offset: offset, texts: [String](repeating: "", count: occupied.count), occupied: occupied)
        return true
    }

    /// Starts a cell (opening a row first when the `<tr>` was left out); false when out of budget.
    mutating func openCell(_ tag: HTMLStartTag, budget: inout GridBudget) -> Bool {
        openCell(at: tag.offset, rowSpan: tag.rowSpan, colSpan: tag.colSpan, budget: &budget)
    }

    /// Starts a cell spanning `rowSpan` × `colSpan` positions (clamped to the maxima), opening a row at
    /// `offset` first when none is open; false when out of budget. Shared by the HTML and DOCX readers.
    mutating func openCell(at offset: Int, rowSpan: Int, colSpan: Int, budget: inout GridBudget) -> Bool {
        if row == nil, !openRow(at: offset, budget: &budget) { return false }
        cell = OpenCell(
            rowSpan: min(max(rowSpan, 1), Self.maximumRowSpan),
            colSpan: min(max(colSpan, 1), Self.maximumColumnSpan)
        )
        return true
    }

    /// Places the open cell on the grid; false (cell kept open) when its positions exceed the budget.
    mutating func closeCell(budget: inout GridBudget) -> Bool {
        guard let rowSpan = cell?.rowSpan, let colSpan = cell?.colSpan, row != nil else {
            cell = nil
            return true
        }
        // `row!` and `cell!` are mutated in place: a local copy would copy the whole row for every cell.
        var column = row!.cursor
        while column < row!.occupied.count, row!.occupied[column] { column += 1 }
        let extent = column + colSpan
        let added = max(0, extent - row!.texts.count)
        guard budget.take(added) else { return false }
        if added > 0 {
            row!.texts.append(contentsOf: repeatElement("", count: added))
            row!.occupied.append(contentsOf: repeatElement(false, count: added))
        }
        row!.texts[column] = cell!.takeBlocks().map(\.text).joined(separator: " ")
        for covered in column..<extent { row!.occupied[covered] = true }
        if rowSpan > 1 {
            if pending.count < extent { pending.append(contentsOf: repeatElement(0, count: extent - pending.count)) }
            for covered in column..<extent { pending[covered] = max(pending[covered], rowSpan - 1) }
        }
        row!.cursor = extent
        cell = nil
        return true
    }

    /// Ends the open row; returns its cells joined by tabs unless every cell is empty.
    mutating func closeRow() -> HTMLBlock? {
        guard let row else { return nil }
        self.row = nil
        guard row.texts.contains(where: { !$0.isEmpty }) else { return nil }
        return HTMLBlock(offset: row.offset, text: row.texts.joined(separator: "\t"))
    }

    /// Ends a `<thead>`/`<tbody>`/`<tfoot>`: row spans do not reach into the next group.
    mutating func endRowGroup() {
        pending.removeAll()
    }

    /// Switches the table to plain blocks, returning what was collected of the open row and cell.
    mutating func becomeLayout() -> [HTMLBlock] {
        var blocks: [HTMLBlock] = []
        if row != nil, let line = closeRow() { blocks.append(line) }
        if var cell {
            blocks.append(contentsOf: cell.takeBlocks())
            self.cell = nil
        }
        pending.removeAll()
        isLayout = true
        return blocks
    }
}
