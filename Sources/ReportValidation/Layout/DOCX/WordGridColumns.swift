/// The column widths of a Word table's `w:tblGrid`, to tell its columns from slivers.
///
/// A sliver is a grid column a hair wide (LibreOffice leaves 1–2 twip ones where unit rounding puts the
/// edges of cells that line up on the page a twip apart): no cell sits in it alone, it only splits a
/// cell's `w:gridSpan` into one more position. Counting only real columns keeps such a table on the
/// grid it shows. Without usable widths (none given, or mostly zero) every column counts.
struct WordGridColumns {
    /// Columns narrower than this many twips (≈ 0.35 mm) are slivers.
    static let sliverWidth = 20

    private var widths: [Int] = []
    private var real = 0

    /// Adds the next `w:gridCol`; nil when it has no width (a real column).
    mutating func append(width: Int?) {
        guard widths.count < WordLineCollector.maximumColumns else { return }
        let width = width ?? Int.max
        widths.append(width)
        if width >= Self.sliverWidth { real += 1 }
    }

    /// How many positions the grid columns `start ..< start + span` make: slivers count for none, a
    /// cell at least one.
    func positions(from start: Int, span: Int) -> Int {
        let slivers = widths.count - real
        guard slivers > 0, slivers < real, start < widths.count else { return span }
        var count = 0
        for column in start..<(start + span) where column >= widths.count || widths[column] >= Self.sliverWidth {
            count += 1
        }
        return max(count, 1)
    }
}
