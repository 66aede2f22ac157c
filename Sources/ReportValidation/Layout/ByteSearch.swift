/// Substring search on UTF-8 bytes. The standard library's `contains(_:)` for strings goes through a
/// generic Character-level searcher that dominated the reader's profile; label keys are already
/// normalised, so byte equality is the comparison that matters here.
enum ByteSearch {
    /// Byte offset of the first occurrence of `needle` in `haystack`, or nil.
    @inline(__always)
    static func firstOffset(of needle: some StringProtocol, in haystack: some StringProtocol) -> Int? {
        var result: Int? = nil
        var n = needle.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(needle.utf8)
        if n.isEmpty { return 0 }
        let found: Int?? = haystack.utf8.withContiguousStorageIfAvailable { h in search(h, &n, last: false) }
        if let found { result = found } else { result = Array(haystack.utf8).withUnsafeBufferPointer { search($0, &n, last: false) } }
        return result
    }

    /// Byte offset of the last occurrence of `needle` in `haystack`, or nil.
    static func lastOffset(of needle: some StringProtocol, in haystack: some StringProtocol) -> Int? {
        var n = Array(needle.utf8)
        if n.isEmpty { return nil }
        if let found = haystack.utf8.withContiguousStorageIfAvailable({ search($0, &n, last: true) }) { return found }
        return Array(haystack.utf8).withUnsafeBufferPointer { search($0, &n, last: true) }
    }

    @inline(__always)
    static func search(_ h: UnsafeBufferPointer<UInt8>, _ n: inout [UInt8], last: Bool) -> Int? {
        let count = n.count
        guard count <= h.count else { return nil }
        let first = n[0]
        let limit = h.count - count
        if last {
            var i = limit
            while i >= 0 {
                if h[i] == first && matches(h, at: i, n) { return i }
                i -= 1
            }
        } else {
            var i = 0
            while i <= limit {
                if h[i] == first && matches(h, at: i, n) { return i }
                i += 1
            }
        }
        return nil
    }

    @inline(__always)
    static func matches(_ h: UnsafeBufferPointer<UInt8>, at i: Int, _ n: [UInt8]) -> Bool {
        var j = 1
        while j < n.count {
            if h[i + j] != n[j] { return false }
            j += 1
        }
        return true
    }
}

extension String {
    /// Byte-level `contains` (see `ByteSearch`); shadows the slower generic search inside this module.
    @inline(__always)
    func contains(_ other: String) -> Bool {
        ByteSearch.firstOffset(of: other, in: self) != nil
    }
}

extension Substring {
    @inline(__always)
    func contains(_ other: String) -> Bool {
        ByteSearch.firstOffset(of: other, in: self) != nil
    }
}
