/// Collects the prose of the report: body lines outside the table regions, hard-wrapped lines joined, page
/// chrome of crawled web pages (breadcrumbs, print and share links) left out.
enum Paragraphs {
    static func collect(outline: Outline, tableRanges: [Range<Int>]) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var current: Paragraph? = nil
        func flush() {
            if let p = current, !TextNormalizer.trim(p.text).isEmpty { paragraphs.append(p) }
            current = nil
        }
        var inBreadcrumb = false
        for (index, line) in outline.lines.enumerated() {
            let inTable = tableRanges.contains { $0.contains(index) }
            // A breadcrumb whose steps stand on lines of their own (one `<li>` each) is left out whole.
            if inBreadcrumb, PageChrome.isBreadcrumbStep(line.text) { continue }
            inBreadcrumb = PageChrome.opensBreadcrumb(line.text)
            let text = PageChrome.strip(TextNormalizer.trim(line.text))
            let isProseInTable = inTable && text.contains("。") && !line.text.contains("\t") && text.count > 20
            if text.isEmpty || (inTable && !isProseInTable) || line.text.contains("\t") || text.hasPrefix("|") {
                flush()
                continue
            }
            let section = outline.section(at: index)
            if var open = current, open.section == section, let last = open.text.last, !"。！？；：:;!?”」".contains(last),
                !startsNewItem(text)
            {
                open.text += text
                current = open
                continue
            }
            flush()
            current = Paragraph(text: text, line: line.number, section: section)
        }
        flush()
        return paragraphs
    }

    /// Lines that begin a new item even after an unfinished line: `（二）`, `一是`, `1.`.
    static func startsNewItem(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        if first == "（" || first == "(" || first == "#" { return true }
        let key = TextNormalizer.key(text.prefix(4))
        return TextNormalizer.stripEnumerator(key) != key || key.dropFirst().hasPrefix("是")
    }
}
