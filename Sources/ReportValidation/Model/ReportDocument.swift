/// Everything the reader recognised in one report: the input of every rule.
public struct ReportDocument: Sendable {
    /// Decoded source lines, 1-based by index + 1, artifacts not yet removed.
    public var sourceLines: [String]
    public var layout: SourceLayout
    public var title: Title?
    /// The report year: the title's, else the year most used as reporting year in section 一.
    public var year: Int?
    public var headings: [SectionHeading]
    /// Body line ranges (1-based, half-open) of the sections found, by kind.
    public var sectionLines: [SectionKind: Range<Int>]
    public var paragraphs: [Paragraph]
    public var disclosureTable: DisclosureTable?
    public var applicationTable: ApplicationTable?
    public var reviewTable: ReviewTable?
    public var formatMarkers: [FormatMarker]
    public var artifacts: [Artifact]
    /// Local template variations tolerated (FMT-005).
    public var templateVariations: [TemplateVariation]
    /// Set when the input could not be read as a report at all (binary, undecodable, empty…).
    public var inputProblem: InputProblem?
    /// For a table found by its content without its heading: the text with the section's ordinal that stood
    /// just above it (`三、有关数据如下`), i.e. a heading that is there but garbled rather than missing.
    public var unrecognisedHeadings: [SectionKind: String] = [:]

    public init(sourceLines: [String], layout: SourceLayout) {
        self.sourceLines = sourceLines
        self.layout = layout
        self.title = nil
        self.year = nil
        self.headings = []
        self.sectionLines = [:]
        self.paragraphs = []
        self.disclosureTable = nil
        self.applicationTable = nil
        self.reviewTable = nil
        self.formatMarkers = []
        self.artifacts = []
        self.templateVariations = []
        self.inputProblem = nil
    }

    /// A document that holds nothing but the reason its input could not be read.
    public init(problem: InputProblem) {
        self.init(sourceLines: [], layout: .unknown)
        self.inputProblem = problem
    }

    /// The format the report's own markers point to: the only one present, or nil when none or both are.
    public var detectedFormat: FormatVersion? {
        let versions = Set(formatMarkers.map(\.version))
        return versions.count == 1 ? versions.first : nil
    }

    /// The format the report is judged against: the year's, else the detected one.
    public var effectiveFormat: FormatVersion {
        if let year, let required = FormatVersion.required(forYear: year) { return required }
        return detectedFormat ?? .format2021
    }

    /// The prose of one section, in order.
    public func paragraphs(in section: SectionKind) -> [Paragraph] {
        paragraphs.filter { $0.section == section }
    }

    /// The prose of one section joined into one string (paragraphs separated by newlines).
    public func text(of section: SectionKind) -> String {
        paragraphs(in: section).map(\.text).joined(separator: "\n")
    }

    /// The first heading found for `kind`.
    public func heading(_ kind: SectionKind) -> SectionHeading? {
        headings.first { $0.kind == kind }
    }
}
