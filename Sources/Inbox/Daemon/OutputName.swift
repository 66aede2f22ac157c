/// The names a report may take in an output folder: its own, then `report.1.txt`, `report.2.txt`…
///
/// The number goes before the last extension (`a` → `a.1`, `.x` → `.x.1`), with no cap. Names are
/// cut short so that `<name>.findings.json` still fits in `NAME_MAX` (255 bytes).
enum OutputName {
    /// The longest report name whose findings file names still fit in 255 bytes.
    static let maximumLength = 255 - ".findings.json".utf8.count

    /// The `attempt`-th candidate for `original` (0: the name itself, if short enough).
    static func candidate(for original: FileName, attempt: Int) -> FileName {
        let bytes = original.bytes
        let dot = UInt8(ascii: ".")
        var split = bytes.lastIndex(of: dot).flatMap { $0 > 0 ? $0 : nil } ?? bytes.count
        if bytes.count - split > maximumLength / 2 { split = bytes.count }  // an "extension" that long is not one
        var stem = Array(bytes[..<split])
        let ext = Array(bytes[split...])
        let number = attempt > 0 ? [dot] + Array(String(attempt).utf8) : []
        let excess = stem.count + number.count + ext.count - maximumLength
        if excess > 0 { stem = shortened(stem, by: excess) }
        return FileName(stem + number + ext)
    }

    /// `bytes` without its last `count` bytes, not ending inside a UTF-8 sequence.
    static func shortened(_ bytes: [UInt8], by count: Int) -> [UInt8] {
        var end = max(0, bytes.count - count)
        while end > 0 && end < bytes.count && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(bytes[..<end])
    }
}
