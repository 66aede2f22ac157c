/// STRUCT-005's reasoning: each top-level section once, in template order, numbered from 一 without
/// restarting, and not shifted as a whole (spec §3.2).
enum HeadingOrderCheck {
    static func violations(_ outline: HeadingOutline) -> [Violation] {
        shiftViolations(outline) + sequenceViolations(outline)
    }

    /// One finding per run of headings whose numbering is off by the same amount.
    private static func shiftViolations(_ outline: HeadingOutline) -> [Violation] {
        outline.shifts.map { shift in
            let first = shift.headings[0]
            let pairs = shift.headings.map { "\($0.ordinalText)→\($0.kind!.ordinal)" }.joined(separator: ", ")
            let amount = abs(shift.offset)
            let zhWay = shift.offset < 0 ? "少" : "多"
            let enWay = shift.offset < 0 ? "behind" : "ahead"
            return Violation(
                zh: "自“\(first.text)”起，一级标题编号整体错位（比标题文字对应的序号\(zhWay)\(amount)）",
                en:
                    "From “\(first.text)” on, the top-level numbering is shifted \(amount) \(enWay) "
                    + "of the headings' texts",
                at: Location(line: first.line, section: first.kind), evidence: pairs)
        }
    }

    /// Duplicates, restarts and out-of-order headings, one finding per offending heading.
    private static func sequenceViolations(_ outline: HeadingOutline) -> [Violation] {
        var seen: [SectionKind: SectionHeading] = [:]
        var latest: (section: SectionKind, heading: SectionHeading)? = nil
        var highestOrdinal = 0
        var found: [Violation] = []
        for (index, heading) in outline.headings.enumerated() {
            guard let section = outline.section(at: index) else { continue }
            let location = Location(line: heading.line, section: section)
            if heading.ordinal == 1, highestOrdinal > 1 {
                found.append(
                    Violation(
                        zh: "一级标题编号在“\(heading.text)”处重新从“一”开始（正文中混入了另一套一级编号）",
                        en: "Top-level numbering restarts at 一 with “\(heading.text)” (a second numbering system)",
                        at: location, evidence: "\(heading.text) @ \(heading.line) after ordinal \(highestOrdinal)"))
            } else if let earlier = seen[section] {
                found.append(
                    Violation(
                        zh: "一级标题重复：“\(heading.text)”与第\(earlier.line)行“\(earlier.text)”同为第\(section.ordinal)部分",
                        en: "Duplicate heading: “\(heading.text)” repeats section \(section.ordinal), "
                            + "already headed on line \(earlier.line)",
                        at: location, evidence: "\(earlier.text) @ \(earlier.line); \(heading.text) @ \(heading.line)"))
            } else if let latest, section < latest.section {
                found.append(
                    Violation(
                        zh: "一级标题顺序错误：第\(section.ordinal)部分“\(heading.text)”出现在第\(latest.section.ordinal)部分"
                            + "“\(latest.heading.text)”之后",
                        en: "Heading out of order: section \(section.ordinal) “\(heading.text)” comes after section "
                            + "\(latest.section.ordinal)",
                        at: location,
                        evidence: "\(latest.heading.text) @ \(latest.heading.line); \(heading.text) @ \(heading.line)"))
            }
            if seen[section] == nil { seen[section] = heading }
            if latest == nil || section > latest!.section { latest = (section, heading) }
            highestOrdinal = max(highestOrdinal, heading.ordinal ?? 0)
        }
        return found
    }
}
