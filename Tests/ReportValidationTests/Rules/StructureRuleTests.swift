import Testing

@testable import ReportValidation

@Suite struct ConsistentDocumentRuleTests {
    @Test(arguments: builtRuleCodes, [2020, 2021, 2024])
    func consistentReportRaisesNoFinding(code: RuleCode, year: Int) {
        #expect(ruleFindings(code, in: DocumentBuilder.consistent(year: year)).isEmpty)
    }

    @Test(arguments: builtRuleCodes)
    func unreadableInputRaisesNoContentFinding(code: RuleCode) {
        #expect(ruleFindings(code, in: ReportDocument(problem: .empty)).isEmpty)
    }
}

@Suite struct StructureRuleTests {
    @Test func missingTitleAndYearIsAnError() throws {
        var document = DocumentBuilder.consistent()
        document.title = nil
        document.year = nil
        let found = try #require(ruleFindings("STRUCT-001", in: document).first)
        #expect(found.severity == .error)
        #expect(ruleFindings("STRUCT-001", in: document).count == 1)
    }

    @Test func titleWithoutYearIsAnErrorWhenNoYearIsFound() throws {
        var document = DocumentBuilder.consistent()
        document.title = Title(text: "某某镇政府信息公开工作年度报告", line: 2, year: nil, unit: nil)
        document.year = nil
        let found = try #require(ruleFindings("STRUCT-001", in: document).first)
        #expect(found.location.line == 2)
        #expect(found.evidence == "某某镇政府信息公开工作年度报告")
    }

    @Test func yearFromTheTextSatisfiesStruct001WhenTheTitleHasNone() {
        var document = DocumentBuilder.consistent()
        document.title = Title(text: "某某镇政府信息公开工作年度报告", line: 2, year: nil, unit: nil)
        #expect(ruleFindings("STRUCT-001", in: document).isEmpty)
    }

    @Test func titleWithout年度IsAWarningNamingTheMissingWord() throws {
        var document = DocumentBuilder.consistent(year: 2020)
        document.title = Title(text: "新青镇 2020 年政府信息公开工作报告", line: 3, year: 2020, unit: "新青镇")
        let found = try #require(ruleFindings("STRUCT-002", in: document).first)
        #expect(found.severity == .warning)
        #expect(found.location.line == 3)
        #expect(found.message.zh.contains("年度"))
        #expect(found.evidence?.hasPrefix("新青镇2020年政府信息公开工作报告 ≠") == true)
    }

    @Test(arguments: [
        "大竹县妈妈镇 2021 年政府信息公开工作 年度报告", "# 温县人民政府办公室2021年政府信息公开工作年度报告",
        "王村镇人民政府\n2022年政府信息公开工作年度报告",
    ])
    func titleSpacesLineBreaksAndMarkdownAreNotDeviations(title: String) {
        var document = DocumentBuilder.consistent()
        document.title = Title(text: title, line: 1, year: 2021, unit: nil)
        #expect(ruleFindings("STRUCT-002", in: document).isEmpty)
    }

    @Test func titleWithoutUnitIsADeviation() {
        #expect(TitleShape("2021年政府信息公开工作年度报告").deviation == .missingUnit)
        #expect(TitleShape("某局2021年度政府信息公开工作报告").deviation == .otherWording)
        #expect(TitleShape("某局政府信息公开工作年度报告").deviation == .missingYear)
    }

    @Test func missingSectionsGiveOneErrorEach() {
        // Seed 002: 一, 二 (text of 六), 三, 四 — 五 and 六 missing.
        var document = DocumentBuilder.consistent(year: 2020)
        document.headings = [
            DocumentBuilder.heading(.overview),
            DocumentBuilder.heading(.other, ordinal: 2, text: "二、其他需要报告的事项", line: 10),
            DocumentBuilder.heading(.applications), DocumentBuilder.heading(.reviewLitigation),
        ]
        let found = ruleFindings("STRUCT-003", in: document)
        #expect(found.map(\.location.section) == [.problems, .other])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(found[0].evidence?.contains("二、其他需要报告的事项 @ 10") == true)
    }

    @Test func unnumberedHeadingCountsByItsText() {
        var document = DocumentBuilder.consistent()
        document.headings[2] = DocumentBuilder.heading(.applications, ordinal: nil, text: "收到和处理政府信息公开申请情况")
        #expect(ruleFindings("STRUCT-003", in: document).isEmpty)
    }

    @Test func ordinalDisagreeingWithTextIsAnError() throws {
        var document = DocumentBuilder.consistent(year: 2020)
        document.headings[1] = DocumentBuilder.heading(.other, ordinal: 2, text: "二、其他需要报告的事项", line: 10)
        document.headings.removeLast()
        let found = ruleFindings("STRUCT-004", in: document)
        // The table-二 block under it is where section 二 is: one finding, for the heading.
        #expect(found.count == 1)
        let first = try #require(found.first)
        #expect(first.severity == .error)
        #expect(first.location.line == 10)
        #expect(first.location.section == .proactive)
        #expect(first.evidence == "二、 ↔ 六、其他需要报告的事项")
    }

