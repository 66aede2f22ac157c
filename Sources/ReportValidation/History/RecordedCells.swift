/// The cells of one report as read, as the register keeps them: the values in the order of a
/// ``CellLayout`` that every report with the same cells shares, so that a year's export finds a cell of
/// thousands of reports by position instead of hashing its labels in every one.
public struct RecordedCells: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// Which cell each value is.
    public let layout: CellLayout
    /// The values, one per key of `layout`, in its order.
    public let values: [RecordedCell]

    /// `values` in the order of `layout`'s keys.
    public init(layout: CellLayout, values: [RecordedCell]) {
        precondition(layout.keys.count == values.count, "one value per cell of the layout")
        self.layout = layout
        self.values = values
    }

    /// The cells of `cells`, in key order (so that equal key sets give equal layouts).
    public init(_ cells: [CellKey: RecordedCell]) {
        let keys = cells.keys.sorted()
        self.init(layout: CellLayout(keys), values: keys.map { cells[$0]! })
    }

    public init(dictionaryLiteral elements: (CellKey, RecordedCell)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public subscript(key: CellKey) -> RecordedCell? {
        layout.position(of: key).map { values[$0] }
    }

    public var keys: [CellKey] { layout.keys }
    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    /// The cells keyed by label, as the rules read them.
    public var dictionary: [CellKey: RecordedCell] {
        Dictionary(uniqueKeysWithValues: zip(layout.keys, values))
    }

    public func makeIterator() -> some IteratorProtocol<(key: CellKey, value: RecordedCell)> {
        zip(layout.keys, values).lazy.map { (key: $0.0, value: $0.1) }.makeIterator()
    }

    /// Equal when they hold the same cells, whatever the order they were recorded in.
    public static func == (a: RecordedCells, b: RecordedCells) -> Bool {
        if a.layout === b.layout || a.layout.keys == b.layout.keys { return a.values == b.values }
        return a.count == b.count && a.dictionary == b.dictionary
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, as `==` is.
        var combined = 0
        for (key, value) in zip(layout.keys, values) {
            var own = Hasher()
            own.combine(key)
            own.combine(value)
            combined ^= own.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

/// Which cells a report holds, in order: one instance shared by every report read with the same cells,
/// with the position of each key worked out once for all of them.
public final class CellLayout: Sendable, Hashable {
    public let keys: [CellKey]
    private let positions: [CellKey: Int]

    public init(_ keys: [CellKey]) {
        self.keys = keys
        var positions: [CellKey: Int] = [:]
        positions.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() where positions[key] == nil { positions[key] = index }
        self.positions = positions
    }

    /// Where `key`'s value sits, nil when this layout lacks it.
    public func position(of key: CellKey) -> Int? { positions[key] }

    public static func == (a: CellLayout, b: CellLayout) -> Bool { a === b || a.keys == b.keys }
    public func hash(into hasher: inout Hasher) { hasher.combine(keys) }
}
