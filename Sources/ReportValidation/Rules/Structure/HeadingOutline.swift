/// The top-level headings as the structure rules see them: the section each one stands for, and where
/// the numbering is shifted as a whole (spec §3.2).
struct HeadingOutline: Sendable {
    /// A run of consecutive headings whose ordinals are all off by the same amount from their text
    /// (e.g. `一、主动公开…` … `五、其他需要报告的事项`): the numbering slipped, the texts are right.
    struct Shift: Sendable {
        var headings: [SectionHeading]
        /// ordinal − section named by the text.
        var offset: Int
    }

    let headings: [SectionHeading]
    let shifts: [Shift]
    /// Indexes (into `headings`) of the headings that belong to a shift.
    let shiftedIndexes: Set<Int>

    init(_ headings: [SectionHeading]) {
        self.headings = headings
        var shifts: [Shift] = []
        var shifted: Set<Int> = []
        var run: [(index: Int, heading: SectionHeading)] = []
        var runOffset = 0
        func close() {
            if run.count >= 2 && runOffset != 0 {
                shifts.append(Shift(headings: run.map(\.heading), offset: runOffset))
                shifted.formUnion(run.map(\.index))
            }
            run = []
        }
        for (index, heading) in headings.enumerated() {
            guard let ordinal = heading.ordinal, let kind = heading.kind else { continue }
            let offset = ordinal - kind.rawValue
            if offset != runOffset || offset == 0 { close() }
            runOffset = offset
            if offset != 0 { run.append((index, heading)) }
        }
        close()
        self.shifts = shifts
        self.shiftedIndexes = shifted
    }

    /// The section heading `index` stands for: the one its ordinal names, else the one its text names;
    /// inside a shift, the text's (the numbering is known to be off there).
    func section(at index: Int) -> SectionKind? {
        let heading = headings[index]
        if shiftedIndexes.contains(index) { return heading.kind }
        if let ordinal = heading.ordinal { return SectionKind(rawValue: ordinal) }
        return heading.kind
    }

    /// Sections that some heading stands for.
    var presentSections: Set<SectionKind> {
        Set(headings.indices.compactMap(section(at:)))
    }

    /// The first heading standing for each present section, in section order.
    var topLevel: [(section: SectionKind, heading: SectionHeading)] {
        var first: [SectionKind: SectionHeading] = [:]
        for index in headings.indices {
            if let section = section(at: index), first[section] == nil { first[section] = headings[index] }
        }
        return SectionKind.allCases.compactMap { kind in first[kind].map { (kind, $0) } }
    }

    /// Headings whose ordinal names another section than their text, outside any shift.
    var mismatches: [(ordinalSection: SectionKind?, heading: SectionHeading)] {
        headings.enumerated().compactMap { index, heading in
            guard !shiftedIndexes.contains(index), let ordinal = heading.ordinal, let kind = heading.kind,
                ordinal != kind.rawValue
            else { return nil }
            return (SectionKind(rawValue: ordinal), heading)
        }
    }

    /// The heading a source line falls under: the last one before it.
    func governingHeading(ofLine line: Int) -> (index: Int, heading: SectionHeading)? {
        headings.enumerated().last { $0.element.line < line }.map { ($0.offset, $0.element) }
    }

    /// True when heading `index` stands for `section` by its ordinal or by its text.
    func heading(_ index: Int, names section: SectionKind) -> Bool {
        let heading = headings[index]
        return heading.ordinal == section.rawValue || heading.kind == section || self.section(at: index) == section
    }
}

extension SectionHeading {
    /// The ordinal as printed (`二`), or `?` when there is none.
    var ordinalText: String {
        guard let ordinal, (1...ChineseNumeral.ordinals.count).contains(ordinal) else {
            return ordinal.map(String.init) ?? "?"
        }
        return ChineseNumeral.ordinals[ordinal - 1]
    }
}
