/// Where a table's own header starts inside a glued crawler line (no line breaks, no tabs), so that a
/// table whose heading is missing or garbled is split from the text before it and found by its content,
/// as it is under its heading (issue 10, item 2). Each start is the template's first header cell(s).
enum GluedTableStarts {
    /// The start of each table header found in `text`, in order; never the line's first character.
    static func starts(_ text: String) -> [String.Index] {
        var starts: [String.Index] = []
        // 表二: `第二十条第（一）项` then `信息内容` (both formats).
        if let start = first("第二十条第", in: text, then: { $0.contains("信息内容") }) { starts.append(start) }
        // 表三: the `（本列数据的勾稽关系…）` note of the 2021 format, else `申请人情况` over `自然人`.
        if let note = text.firstRange(of: "本列数据的勾稽关系") {
            var start = note.lowerBound
            if start > text.startIndex, "（(".contains(text[text.index(before: start)]) { start = text.index(before: start) }
            starts.append(start)
        } else if let start = first("申请人情况", in: text, then: { $0.prefix(12).contains("自然人") }) {
            starts.append(start)
        }
        // 表四: `行政复议` `行政诉讼` then `结果维持` — never the heading `…行政复议、行政诉讼情况`.
        if let start = first("行政复议", in: text, then: { $0.hasPrefix("行政诉讼结果") }) {
            starts.append(start)
        }
        return starts.filter { $0 > text.startIndex }.sorted()
    }

    /// The first `marker` in `text` whose next characters (white space dropped) satisfy `holds`.
    /// Never inlined: inlined into ``starts(_:)``, Swift 6.3.1's optimizer (ObjectOutliner) crashes on it in
    /// release builds ("failed to allocate 1605455509208928 bytes"), which broke `scripts/setup`.
    @inline(never)
    private static func first(_ marker: String, in text: String, then holds: (String) -> Bool) -> String.Index? {
        var from = text.startIndex
        while let found = text[from...].firstRange(of: marker) {
            let next = String(text[found.upperBound...].prefix(24).filter { !$0.isWhitespace })
            if holds(next) { return found.lowerBound }
            from = found.upperBound
        }
        return nil
    }
}
