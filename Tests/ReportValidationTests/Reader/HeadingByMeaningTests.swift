import Foundation
import Testing

@testable import ReportValidation

/// A heading line and how a reviewer reads it: the section, and how the wording was recognised.
struct HeadingCase: Sendable, CustomTestStringConvertible {
    var line: String
    var section: SectionKind
    var wording: HeadingWording
    /// What the variant stands for.
    var why: String
    var testDescription: String { line }
}

/// Headings recognised by ordinal, place and key words, with a typo tolerated (spec §3.2, refined).
@Suite struct HeadingByMeaningTests {
    static let cases: [HeadingCase] = [
        // Real typos and local variants (spec §3.2, issue 10).
        HeadingCase(line: "四、政府信息公开行政法复议、行政诉讼情况", section: .reviewLitigation, wording: .typo, why: "inserted 法 (corpus 004)"),
        HeadingCase(line: "五、存在的主要问题及改近情况", section: .problems, wording: .typo, why: "近 for 进"),
        HeadingCase(line: "五、存在的主要问题及整改措施", section: .problems, wording: .alias, why: "local 五 wording"),
        HeadingCase(line: "五、存在的主要问题及改进措施", section: .problems, wording: .alias, why: "local 五 wording"),
        HeadingCase(line: "五、存在的主要问题和改进情况", section: .problems, wording: .alias, why: "和 for 及"),
        HeadingCase(line: "五、存在的主要问题及明年工作计划", section: .problems, wording: .alias, why: "local 五 wording"),
        HeadingCase(line: "五、存在的主要问题及下一步工作打算", section: .problems, wording: .alias, why: "local 五 wording"),
        HeadingCase(line: "五、存在的主要问题及下一步工作计划", section: .problems, wording: .alias, why: "local 五 wording"),
        HeadingCase(line: "六、其它需要报告的事项", section: .other, wording: .alias, why: "其它 for 其他"),
        HeadingCase(line: "六、其他需要报告事项", section: .other, wording: .alias, why: "的 dropped"),
        // Made-up variants of the same classes, for every section.
        HeadingCase(line: "一、总休情况", section: .overview, wording: .typo, why: "休 for 体"),
        HeadingCase(line: "二、主动公开政府信患情况", section: .proactive, wording: .typo, why: "患 for 息"),
        HeadingCase(line: "三、收到和处理政府信息公开申请惰况", section: .applications, wording: .typo, why: "惰 for 情"),
        HeadingCase(line: "三、收到和处理政府公开申请情况", section: .applications, wording: .typo, why: "信息 dropped (two characters)"),
        HeadingCase(line: "四、政府信息公开行政复议、行政讼诉情况", section: .reviewLitigation, wording: .typo, why: "两字颠倒"),
        HeadingCase(line: "六、其他需要报告的事顶", section: .other, wording: .typo, why: "顶 for 项"),
        HeadingCase(line: "一、年度工作概况", section: .overview, wording: .keywords, why: "another 一 wording with 概况"),
        HeadingCase(line: "二、政府信息主动公开工作开展情况", section: .proactive, wording: .keywords, why: "another 二 wording"),
        HeadingCase(line: "三、政府信息依申请公开工作情况", section: .applications, wording: .keywords, why: "another 三 wording (corpus 010)"),
        HeadingCase(line: "四、行政复议和行政诉讼开展情况", section: .reviewLitigation, wording: .keywords, why: "another 四 wording"),
        HeadingCase(line: "五、主要问题和改进措施", section: .problems, wording: .keywords, why: "another 五 wording (corpus 010)"),
        HeadingCase(line: "五、存在的问题与不足及下一步打算", section: .problems, wording: .keywords, why: "another 五 wording"),
        HeadingCase(line: "六、其他需要说明的事项", section: .other, wording: .typo, why: "说明 for 报告"),
        HeadingCase(line: "## 六、其他应当报告的有关事项。", section: .other, wording: .keywords, why: "Markdown, trailing 。"),
    ]

