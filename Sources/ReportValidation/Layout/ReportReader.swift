/// Reads decoded report text into a `ReportDocument`: artifacts removed, glued crawler lines split at
/// their headings, sections found, title and year read, and the three tables read from their regions.
public enum ReportReader {
    public static func read(_ text: String, format: SourceFormat) -> ReportDocument {
        if format == .html {
            return read(lines: HTMLReader.lines(HTMLReader.extractEmbeddedHTML(text) ?? text), container: .html)
        }
        let raw = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            SourceLine(number: $0.offset + 1, text: String($0.element))
        }
        return read(lines: raw, container: nil)
    }

    /// Reads the lines a container reader produced (`container` is its layout: `.html`, `.docx`), or
    /// plain text lines (`container` nil: the layout is then found from the tables).
    public static func read(lines raw: [SourceLine], container: SourceLayout?) -> ReportDocument {
        var document = ReportDocument(sourceLines: raw.map(\.text), layout: container ?? .unknown)
        var artifacts: [Artifact] = []
        let cleaned = LineCleaner.clean(raw, artifacts: &artifacts)
        document.artifacts = artifacts
        let outline = Outline(lines: unglue(cleaned))
        document.headings = outline.headings
        document.title = TitleFinder.title(in: outline.lines, before: outline.firstHeadingIndex)
        document.sectionLines = outline.sectionLineRanges()

        let regions = TableRegions(outline: outline)
        var layouts: [SourceLayout] = []
        if let range = regions.disclosure {
            let (rows, layout) = RowTokenizer.rows(Array(outline.lines[range]))
            layouts.append(layout)
            document.disclosureTable = DisclosureTableReader.read(rows)
            document.disclosureTable?.foundIn = outline.section(at: range.lowerBound)
        }
        if let range = regions.applications {
            let (rows, layout) = RowTokenizer.rows(Array(outline.lines[range]))
            layouts.append(layout)
            document.applicationTable = ApplicationTableReader.read(rows)
        }
        if let range = regions.review {
            let (rows, layout) = RowTokenizer.rows(Array(outline.lines[range]))
            layouts.append(layout)
            document.reviewTable = ReviewTableReader.read(rows)
        }
        if container == nil {
            document.layout = dominantLayout(layouts)
        }
        let headed = Set(outline.headings.compactMap(\.kind))
        for (section, range) in [
            (SectionKind.proactive, regions.disclosure), (.applications, regions.applications),
            (.reviewLitigation, regions.review),
        ]
        where !headed.contains(section) {
            if let start = range?.lowerBound, let text = unrecognisedHeading(section, before: start, in: outline.lines) {
                document.unrecognisedHeadings[section] = text
            }
        }
        document.paragraphs = Paragraphs.collect(outline: outline, tableRanges: regions.all)
        if container == .html, let title = document.title {
            // A web page's text before the title is site navigation, not the author's prose.
            document.paragraphs.removeAll { $0.line < title.line && $0.section == nil }
        }
        document.year = document.title?.year ?? YearFinder.mostFrequentYear(in: document.text(of: .overview))
        document.formatMarkers = FormatMarkerFinder.find(in: outline.lines, applicationTable: document.applicationTable)
        document.templateVariations = FormatMarkerFinder.variations(in: document)
        return document
    }

    /// Splits long lines without tabs where a numbered section heading or a table's header starts mid-line
    /// (crawler text): a table under a missing or garbled heading then starts a line of its own.
    static func unglue(_ lines: [SourceLine]) -> [SourceLine] {
        var out: [SourceLine] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            guard line.text.utf8.count > 240, !line.text.contains("\t") else {
                out.append(line)
                continue
            }
            let starts = Set(HeadingMatcher.inlineHeadingStarts(line.text) + GluedTableStarts.starts(line.text)).sorted()
            guard !starts.isEmpty else {
                out.append(line)
                continue
            }
            var previous = line.text.startIndex
            for start in starts where start > previous {
                out.append(SourceLine(number: line.number, text: String(line.text[previous..<start])))
                previous = start
            }
            out.append(SourceLine(number: line.number, text: String(line.text[previous...])))
        }
        return out
    }

    /// The text from the section's ordinal (`三、`) to the table start, when it stands in the last 40
    /// characters of the lines just above the table (its own line in a layout, the glued text before it).
    static func unrecognisedHeading(_ section: SectionKind, before start: Int, in lines: [SourceLine]) -> String? {
        let above = lines[max(0, start - 2)..<start].map(\.text).joined(separator: "\n")
        let tail = String(above.suffix(40))
        guard let ordinal = tail.ranges(of: section.ordinal + "、").last else { return nil }
        let text = tail[ordinal.lowerBound...].split(separator: "\n").first.map(String.init) ?? ""
        let trimmed = TextNormalizer.trim(text)
        return trimmed.count > 2 ? trimmed : nil
    }

    static func dominantLayout(_ layouts: [SourceLayout]) -> SourceLayout {
        let known = layouts.filter { $0 != .unknown }
        if known.contains(.glued) { return .glued }
        var counts: [SourceLayout: Int] = [:]
        for layout in known { counts[layout, default: 0] += 1 }
        return counts.max { $0.value < $1.value }?.key ?? .unknown
    }
}