    @Test func tableUnderAnotherSectionIsAnError() throws {
        var document = DocumentBuilder.consistent()
        document.reviewTable = ReviewTable(
            line: 75, headerFound: true, cells: DocumentBuilder.cells(DocumentBuilder.reviewValues, line: 76))
        let found = try #require(ruleFindings("STRUCT-004", in: document).first)
        #expect(found.location.table == .reviewLitigation)
        #expect(found.location.line == 75)
        #expect(found.message.zh.contains("五、存在的主要问题及改进情况"))
    }

    @Test func reportedSectionIsUsedWhenNoHeadingPrecedesTheTable() throws {
        var document = DocumentBuilder.consistent()
        document.disclosureTable!.line = 2
        document.disclosureTable!.foundIn = .overview
        let found = try #require(ruleFindings("STRUCT-004", in: document).first)
        #expect(found.location.table == .proactive)
    }

    @Test func tableOfAMissingSectionIsNotCalledMisplaced() {
        // Seed 001: heading 三 lost, its table remains under 二.
        var document = DocumentBuilder.consistent()
        document.headings.remove(at: 2)
        #expect(ruleFindings("STRUCT-004", in: document).isEmpty)
    }

    @Test func duplicatedHeadingIsAnError() throws {
        var document = DocumentBuilder.consistent()
        document.headings.insert(DocumentBuilder.heading(.proactive, line: 50), at: 3)
        let found = try #require(ruleFindings("STRUCT-005", in: document).first)
        #expect(found.location.line == 50)
        #expect(found.location.section == .proactive)
        #expect(found.evidence == "二、主动公开政府信息情况 @ 10; 二、主动公开政府信息情况 @ 50")
    }

    @Test func headingsOutOfOrderAreAnError() throws {
        var document = DocumentBuilder.consistent()
        document.headings.swapAt(3, 4)
        let found = try #require(ruleFindings("STRUCT-005", in: document).first)
        #expect(found.location.section == .reviewLitigation)
        #expect(found.message.en.contains("out of order"))
    }

    @Test func restartedNumberingIsAnError() throws {
        var document = DocumentBuilder.consistent()
        document.headings.insert(DocumentBuilder.heading(nil, ordinal: 1, text: "一、主动公开", line: 12), at: 2)
        let found = try #require(ruleFindings("STRUCT-005", in: document).first)
        #expect(found.location.line == 12)
        #expect(found.message.en.contains("restarts"))
    }

    @Test func secondHalfShiftedByOneIsOneFindingAndNoMismatch() throws {
        var document = DocumentBuilder.consistent()
        document.headings = [
            DocumentBuilder.heading(.overview),
            DocumentBuilder.heading(.applications, ordinal: 2, text: "二、收到和处理政府信息公开申请情况"),
            DocumentBuilder.heading(.reviewLitigation, ordinal: 3, text: "三、政府信息公开行政复议、行政诉讼情况"),
            DocumentBuilder.heading(.problems, ordinal: 4, text: "四、存在的主要问题及改进情况"),
            DocumentBuilder.heading(.other, ordinal: 5, text: "五、其他需要报告的事项"),
        ]
        let found = ruleFindings("STRUCT-005", in: document)
        #expect(found.count == 1)
        #expect(found.first?.evidence == "二→三, 三→四, 四→五, 五→六")
        #expect(ruleFindings("STRUCT-004", in: document).isEmpty)
        // With the numbering known to be shifted, the texts say what is missing: 二.
        #expect(ruleFindings("STRUCT-003", in: document).map(\.location.section) == [.proactive])
    }

    @Test func aliasHeadingIsAWarning() throws {
        var document = DocumentBuilder.consistent()
        document.headings[0] = DocumentBuilder.heading(.overview, text: "一、政府信息公开总体情况", template: false)
        let found = try #require(ruleFindings("STRUCT-006", in: document).first)
        #expect(found.severity == .warning)
        #expect(found.location.section == .overview)
        #expect(found.evidence == "一、政府信息公开总体情况 → 一、总体情况")
    }

    @Test func differingMarkdownLevelsAreOneWarning() throws {
        // Seed 003: 三 and 四 at ###, the others at ##.
        var document = DocumentBuilder.consistent()
        document.headings = SectionKind.allCases.map {
            DocumentBuilder.heading($0, level: [.applications, .reviewLitigation].contains($0) ? 3 : 2)
        }
        let found = ruleFindings("STRUCT-007", in: document)
        #expect(found.count == 1)
        #expect(found.first?.location.section == .applications)
        #expect(found.first?.evidence == "## 一、二、五、六; ### 三、四")
    }

    @Test func equalMarkdownLevelsAreFine() {
        var document = DocumentBuilder.consistent()
        document.headings = SectionKind.allCases.map { DocumentBuilder.heading($0, level: 2) }
        #expect(ruleFindings("STRUCT-007", in: document).isEmpty)
    }

    @Test func strippedArtifactsAreOneWarningListingKindsAndLines() throws {
        var document = DocumentBuilder.consistent()
        document.artifacts = [
            Artifact(kind: .bookmark, line: 70, text: "[bookmark: _GoBack]"),
            Artifact(kind: .markdownSeparator, line: 63, text: "---"),
            Artifact(kind: .markdownSeparator, line: 64, text: "---"),
        ]
        let found = ruleFindings("STRUCT-008", in: document)
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
        // The removed text itself, which the clerk can search for; never an internal name.
        #expect(found.first?.evidence == "“---” @ 63, 64; “[bookmark: _GoBack]” @ 70")
    }
}