    @Test(arguments: cases)
    func headingIsReadByMeaning(_ heading: HeadingCase) throws {
        let match = try #require(HeadingMatcher.match(heading.line, line: 1), "\(heading.why)")
        #expect(match.heading.kind == heading.section, "\(heading.why)")
        #expect(match.heading.wording == heading.wording, "\(heading.why)")
        #expect(match.remainder.isEmpty)
    }

    /// Sentences that start with an ordinal are prose, not headings.
    @Test(arguments: [
        "五、加强队伍建设，提升公开水平。",  // a numbered measure inside section 五
        "五、存在的问题主要是人员不足，工作经验欠缺。",  // 问题 in a sentence
        "五、存在的主要问题及改进情况，我们将在下一年度逐步解决。",  // the template words continued as prose
        "四、复议案件办理情况良好，全年无纠错。",  // 复议 in a sentence
        "三、申请人2人",  // digits: a table fragment
        "六、其他",  // a bare table label
    ])
    func sentenceStartingWithAnOrdinalIsNoHeading(_ line: String) {
        #expect(HeadingMatcher.match(line, line: 1) == nil)
    }

    /// Sub-topics of section 一 numbered 一、二、… are not taken for the sections their key words resemble,
    /// and no section is matched by two headings.
    @Test func subTopicsAndSecondCandidatesDoNotStandForSections() {
        let lines = [
            "某某镇2023年政府信息公开工作年度报告", "一、总体情况", "二、主动公开情况",  // a sub-topic: 二 comes again below
            "正文。", "二、主动公开政府信息情况", "正文。", "三、收到和处理政府信息公开申请情况", "正文。",
            "四、政府信息公开行政复议、行政诉讼情况", "正文。", "五、存在问题及整改方向", "正文。",
            "五、问题整改落实情况",  // a second reading of 五 by key words: one heading per section
            "正文。", "六、其他需要报告的事项", "本年度未收取信息处理费。",
        ].enumerated().map { SourceLine(number: $0.offset + 1, text: $0.element) }
        let outline = Outline(lines: lines)
        #expect(outline.headings.map(\.line) == [2, 5, 7, 9, 11, 15])
        #expect(outline.headings.compactMap(\.kind) == SectionKind.allCases)
    }

    /// A typo heading out of its place (before 三) is not taken for 五.
    @Test func headingReadByMeaningMustStandInItsPlace() {
        let lines = ["一、总体情况", "五、存在的主要问题及改近情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
            .enumerated().map { SourceLine(number: $0.offset + 1, text: $0.element) }
        #expect(Outline(lines: lines).headings.map(\.line) == [1, 3, 4])
    }

    @Test func struct006NamesTheTemplateWordingOfATypo() throws {
        var document = DocumentBuilder.consistent()
        document.headings[3] = SectionHeading(
            kind: .reviewLitigation, ordinal: 4, text: "四、政府信息公开行政法复议、行政诉讼情况", line: 40, markdownLevel: 0,
            wording: .typo)
        let found = try #require(ruleFindings("STRUCT-006", in: document).first)
        #expect(found.severity == .warning)
        #expect(found.message.zh.contains("四、政府信息公开行政复议、行政诉讼情况"))
        #expect(ruleFindings("STRUCT-003", in: document).isEmpty)
    }
}

@Suite(.enabled(if: Corpus.available, "../shared/corpus is absent (a user's clone): corpus tests skipped"))
struct HeadingByMeaningCorpusTests {
    /// 004 writes `四、政府信息公开行政法复议、行政诉讼情况`: all six sections and table 四 are read, the typo warns.
    @Test func typoInHeading4KeepsItsSectionAndTable() throws {
        let document = try Corpus.document("004_pingtan_2022.txt")
        #expect(document.headings.compactMap(\.kind) == SectionKind.allCases)
        #expect(document.headings[3].wording == .typo)
        #expect(document.reviewTable?.isWellFormed == true)
        let result = try Corpus.result("004_pingtan_2022.txt")
        let codes = Set(result.findings.map(\.code))
        #expect(!codes.contains("STRUCT-003") && !codes.contains("T4-STRUCT-001"))
        #expect(codes.contains("STRUCT-006"))
        #expect(result.verdict == .accepted, "\(result.errors.map(\.code))")
    }

