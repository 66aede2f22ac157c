import Testing

@testable import ReportValidation

@Suite struct DisclosureRuleTests {
    @Test func missingTable二IsOneError() throws {
        var document = DocumentBuilder.consistent()
        document.disclosureTable = nil
        let found = ruleFindings("T2-001", in: document)
        #expect(found.count == 1)
        #expect(found.first?.severity == .error)
        #expect(found.first?.location == Location(section: .proactive, table: .proactive))
    }

    @Test func missingBlockIsAnErrorNamingItsCaption() throws {
        var document = DocumentBuilder.consistent()
        document.disclosureTable!.blocks[.six] = nil
        let found = try #require(ruleFindings("T2-001", in: document).first)
        #expect(found.location.row == "第二十条第（六）项")
        #expect(found.location.line == 11)
    }

    @Test func block九IsRequiredOnlyInTheTrialFormat() {
        var trial = DocumentBuilder.consistent(year: 2020)
        trial.disclosureTable!.blocks[.nine] = nil
        #expect(ruleFindings("T2-001", in: trial).map(\.location.row) == ["第二十条第（九）项"])
    }

    @Test func missingRowIsAnErrorNamingTheRow() throws {
        var document = DocumentBuilder.consistent()
        document.disclosureTable!.blocks[.six]!.rows.removeLast()
        let found = try #require(ruleFindings("T2-002", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.row == "行政强制")
        #expect(found.evidence == "第二十条第（六）项: 行政处罚")
    }

    @Test func blockWithNoRowsLacksEveryRequiredRow() {
        // Seed 001: the （一） block's header survived, its rows did not.
        var document = DocumentBuilder.consistent()
        document.disclosureTable!.blocks[.one]!.rows = []
        let found = ruleFindings("T2-002", in: document)
        #expect(found.map(\.location.row) == ["规章", "行政规范性文件"])
        #expect(found.first?.evidence == "第二十条第（一）项: —")
    }

    @Test func rowsAreMatchedByKeywordDespiteLocalNotes() {
        var document = DocumentBuilder.consistent()
        document.disclosureTable!.blocks[.one]!.rows[0].label = "规章(设区的市、自治州人民政府应提供相关数据)"
        #expect(ruleFindings("T2-002", in: document).isEmpty)
    }

    @Test func blankAndShortRowsAreAWarningNamingColumnsAndBlockedChecks() throws {
        var document = DocumentBuilder.consistent()
        document.setDisclosureRow(.one, 0, ["/", "0"])
        let found = ruleFindings("T2-003", in: document)
        #expect(found.count == 1)
        let first = try #require(found.first)
        #expect(first.severity == .warning)
        #expect(first.location.row == "规章")
        #expect(first.location.column == "本年制发件数、现行有效件数")
        #expect(first.evidence == "本年制发件数 = “/”, 现行有效件数 = 空白")
        #expect(first.message.en.contains("cannot be checked: 规章 现行有效件数 ≥ 本年制发件数 − 本年废止件数"))
        #expect(!first.message.en.contains("T2-007") && !first.message.zh.contains("T2-007"), "codes are labels, not prose")
        // Not read as 0: the stock identity is not judged at all.
        #expect(ruleFindings("T2-007", in: document).isEmpty)
    }

    @Test func trailingPaddingOfOneValueBlocksIsNotBlank() {
        var document = DocumentBuilder.consistent()
        document.setDisclosureRow(.five, 0, ["212"])
        #expect(ruleFindings("T2-003", in: document).isEmpty)
    }

    @Test(arguments: ["12件", "-3", "1.5"])
    func countThatIsNotANonNegativeIntegerIsAnError(raw: String) throws {
        var document = DocumentBuilder.consistent()
        document.setDisclosureRow(.six, 1, [raw])
        let found = try #require(ruleFindings("T2-004", in: document).first)
        #expect(found.location.row == "行政强制")
        #expect(found.location.column == "本年处理决定数量")
        #expect(found.evidence == "本年处理决定数量 = \(raw)")
    }

    @Test func signedChangeIsAllowedOnlyInTheTrialChangeColumn() {
        var trial = DocumentBuilder.consistent(year: 2020)
        trial.setDisclosureRow(.five, 0, ["3", "-2", "1"])
        #expect(ruleFindings("T2-004", in: trial).isEmpty)
        trial.setDisclosureRow(.five, 0, ["-3", "2", "1"])
        #expect(ruleFindings("T2-004", in: trial).map(\.location.column) == ["上一年项目数量"])
    }

    @Test(arguments: ["-1.5", "约2万"])
    func amountThatIsNotANonNegativeNumberIsAnError(raw: String) throws {
        var document = DocumentBuilder.consistent()
        document.setDisclosureRow(.eight, 0, [raw])
        let found = try #require(ruleFindings("T2-005", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.row == "行政事业性收费")
        #expect(found.location.column == "本年收费金额（单位：万元）")
    }

    @Test func decimalAmountIsFine() {
        var document = DocumentBuilder.consistent()
        document.setDisclosureRow(.eight, 0, ["0.1234"])
        #expect(ruleFindings("T2-005", in: document).isEmpty)
        #expect(ruleFindings("T2-006", in: document).isEmpty)
    }

