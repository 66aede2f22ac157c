/// The six mandatory top-level sections, in template order.
public enum SectionKind: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case overview = 1
    case proactive = 2
    case applications = 3
    case reviewLitigation = 4
    case problems = 5
    case other = 6

    public static func < (lhs: SectionKind, rhs: SectionKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The Chinese ordinal that must precede the heading (`一` … `六`).
    public var ordinal: String { ChineseNumeral.ordinals[rawValue - 1] }

    /// The exact heading of the official template, with its ordinal.
    public var templateHeading: String {
        switch self {
        case .overview: "一、总体情况"
        case .proactive: "二、主动公开政府信息情况"
        case .applications: "三、收到和处理政府信息公开申请情况"
        case .reviewLitigation: "四、政府信息公开行政复议、行政诉讼情况"
        case .problems: "五、存在的主要问题及改进情况"
        case .other: "六、其他需要报告的事项"
        }
    }

    /// A short English name for messages.
    public var englishName: String {
        switch self {
        case .overview: "overview"
        case .proactive: "proactive disclosure"
        case .applications: "applications received and handled"
        case .reviewLitigation: "administrative review and litigation"
        case .problems: "main problems and improvements"
        case .other: "other matters"
        }
    }

    /// Section number and heading, e.g. `三、收到和处理政府信息公开申请情况`.
    public var label: String { templateHeading }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Int.self)
        guard let kind = SectionKind(rawValue: value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "section \(value)"))
        }
        self = kind
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The three statistical tables of the report, named by the section that holds them.
public enum TableKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 表二: 主动公开政府信息情况.
    case proactive = "二"
    /// 表三: 收到和处理政府信息公开申请情况.
    case applications = "三"
    /// 表四: 政府信息公开行政复议、行政诉讼情况.
    case reviewLitigation = "四"

    public var section: SectionKind {
        switch self {
        case .proactive: .proactive
        case .applications: .applications
        case .reviewLitigation: .reviewLitigation
        }
    }
}

/// Which national format a report follows.
public enum FormatVersion: String, Sendable, Hashable, Codable, CaseIterable {
    /// 《…年度报告格式（试行）》, report years 2019 and 2020.
    case trial2019 = "2019"
    /// 国办公开办函〔2021〕30号, report years 2021 onward.
    case format2021 = "2021"

    /// The format the national rules require for report year `year`, or nil when none applies (≤ 2018).
    public static func required(forYear year: Int) -> FormatVersion? {
        if year >= 2021 { return .format2021 }
        if year >= 2019 { return .trial2019 }
        return nil
    }

    public var displayName: LocalizedText {
        switch self {
        case .trial2019: LocalizedText(zh: "2019年试行格式", en: "2019 trial format")
        case .format2021: LocalizedText(zh: "2021年格式", en: "2021 format")
        }
    }
}

/// A top-level heading as found in the source.
public struct SectionHeading: Sendable, Hashable {
    /// The section its text names (nil if the text matches no section).
    public var kind: SectionKind?
    /// The section its ordinal names (`三、` → 3), nil if it has none.
    public var ordinal: Int?
    /// The heading as printed, artifacts removed.
    public var text: String
    public var line: Int
    /// The heading level the source marks: leading `#` in Markdown, `<hN>` in a web page, a heading style
    /// or outline level in Word; 0 when the source marks none.
    public var markdownLevel: Int
    /// How the text was recognised as the heading of `kind`.
    public var wording: HeadingWording

    /// True when the text is the template wording (after normalisation), false for any other wording.
    public var isTemplateWording: Bool { wording == .template }
}

extension SectionHeading {
    /// A heading in the template wording (`true`) or a listed alias (`false`).
    public init(
        kind: SectionKind?, ordinal: Int?, text: String, line: Int, markdownLevel: Int, isTemplateWording: Bool
    ) {
        self.init(
            kind: kind, ordinal: ordinal, text: text, line: line, markdownLevel: markdownLevel,
            wording: isTemplateWording ? .template : .alias)
    }
}

/// How a heading's text was matched to its section (spec §3.2: by meaning, not by a list).
public enum HeadingWording: String, Sendable, Hashable, Codable {
    /// The template's own wording.
    case template
    /// A wording known from real reports (`一、政府信息公开总体情况`, `五、存在的主要问题及整改措施`).
    case alias
    /// One or two characters away from the template or a known wording (`行政法复议`, `改近情况`).
    case typo
    /// Another wording under the right ordinal, recognised by the section's key words (`五、…问题…`).
    case keywords
}

/// A paragraph of prose (not a table row), with the section it sits in.
public struct Paragraph: Sendable, Hashable {
    public var text: String
    public var line: Int
    public var section: SectionKind?
}

/// The report's title line(s).
public struct Title: Sendable, Hashable {
    /// The title as printed, joined when it spans lines.
    public var text: String
    public var line: Int
    /// The four-digit year in the title, if any.
    public var year: Int?
    /// The issuing unit (text before the year), if found.
    public var unit: String?
}

/// Text removed before validation because it came from extraction, not from the author.
public struct Artifact: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case bookmark
        case markdownSeparator
        case pageNumber
        case zeroWidth
        case markup
    }
    public var kind: Kind
    public var line: Int
    public var text: String
}

/// A phrase that identifies one format version.
public struct FormatMarker: Sendable, Hashable {
    public var version: FormatVersion
    public var text: String
    public var line: Int
}

/// How the source was laid out, as recognised by the reader.
public enum SourceLayout: String, Sendable, Hashable, Codable {
    case tabRows = "tab-rows"
    case cellPerLine = "cell-per-line"
    case markdown
    case plainColumns = "plain-columns"
    case glued
    case html
    /// Word's `word/document.xml`: a "line" is a paragraph or table row, numbered in document order.
    case docx
    case unknown
}

/// One line of source text with its 1-based line number in the decoded input.
///
/// Readers of containers (HTML, DOCX) produce these: a table row becomes one line of tab-separated
/// cells (merged cells repeated or left empty as the reader decides), a paragraph one line of text.
public struct SourceLine: Sendable, Hashable {
    public var number: Int
    public var text: String
    /// The heading level a container marks on this line (`<h2>` → 2, Word `Heading 1` → 1), 0 for none.
    public var headingLevel: Int

    public init(number: Int, text: String, headingLevel: Int = 0) {
        self.number = number
        self.text = text
        self.headingLevel = headingLevel
    }
}

/// Text that shows a local or provincial variation of the national template (e.g. `保留4位小数`, an extra row).
public struct TemplateVariation: Sendable, Hashable {
    public var text: String
    public var line: Int
    public var table: TableKind?
}