    /// Section 五 and 六 in the wild: every corpus report in the national format reads all six sections
    /// where its text has them.
    @Test func localWordingsOf5AreReadInTheCorpus() throws {
        for name in ["014_shuyang_fgj_2023.html", "022_pingtan_htp_2023.html", "023_pingtan_jjp_2024.txt"] {
            let document = try Corpus.document(name)
            #expect(document.headings.compactMap(\.kind).contains(.problems), "\(name)")
        }
    }
}

/// Tables found by their own content when their heading is missing or garbled (issue 10, item 2).
@Suite struct TableWithoutHeadingTests {
    /// Seed 000 with one heading removed, or garbled beyond recognition (made-up variants): the table is still
    /// read from its header cells and row labels, and STRUCT-003 says the heading, not the table, is missing.
    @Test(
        arguments: [
            ("二、主动公开政府信息情况", TableKind.proactive), ("三、收到和处理政府信息公开申请情况", .applications),
            ("四、政府信息公开行政复议、行政诉讼情况", .reviewLitigation),
        ], ["", "X、政府信息公开有关内容"])
    func tableIsFoundWithoutItsHeading(_ target: (String, TableKind), _ replacement: String) throws {
        let (heading, table) = target
        let text = try Seeds.text("000_e80fb3b6824ca3a9.txt")
        let range = try #require(text.range(of: heading))
        let document = ReportReader.read(text.replacingCharacters(in: range, with: replacement), format: .text)
        let line: Int?
        switch table {
        case .proactive: line = document.disclosureTable?.line
        case .applications: line = document.applicationTable?.line
        case .reviewLitigation: line = document.reviewTable?.line
        }
        let tableLine = try #require(line, "table \(table.rawValue) lost with its heading")
        let found = try #require(ruleFindings("STRUCT-003", in: document).first)
        #expect(found.location.line == tableLine)
        #expect(found.message.zh.contains("按表格内容"))
        #expect(ruleFindings("T2-001", in: document).isEmpty && ruleFindings("T3-STRUCT-001", in: document).isEmpty)
        #expect(ruleFindings("T4-STRUCT-001", in: document).isEmpty)
        let arithmetic = Validator().validate(document, currentYear: 2026).errors.filter { $0.code.rawValue.contains("SUM") }
        #expect(arithmetic.isEmpty)
    }

    /// A heading that is there but unrecognisable (its ordinal kept, its words not the section's) is named as
    /// garbled, with the text found; a heading that is simply gone is named as missing.
    @Test(arguments: [
        ("二、主动公开政府信息情况", SectionKind.proactive), ("三、收到和处理政府信息公开申请情况", .applications),
        ("四、政府信息公开行政复议、行政诉讼情况", .reviewLitigation),
    ])
    func garbledHeadingIsToldFromAMissingOne(_ heading: String, _ section: SectionKind) throws {
        let text = try Seeds.text("000_e80fb3b6824ca3a9.txt")
        let range = try #require(text.range(of: heading))
        let garbled = section.ordinal + "、有关数据如下"
        let withGarbled = ReportReader.read(text.replacingCharacters(in: range, with: garbled), format: .text)
        let named = try #require(ruleFindings("STRUCT-003", in: withGarbled).first)
        #expect(named.message.zh.contains("“\(garbled)”无法辨认") && named.evidence == garbled)
        #expect(named.message.en.contains("“\(garbled)” is not recognisable"))
        let withoutIt = ReportReader.read(text.replacingCharacters(in: range, with: ""), format: .text)
        let missing = try #require(ruleFindings("STRUCT-003", in: withoutIt).first)
        #expect(missing.message.zh.contains("没有标题") && !missing.message.zh.contains("无法辨认"))
    }
}
