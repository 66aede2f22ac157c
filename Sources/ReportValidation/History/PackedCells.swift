/// A report's cells as one value for the register (table `report_cells`): one value written per
/// report instead of ≈ 190 rows, and read back for a year of reports without a row per cell.
///
/// Layout, integers as unsigned LEB128 (`n`), text as `n` byte count then UTF-8:
/// ```
/// "NC" 0x01                           magic and format version
/// n  layout byte count, then the layout:
///      n labels, each text             every table name (二/三/四), row and column label, once
///      n cells, each n n n              table, row and column as label indexes
/// per cell, in layout order:
///      kind byte                       0 number, 1 blank, 2 placeholder, 3 text, 4 not assessable
///      for a number: flags byte (1 negative, 2 sign written), n whole, text fraction
///      text raw; n line + 1 (0: none)
/// ```
/// Reports with the same cells have byte-identical layouts, which ``Reader`` decodes once for all of them.
public enum PackedCells {
    static let magic: [UInt8] = [0x4E, 0x43, 0x01]

    /// The bytes of `cells`.
    public static func pack(_ cells: RecordedCells) -> [UInt8] {
        var labels: [String] = []
        var labelIndex: [String: Int] = [:]
        func label(_ text: String) -> Int {
            if let index = labelIndex[text] { return index }
            labelIndex[text] = labels.count
            labels.append(text)
            return labels.count - 1
        }
        var triples: [Int] = []
        triples.reserveCapacity(cells.count * 3)
        for key in cells.keys { triples += [label(key.table.rawValue), label(key.row), label(key.column)] }
        var layout = PackedWriter()
        layout.integer(UInt64(labels.count))
        for text in labels { layout.text(text) }
        layout.integer(UInt64(cells.count))
        for index in triples { layout.integer(UInt64(index)) }

        var out = PackedWriter()
        out.bytes.reserveCapacity(layout.bytes.count + cells.count * 6 + 8)
        out.bytes += magic
        out.integer(UInt64(layout.bytes.count))
        out.bytes += layout.bytes
        for cell in cells.values {
            switch cell.value {
            case .number(let n):
                out.bytes.append(0)
                out.bytes.append((n.isNegative ? 1 : 0) | (n.hasSign ? 2 : 0))
                out.integer(UInt64(bitPattern: Int64(n.whole)))
                out.text(n.fraction)
            case .blank: out.bytes.append(1)
            case .placeholder: out.bytes.append(2)
            case .text: out.bytes.append(3)
            case .notAssessable: out.bytes.append(4)
            }
            out.text(cell.raw)
            out.integer(cell.line.map { UInt64(max(0, $0)) + 1 } ?? 0)
        }
        return out.bytes
    }

    /// Why bytes are not packed cells.
    public struct Malformed: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var description: String { "packed cells: \(reason)" }
    }

    /// Unpacks many reports' cells, sharing one ``CellLayout`` between those with the same layout bytes.
    public struct Reader: Sendable {
        private var layouts: [LayoutBytes: CellLayout] = [:]

        public init() {}

        public mutating func unpack(_ bytes: some Collection<UInt8>) throws(Malformed) -> RecordedCells {
            let bytes = Array(bytes)
            return try bytes.withUnsafeBufferPointer { buffer throws(Malformed) in
                var input = PackedReader(buffer)
                guard input.take(3).elementsEqual(magic) else { throw Malformed(reason: "not version 1 packed cells") }
                let layoutBytes = input.take(try input.length())
                let layout = try self.layout(Array(layoutBytes))
                var values: [RecordedCell] = []
                values.reserveCapacity(layout.keys.count)
                for _ in layout.keys.indices { values.append(try input.cell()) }
                guard input.isAtEnd else { throw Malformed(reason: "bytes after the last cell") }
                return RecordedCells(layout: layout, values: values)
            }
        }

        private mutating func layout(_ bytes: [UInt8]) throws(Malformed) -> CellLayout {
            if let known = layouts[LayoutBytes(bytes: bytes)] { return known }
            let layout = try bytes.withUnsafeBufferPointer { buffer throws(Malformed) in
                var input = PackedReader(buffer)
                var labels: [String] = []
                for _ in 0..<(try input.count(atMost: buffer.count)) { labels.append(try input.text()) }
                func label(_ input: inout PackedReader) throws(Malformed) -> String {
                    let index = try input.integer()
                    guard index < labels.count else { throw Malformed(reason: "label \(index) of \(labels.count)") }
                    return labels[Int(index)]
                }
                var keys: [CellKey] = []
                var seen: Set<CellKey> = []
                for _ in 0..<(try input.count(atMost: buffer.count)) {
                    let tableLabel = try label(&input)
                    guard let table = TableKind(rawValue: tableLabel) else { throw Malformed(reason: "table 「\(tableLabel)」") }
                    let key = CellKey(table, row: try label(&input), column: try label(&input))
                    guard seen.insert(key).inserted else { throw Malformed(reason: "\(key) twice") }
                    keys.append(key)
                }
                guard input.isAtEnd else { throw Malformed(reason: "bytes after the layout") }
                return CellLayout(keys)
            }
            layouts[LayoutBytes(bytes: bytes)] = layout
            return layout
        }
    }

    /// A layout's bytes as a dictionary key, hashed in one call (an array of bytes hashes byte by byte).
    private struct LayoutBytes: Hashable {
        var bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    /// The cells of `bytes` (one report; a ``Reader`` shares layouts between many).
    public static func unpack(_ bytes: some Collection<UInt8>) throws(Malformed) -> RecordedCells {
        var reader = Reader()
        return try reader.unpack(bytes)
    }
}

