/// Prose held as Unicode scalars with white space removed, for fast substring and number scanning.
///
/// Full-width digits and letters are folded to ASCII; every scalar keeps the index it had in the
/// original text so that evidence can quote the author's own spacing.
struct ScalarText {
    /// The folded scalars, blanks removed.
    let scalars: [Unicode.Scalar]
    /// For each scalar, its index in `original`.
    let origin: [Int]
    /// The original scalars, unchanged.
    let original: [Unicode.Scalar]

    init(_ text: some StringProtocol) {
        var scalars: [Unicode.Scalar] = []
        var origin: [Int] = []
        var original: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        origin.reserveCapacity(text.unicodeScalars.count)
        original.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            original.append(scalar)
            if TextNormalizer.isBlank(scalar) { continue }
            scalars.append(ScalarText.fold(scalar))
            origin.append(original.count - 1)
        }
        self.scalars = scalars
        self.origin = origin
        self.original = original
    }

    var count: Int { scalars.count }
    var isEmpty: Bool { scalars.isEmpty }
    var all: Range<Int> { 0..<scalars.count }

    subscript(_ index: Int) -> Unicode.Scalar { scalars[index] }

    /// Full-width digits and letters to ASCII; punctuation is kept so brackets stay distinguishable.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: Unicode.Scalar(scalar.value - 0xFEE0)!
        default: scalar
        }
    }

    /// The first index at or after `range.lowerBound` where `needle` starts and ends within `range`.
    func find(_ needle: Needle, in range: Range<Int>) -> Int? {
        let n = needle.scalars
        guard let first = n.first, n.count <= range.count else { return nil }
        var i = range.lowerBound
        let last = range.upperBound - n.count
        while i <= last {
            if scalars[i] == first {
                var j = 1
                while j < n.count && scalars[i + j] == n[j] { j += 1 }
                if j == n.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// The last start of `needle` inside `range`.
    func findLast(_ needle: Needle, in range: Range<Int>) -> Int? {
        var found: Int? = nil
        var from = range.lowerBound
        while let i = find(needle, in: from..<range.upperBound) {
            found = i
            from = i + 1
        }
        return found
    }

    func contains(_ needle: Needle, in range: Range<Int>) -> Bool { find(needle, in: range) != nil }

    func containsAny(_ needles: [Needle], in range: Range<Int>) -> Bool {
        needles.contains { find($0, in: range) != nil }
    }

    /// The earliest match of any of `needles` in `range`: its start and length.
    func firstOf(_ needles: [Needle], in range: Range<Int>) -> (index: Int, length: Int)? {
        var best: (index: Int, length: Int)? = nil
        for needle in needles {
            if let i = find(needle, in: range), best == nil || i < best!.index {
                best = (i, needle.scalars.count)
            }
        }
        return best
    }

    /// True when `needle` ends exactly at `index` (exclusive).
    func hasSuffix(_ needle: Needle, endingAt index: Int) -> Bool {
        let n = needle.scalars
        guard index - n.count >= 0, index <= scalars.count else { return false }
        for k in 0..<n.count where scalars[index - n.count + k] != n[k] { return false }
        return true
    }

    /// True when `needle` starts exactly at `index`.
    func hasPrefix(_ needle: Needle, at index: Int) -> Bool {
        let n = needle.scalars
        guard index >= 0, index + n.count <= scalars.count else { return false }
        for k in 0..<n.count where scalars[index + k] != n[k] { return false }
        return true
    }

    /// The original text (with its spacing) behind the folded `range`.
    func excerpt(_ range: Range<Int>, limit: Int = 60) -> String {
        guard !range.isEmpty, range.upperBound <= origin.count else { return "" }
        let lower = origin[range.lowerBound]
        var upper = origin[range.upperBound - 1] + 1
        var clipped = false
        if upper - lower > limit {
            upper = lower + limit
            clipped = true
        }
        var view = String.UnicodeScalarView()
        for scalar in original[lower..<upper] {
            view.append(scalar == "\n" || scalar == "\t" ? " " : scalar)
        }
        return TextNormalizer.trim(String(view)) + (clipped ? "…" : "")
    }

    /// Splits `range` at any of `separators`, dropping empty pieces.
    func split(_ range: Range<Int>, at separators: (Unicode.Scalar) -> Bool) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where separators(scalars[i]) {
            if i > start { pieces.append(start..<i) }
            start = i + 1
        }
        if start < range.upperBound { pieces.append(start..<range.upperBound) }
        return pieces
    }

    /// Sentences: pieces between `。！？!?；;` (a line break is not a boundary: PDFs wrap lines).
    func sentences() -> [Range<Int>] {
        split(all) { s in s == "。" || s == "！" || s == "？" || s == "!" || s == "?" || s == "；" || s == ";" }
    }

    /// Comma-level clauses of a sentence: pieces between `，,：:（）()` (not `、`, which joins list items).
    func clauses(of sentence: Range<Int>) -> [Range<Int>] {
        split(sentence) { s in
            s == "，" || s == "," || s == "：" || s == ":" || s == "（" || s == "）" || s == "(" || s == ")"
        }
    }
}

/// A fixed search string, pre-split into scalars and UTF-8 bytes.
struct Needle: Sendable, ExpressibleByStringLiteral {
    let scalars: [Unicode.Scalar]
    let utf8: [UInt8]
    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        utf8 = Array(text.utf8)
    }
    init(stringLiteral value: String) { self.init(value) }
}

/// Byte-level prefilters: most paragraphs hold none of a rule's trigger words, and testing the UTF-8
/// bytes directly is far cheaper than building a `ScalarText` (the validator's throughput target).
extension String {
    /// True when the UTF-8 bytes of `self` contain `needle` (exact, unfolded).
    func has(_ needle: Needle) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ Self.search($0, needle.utf8) }) { return found }
        return Array(utf8).withUnsafeBufferPointer { Self.search($0, needle.utf8) }
    }

    func hasAny(_ needles: [Needle]) -> Bool { needles.contains { has($0) } }

    /// True when `self` has an ASCII or full-width digit or letter (full-width forms start with byte 0xEF).
    var hasASCIIAlphanumericOrFullWidth: Bool {
        utf8.contains { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0xEF }
    }

    static func search(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= hay.count else { return needle.isEmpty }
        let last = hay.count - needle.count
        var i = 0
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

extension Unicode.Scalar {
    /// True for a CJK ideograph (the basic and extension-A blocks).
    @inline(__always) var isIdeograph: Bool { TextNormalizer.isCJK(self) }
    @inline(__always) var isASCIIDigitScalar: Bool { value >= 0x30 && value <= 0x39 }
    @inline(__always) var isASCIILetter: Bool { (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) }
}
