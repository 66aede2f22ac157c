/// Text of one block being collected, with whitespace collapsed as a browser renders it.
///
/// Runs of spaces, tabs, newlines and Unicode spaces (NBSP, U+3000, U+2000…U+200A) become one ASCII space;
/// leading and trailing space is dropped, so a cell holding only `&nbsp;` is empty.
struct CollapsedText {
    private var bytes: [UInt8] = []
    private var pendingSpace = false
    /// Source offset of the first visible character, nil while empty.
    private(set) var startOffset: Int?

    var isEmpty: Bool { bytes.isEmpty }

    /// Appends raw page text `source[range]`.
    mutating func append(_ source: [UInt8], _ range: Range<Int>) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let width = Self.spaceWidth(source, at: index, end: end)
            if width > 0 {
                pendingSpace = true
                index += width
                continue
            }
            if startOffset == nil { startOffset = index }
            if pendingSpace {
                if !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
            }
            bytes.append(source[index])
            index += 1
        }
    }

    /// Appends a decoded character reference found at `offset`.
    mutating func append(_ scalar: Unicode.Scalar, offset: Int) {
        if Self.isSpace(scalar) {
            pendingSpace = true
            return
        }
        if startOffset == nil { startOffset = offset }
        if pendingSpace {
            if !bytes.isEmpty { bytes.append(0x20) }
            pendingSpace = false
        }
        if let encoded = UTF8.encode(scalar) { bytes.append(contentsOf: encoded) }
    }

    /// Separates what follows from what came before by one space (a `<br>` or `<p>` inside a cell).
    mutating func separate() {
        pendingSpace = true
    }

    /// Returns the collected block and starts an empty one; nil when nothing visible was collected.
    mutating func take() -> (offset: Int, text: String)? {
        defer {
            bytes.removeAll(keepingCapacity: true)
            pendingSpace = false
            startOffset = nil
        }
        guard let startOffset, !bytes.isEmpty else { return nil }
        return (startOffset, String(decoding: bytes, as: UTF8.self))
    }

    /// Byte length of the whitespace character at `index`, 0 when it is not whitespace.
    private static func spaceWidth(_ source: [UInt8], at index: Int, end: Int) -> Int {
        let byte = source[index]
        if byte < 0x80 { return HTMLBytes.isSpace(byte) ? 1 : 0 }
        switch byte {
        case 0xC2:  // U+00A0
            return index + 1 < end && source[index + 1] == 0xA0 ? 2 : 0
        case 0xE3:  // U+3000
            return index + 2 < end && source[index + 1] == 0x80 && source[index + 2] == 0x80 ? 3 : 0
        case 0xE2:  // U+2000…U+200A, U+202F, U+205F
            guard index + 2 < end else { return 0 }
            let second = source[index + 1]
            let third = source[index + 2]
            if second == 0x80, (third >= 0x80 && third <= 0x8A) || third == 0xAF { return 3 }
            return second == 0x81 && third == 0x9F ? 3 : 0
        default:
            return 0
        }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

/// Maps byte offsets in the source to 1-based line numbers.
struct SourceLineIndex {
    private var newlines: [Int] = []

    init(_ bytes: [UInt8]) {
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { newlines.append(offset) }
    }

    /// The 1-based line holding byte `offset`.
    func line(at offset: Int) -> Int {
        var low = 0
        var high = newlines.count
        while low < high {
            let middle = (low + high) / 2
            if newlines[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low + 1
    }
}