private struct PackedWriter {
    var bytes: [UInt8] = []

    mutating func integer(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func text(_ text: String) {
        integer(UInt64(text.utf8.count))
        bytes += text.utf8
    }
}

private struct PackedReader {
    let buffer: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    var isAtEnd: Bool { offset == buffer.count }

    /// Up to `count` bytes (fewer at the end: the caller's check of what follows fails then).
    mutating func take(_ count: Int) -> UnsafeBufferPointer<UInt8> {
        let end = min(buffer.count, offset + count)
        defer { offset = end }
        return UnsafeBufferPointer(rebasing: buffer[offset..<end])
    }

    mutating func byte() throws(PackedCells.Malformed) -> UInt8 {
        guard offset < buffer.count else { throw PackedCells.Malformed(reason: "ends early") }
        defer { offset += 1 }
        return buffer[offset]
    }

    mutating func integer() throws(PackedCells.Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64, shift < 63 || byte <= 1 else { throw PackedCells.Malformed(reason: "integer too long") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A byte count that fits in what is left.
    mutating func length() throws(PackedCells.Malformed) -> Int {
        let value = try integer()
        guard value <= UInt64(buffer.count - offset) else { throw PackedCells.Malformed(reason: "length past the end") }
        return Int(value)
    }

    /// An item count no larger than `limit` (each item takes at least a byte).
    mutating func count(atMost limit: Int) throws(PackedCells.Malformed) -> Int {
        let value = try integer()
        guard value <= UInt64(limit) else { throw PackedCells.Malformed(reason: "count \(value) past the end") }
        return Int(value)
    }

    mutating func text() throws(PackedCells.Malformed) -> String {
        let bytes = take(try length())
        // Decoded, then compared: invalid UTF-8 comes back repaired, so different (String(validating:)'s
        // generic path cost more than the rest of the unpacking).
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.allSatisfy({ $0 < 0x80 }) || text.utf8.elementsEqual(bytes) else {
            throw PackedCells.Malformed(reason: "text not UTF-8")
        }
        return text
    }

    mutating func cell() throws(PackedCells.Malformed) -> RecordedCell {
        let value: RecordedValue
        switch try byte() {
        case 0:
            let flags = try byte()
            guard flags & ~3 == 0 else { throw PackedCells.Malformed(reason: "number flags \(flags)") }
            let whole = Int64(bitPattern: try integer())
            let fraction = try text()
            guard fraction.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw PackedCells.Malformed(reason: "fraction 「\(fraction)」")
            }
            value = .number(NumberLiteral(isNegative: flags & 1 != 0, whole: Int(whole), fraction: fraction, hasSign: flags & 2 != 0))
        case 1: value = .blank
        case 2: value = .placeholder
        case 3: value = .text
        case 4: value = .notAssessable
        case let kind: throw PackedCells.Malformed(reason: "cell kind \(kind)")
        }
        let raw = try text()
        let line = try integer()
        guard line <= UInt64(Int.max) else { throw PackedCells.Malformed(reason: "line \(line)") }
        return RecordedCell(value: value, raw: raw, line: line == 0 ? nil : Int(line) - 1)
    }
}