    @Test func moreDecimalsThanTheHeaderAllowsIsAWarning() throws {
        var document = DocumentBuilder.consistent()
        document.disclosureTable!.blocks[.eight]!.headers = ["本年收费金额(单位:万元,保留4位小数)"]
        document.setDisclosureRow(.eight, 0, ["0.12345"])
        let found = try #require(ruleFindings("T2-006", in: document).first)
        #expect(found.severity == .warning)
        #expect(found.evidence == "0.12345: 5 > 4 (本年收费金额(单位:万元,保留4位小数))")
    }

    @Test func amountAboveAMillion万元LooksLike元() throws {
        var document = DocumentBuilder.consistent()
        document.setDisclosureRow(.eight, 0, ["1500000"])
        let found = try #require(ruleFindings("T2-006", in: document).first)
        #expect(found.location.column == "本年收费金额（单位：万元）")
        #expect(found.evidence == "1500000 万元 > 1000000 万元")
    }

    @Test func impossibleStockIsAnErrorWithEvidence() throws {
        var document = DocumentBuilder.consistent()
        document.setDisclosureRow(.one, 1, ["5", "1", "3"])
        let found = try #require(ruleFindings("T2-007", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.row == "行政规范性文件")
        #expect(found.location.column == "现行有效件数")
        #expect(found.evidence == "行政规范性文件: 现行有效件数 = 3 < 本年制发件数 − 本年废止件数 = 5 − 1 = 4")
    }

    @Test func stockEqualToNetAdditionsIsPossible() {
        var document = DocumentBuilder.consistent()
        document.setDisclosureRow(.one, 1, ["5", "1", "4"])
        #expect(ruleFindings("T2-007", in: document).isEmpty)
    }

    @Test func cumulativeBelowThisYearIsATrialWarning() throws {
        var trial = DocumentBuilder.consistent(year: 2020)
        trial.setDisclosureRow(.one, 1, ["3", "3", "2"])
        let found = try #require(ruleFindings("T2-008", in: trial).first)
        #expect(found.severity == .warning)
        #expect(found.location.row == "规范性文件")
        #expect(found.evidence == "规范性文件: 对外公开总数量 = 2 < 本年新公开数量 = 3")
    }

    @Test func projectCountBelowZeroIsATrialWarning() throws {
        var trial = DocumentBuilder.consistent(year: 2020)
        trial.setDisclosureRow(.eight, 0, ["1", "-2"])
        let found = try #require(ruleFindings("T2-008", in: trial).first)
        #expect(found.location.row == "行政事业性收费")
        #expect(found.location.column == "本年增/减")
        #expect(found.evidence == "行政事业性收费: 上一年项目数量 + 本年增/减 = 1 + (-2) = -1 < 0")
    }

    @Test func unreadableRowsAreLeftToTheReadingRule() {
        var document = DocumentBuilder.consistent()
        document.setDisclosureRow(.one, 1, ["5", "1", "3"])
        document.disclosureTable!.blocks[.one]!.rows[1].reading = .ambiguous(original: "513", readings: 2)
        #expect(ruleFindings("T2-007", in: document).isEmpty)
        document.setDisclosureRow(.one, 1, ["x"])
        #expect(ruleFindings("T2-003", in: document).isEmpty)
        #expect(ruleFindings("T2-004", in: document).isEmpty)
    }

    // MARK: T2-010 / READ-004 — a required row printed twice in its block

    /// Block 六 with a second 行政处罚 row on line 40 holding `raws`.
    static func withCopyOf行政处罚(_ raws: [String]) -> ReportDocument {
        var document = DocumentBuilder.consistent()
        document.disclosureTable!.blocks[.six]!.rows.append(
            DisclosureRow(label: "行政处罚", line: 40, cells: DocumentBuilder.cells(raws, line: 40), reading: .direct))
        return document
    }

    @Test func requiredRowTwiceWithOtherValuesIsAnError() throws {
        let document = Self.withCopyOf行政处罚(["7"])
        let found = try #require(ruleFindings("T2-010", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.line == 40)
        #expect(found.location.row == "第二十条第（六）项 / 行政处罚")
        #expect(found.evidence?.hasPrefix("13 @ ") == true)
        #expect(found.evidence?.hasSuffix(" ≠ 7 @ 40") == true)
        #expect(ruleFindings("READ-004", in: document).isEmpty)
        // The first copy is the one read; the other rows of the block are not copies.
        #expect(ruleFindings("T2-002", in: document).isEmpty)
        #expect(ruleFindings("T2-010", in: DocumentBuilder.consistent()).isEmpty)
    }

    @Test func requiredRowTwiceWithTheSameValuesIsAReadingNote() throws {
        let document = Self.withCopyOf行政处罚(["13"])
        #expect(ruleFindings("T2-010", in: document).isEmpty)
        let found = try #require(ruleFindings("READ-004", in: document).first)
        #expect(found.severity == .warning)
        #expect(found.location.table == .proactive)
    }
}
