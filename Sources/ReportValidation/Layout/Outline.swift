/// The report's lines with its top-level headings located; headings are removed from the body lines
/// and any text glued after a heading becomes a body line of its own.
struct Outline {
    /// Body lines (headings removed), in order.
    var lines: [SourceLine] = []
    var headings: [SectionHeading] = []
    /// For each heading, the index in `lines` where its body starts.
    var headingStarts: [Int] = []

    init(lines source: [SourceLine]) {
        let candidates: [HeadingMatcher.Match?] = source.map { line in
            guard let match = HeadingMatcher.match(line.text, line: line.number, level: line.headingLevel),
                !(line.text.contains("\t") && !match.remainder.isEmpty)
            else { return nil }
            return match
        }
        let accepted = Self.acceptedByPosition(candidates.map { $0?.heading })
        for (index, line) in source.enumerated() {
            if accepted[index], let match = candidates[index] {
                headings.append(match.heading)
                headingStarts.append(lines.count)
                if !match.remainder.isEmpty { lines.append(SourceLine(number: line.number, text: match.remainder)) }
            } else {
                lines.append(line)
            }
        }
    }

    /// Which candidates stand as headings. A known wording always does (the structure rules judge its
    /// order). A heading read by meaning (a typo, key words) only stands where its section belongs: no
    /// known wording names that section, it comes after the previous heading's section and before the next
    /// known one's, and no other heading read by meaning took the section — one heading per section.
    static func acceptedByPosition(_ candidates: [SectionHeading?]) -> [Bool] {
        func section(_ heading: SectionHeading) -> Int { heading.ordinal ?? heading.kind?.rawValue ?? 0 }
        func isKnown(_ heading: SectionHeading) -> Bool { heading.wording == .template || heading.wording == .alias }
        let known = Set(candidates.compactMap { $0 }.filter(isKnown).map(section))
        var accepted = candidates.map { $0.map(isKnown) ?? false }
        var previous = 0
        var taken: Set<Int> = []
        for (index, candidate) in candidates.enumerated() {
            guard let candidate else { continue }
            let number = section(candidate)
            if isKnown(candidate) {
                previous = number
                continue
            }
            let next = candidates[(index + 1)...].lazy.compactMap { $0 }.first(where: isKnown).map(section)
            let beforeNext = next.map { number < $0 || $0 <= previous } ?? true
            guard !known.contains(number), !taken.contains(number), number > previous, beforeNext else { continue }
            accepted[index] = true
            taken.insert(number)
            previous = number
        }
        return accepted
    }

    /// Index of the first body line after the first heading (title lines come before it).
    var firstHeadingIndex: Int { headingStarts.first ?? lines.count }

    /// The section a body line belongs to: its heading's ordinal, else the section its text names.
    func section(at index: Int) -> SectionKind? {
        guard let position = headingStarts.lastIndex(where: { $0 <= index }) else { return nil }
        let heading = headings[position]
        if let ordinal = heading.ordinal { return SectionKind(rawValue: ordinal) }
        return heading.kind
    }

    /// Index of the first heading at or after `index` whose section is at least `minimum`.
    func nextHeadingStart(after index: Int, atLeast minimum: Int) -> Int? {
        for (position, start) in headingStarts.enumerated() where start > index {
            let number = headings[position].ordinal ?? headings[position].kind?.rawValue ?? 0
            if number >= minimum { return start }
        }
        return nil
    }

    /// Source line ranges of each section's body (half-open, 1-based).
    func sectionLineRanges() -> [SectionKind: Range<Int>] {
        var ranges: [SectionKind: Range<Int>] = [:]
        for (position, heading) in headings.enumerated() {
            guard let kind = heading.ordinal.flatMap(SectionKind.init(rawValue:)) ?? heading.kind,
                ranges[kind] == nil
            else { continue }
            let end: Int =
                position + 1 < headings.count ? headings[position + 1].line : (lines.last?.number ?? heading.line) + 1
            ranges[kind] = (heading.line + 1)..<max(heading.line + 1, end)
        }
        return ranges
    }
}

/// Where each table sits among the body lines: found by content, so a table under a wrong or
/// missing heading (seeds 001, 002) is still read.
struct TableRegions {
    var disclosure: Range<Int>?
    var applications: Range<Int>?
    var review: Range<Int>?

    var all: [Range<Int>] { [disclosure, applications, review].compactMap { $0 } }

    static let applicationMarkers = [
        "勾稽关系", "申请人情况", "本年新收政府信息公开申请", "上年结转政府信息公开申请", "本年度办理结果", "属于国家秘密",
        "不掌握相关政府信息", "补正后申请内容", "信访举报投诉", "结转下年度继续办理",
    ]

    init(outline: Outline) {
        let keys = outline.lines.map { TextNormalizer.key($0.text) }
        func isProse(_ key: String) -> Bool { key.contains("。") }
        let t2 = keys.firstIndex { $0.contains("第二十条第(") }
        let t3SearchFrom =
            t2 ?? outline.headings.indices.first { outline.headings[$0].ordinal == 3 || outline.headings[$0].kind == .applications }.map {
                outline.headingStarts[$0]
            } ?? 0
        let t3 = keys.indices.first { index in
            index >= t3SearchFrom && Self.applicationMarkers.contains { keys[index].contains($0) }
                && (!isProse(keys[index]) || keys[index].count > 300)
        }
        let t4SearchFrom = t3 ?? t2 ?? 0
        // Table 四 by its header: `行政复议` with `行政诉讼` or `维持` on its row, or a short `行政复议` cell over
        // the `结果维持…` header within the next lines (one cell per line, Markdown sub-tables).
        var t4 = keys.indices.first { index in
            guard index > t4SearchFrom, keys[index].contains("行政复议"), !isProse(keys[index]) else { return false }
            if keys[index].contains("行政诉讼") || keys[index].contains("维持") { return true }
            return keys[index].count <= 12 && keys[(index + 1)..<min(keys.count, index + 5)].contains { $0.contains("维持") }
        }
        if t4 == nil,
            let heading = outline.headings.indices.first(where: {
                (outline.headings[$0].ordinal ?? outline.headings[$0].kind?.rawValue) == 4
            })
        {
            t4 = outline.headingStarts[heading]
        }
        let end = outline.lines.count
        if let t2 {
            let stop = [t3, t4, outline.nextHeadingStart(after: t2, atLeast: 3)].compactMap { $0 }.filter { $0 > t2 }.min() ?? end
            disclosure = t2..<stop
        }
        if let t3 {
            let stop = [t4, outline.nextHeadingStart(after: t3, atLeast: 4)].compactMap { $0 }.filter { $0 > t3 }.min() ?? end
            applications = t3..<stop
        }
        if let t4 {
            let stop = outline.nextHeadingStart(after: t4, atLeast: 5) ?? end
            review = t4..<max(t4, stop)
        }
    }
}
