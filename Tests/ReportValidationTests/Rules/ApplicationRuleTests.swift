import Testing

@testable import ReportValidation

@Suite struct ApplicationRuleTests {
    static let sumCodes: [RuleCode] = ["T3-SUM-001", "T3-SUM-002", "T3-SUM-003", "T3-SUM-004"]

    static func sumFindings(_ document: ReportDocument) -> [Finding] {
        sumCodes.flatMap { ruleFindings($0, in: document) }
    }

    // MARK: Structure

    @Test func missingTable三IsOneErrorEvenWithoutItsHeading() {
        var document = DocumentBuilder.consistent()
        document.applicationTable = nil
        document.headings.remove(at: 2)
        let found = ruleFindings("T3-STRUCT-001", in: document)
        #expect(found.count == 1)
        #expect(found.first?.location == Location(section: .applications, table: .applications))
        #expect(ruleFindings("T3-STRUCT-002", in: document).isEmpty)
    }

    @Test func tableWithoutRowsIsUnrecoverable() throws {
        var document = DocumentBuilder.consistent()
        document.applicationTable!.rows = [:]
        let found = try #require(ruleFindings("T3-STRUCT-001", in: document).first)
        #expect(found.evidence == "rows: 0 / 25")
        #expect(ruleFindings("T3-STRUCT-002", in: document).isEmpty)
    }

    @Test func missingRowsGiveOneErrorEach() {
        var document = DocumentBuilder.consistent()
        document.applicationTable!.rows[.new] = nil
        document.applicationTable!.rows[.u2] = nil
        let found = ruleFindings("T3-STRUCT-002", in: document)
        #expect(found.map(\.location.row) == ["一、本年新收政府信息公开申请数量", "（四）2.没有现成信息需要另行制作"])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(found.first?.evidence == "2021年格式: 23/25 rows")
    }

    @Test func trialTableNeedsTheSingle其他处理Row() {
        var trial = DocumentBuilder.consistent(year: 2020)
        #expect(ruleFindings("T3-STRUCT-002", in: trial).isEmpty)
        trial.applicationTable!.rows[.oSingle] = nil
        #expect(ruleFindings("T3-STRUCT-002", in: trial).map(\.location.row) == ["（六）其他处理"])
    }

    @Test func rowOfTheWrongWidthIsAnError() throws {
        // Seed 001: rows with 8 values where 7 are expected.
        var document = DocumentBuilder.consistent()
        document.applicationTable!.rows[.n2]!.cells.append(Cell(raw: "0", line: DocumentBuilder.applicationLine(.n2)))
        let found = try #require(ruleFindings("T3-STRUCT-003", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.row == "（五）2.重复申请")
        #expect(found.location.line == DocumentBuilder.applicationLine(.n2))
        #expect(found.evidence == "0 0 0 0 0 0 0 0 (8 ≠ 7)")
        // Its cells cannot be put in columns, so no identity is judged on them.
        #expect(Self.sumFindings(document).isEmpty)
    }

    @Test func declaredSubtotalColumnMakesEightTheRightWidth() {
        var document = DocumentBuilder.consistent()
        document.applicationTable = DocumentBuilder.applicationTable(.format2021, subtotalColumn: true)
        #expect(ruleFindings("T3-STRUCT-003", in: document).isEmpty)
        #expect(Self.sumFindings(document).isEmpty)
    }

    @Test func digitRunThatCannotAddUpIsARowSumError() throws {
        var document = DocumentBuilder.consistent()
        document.applicationTable!.rows[.granted]!.reading = .unsplittable(original: "2100004")
        #expect(ruleFindings("T3-STRUCT-003", in: document).isEmpty)
        let found = try #require(ruleFindings("T3-SUM-003", in: document).first)
        #expect(found.location.row == "（一）予以公开")
        #expect(found.evidence == "2100004")
        #expect(found.message.en.contains("however its digits"))
    }

    @Test func digitRunTooShortForTheRowIsAWidthError() throws {
        var document = DocumentBuilder.consistent()
        document.applicationTable!.rows[.granted]!.reading = .unsplittable(original: "000000")
        let found = try #require(ruleFindings("T3-STRUCT-003", in: document).first)
        #expect(found.location.row == "（一）予以公开")
        #expect(found.message.en.contains("too few"))
    }

    @Test func missingHeaderIsAWarning() throws {
        var document = DocumentBuilder.consistent()
        document.applicationTable!.headerFound = false
        let found = try #require(ruleFindings("T3-STRUCT-004", in: document).first)
        #expect(found.severity == .warning)
        #expect(found.location.line == 31)
    }

    // MARK: Values

    @Test(arguments: ["-1", "3件", "1.5"])
    func cellThatIsNotANonNegativeIntegerIsAnError(raw: String) throws {
        var document = DocumentBuilder.consistent()
        document.setApplicationCell(.d3, 2, raw)
        let found = try #require(ruleFindings("T3-VAL-001", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.row == "（三）3.危及“三安全一稳定”")
        #expect(found.location.column == "科研机构")
        #expect(found.evidence == "科研机构 = \(raw)")
    }

    @Test func blankCellsAreOneWarningPerRowNamingTheBlockedIdentities() throws {
        var document = DocumentBuilder.consistent()
        document.setApplicationCell(.u1, 0, "")
        document.setApplicationCell(.u1, 6, "/")
        let found = ruleFindings("T3-VAL-002", in: document)
        #expect(found.count == 1)
        let first = try #require(found.first)
        #expect(first.severity == .warning)
        #expect(first.location.row == "（四）1.本机关不掌握相关政府信息")
        #expect(first.location.column == "自然人、总计")
        #expect(first.evidence == "自然人 = 空白, 总计 = “/”")
        #expect(
            first.message.en.hasSuffix(
                "so the result total of column 自然人, 总计; the row total of （四）1.本机关不掌握相关政府信息 cannot be checked"))
        // Said in words, the rule codes stay labels: no code in the Chinese prose.
        #expect(first.message.zh.hasSuffix("因此无法核对“自然人”、“总计”列的办理结果合计、“（四）1.本机关不掌握相关政府信息”行的总计"))
        #expect(!first.message.zh.contains("T3-SUM"))
        // Blank is not 0: the identities touching it neither pass nor fail.
        #expect(Self.sumFindings(document).isEmpty)
        #expect(ruleFindings("T3-VAL-001", in: document).isEmpty)
    }

    @Test func blankCellIsNeverReadAsZero() {
        // With the 自然人 cell of 予以公开 blank, the rest no longer add up if it were 0 — yet nothing fails.
        var document = DocumentBuilder.consistent()
        document.setApplicationCell(.granted, 0, "")
        #expect(Self.sumFindings(document).isEmpty)
        #expect(ruleFindings("T3-VAL-002", in: document).count == 1)
    }

    // MARK: Identities

    @Test func brokenColumnBalanceIsAnErrorNamingTheColumn() throws {
        var document = DocumentBuilder.consistent()
        document.setApplicationCell(.carryOut, 0, "0")
        document.setApplicationCell(.carryOut, 6, "0")
        let found = ruleFindings("T3-SUM-001", in: document)
        #expect(found.map(\.location.column) == ["自然人", "总计"])
        let first = try #require(found.first)
        #expect(first.severity == .error)
        #expect(first.location.row == nil)
        #expect(first.evidence == "自然人: 一+二 = 4+1 = 5 ≠ (七)总计+四 = 4+0 = 4")
    }

    @Test func brokenLeafSumIsAnErrorNamingTheColumn() throws {
        var document = DocumentBuilder.consistent()
        document.setApplicationCell(.d6, 3, "1")
        document.setApplicationCell(.d6, 6, "1")
        let found = ruleFindings("T3-SUM-002", in: document)
        #expect(found.map(\.location.column) == ["社会公益组织", "总计"])
        #expect(
            found.first?.evidence == "社会公益组织: (七)总计 = 1 ≠ Σ(一)…(六)[21] = "
                + "0+1+0+0+0+0+0+1+0+0+0+0+0+0+0+0+0+0+0+0+0 = 2")
        #expect(ruleFindings("T3-SUM-003", in: document).isEmpty)
    }

    @Test func brokenRowSumIsAnErrorNamingTheRow() throws {
        var document = DocumentBuilder.consistent()
        document.setApplicationCell(.new, 6, "7")
        let found = ruleFindings("T3-SUM-003", in: document)
        #expect(found.count == 1)
        let first = try #require(found.first)
        #expect(first.location.row == "一、本年新收政府信息公开申请数量")
        #expect(first.location.column == nil)
        #expect(first.location.line == DocumentBuilder.applicationLine(.new))
        #expect(first.evidence == "一、本年新收政府信息公开申请数量: 总计 = 7 ≠ 自然人+…+其他 = 4+1+0+1+0+0 = 6")
    }

    @Test func subtotalRowThatDisagreesWithItsChildrenIsAnError() throws {
        var document = DocumentBuilder.consistent()
        document.applicationTable = DocumentBuilder.applicationTable(.format2021, subtotalRows: [.subtotalUnable])
        #expect(ruleFindings("T3-SUM-004", in: document).isEmpty)
        #expect(ruleFindings("T3-SUM-002", in: document).isEmpty)  // subtotals are not leaves
        document.setApplicationCell(.subtotalUnable, 0, "2")
        document.setApplicationCell(.subtotalUnable, 6, "2")
        let found = ruleFindings("T3-SUM-004", in: document)
        #expect(found.map(\.location.column) == ["自然人", "总计"])
        #expect(found.first?.location.row == "（四）无法提供")
        #expect(found.first?.evidence == "（四）无法提供 / 自然人: (四)小计 = 2 ≠ (四)1+(四)2+(四)3 = 1+0+0 = 1")
    }

    @Test func subtotalColumnThatDisagreesWithItsPartsIsAnError() throws {
        var document = DocumentBuilder.consistent()
        document.applicationTable = DocumentBuilder.applicationTable(.format2021, subtotalColumn: true)
        document.setApplicationCell(.granted, 6, "0")
        let found = try #require(ruleFindings("T3-SUM-004", in: document).first)
        #expect(found.location.row == "（一）予以公开")
        #expect(found.location.column == "法人或其他组织 / 小计")
        #expect(found.evidence == "（一）予以公开 / 法人或其他组织: 小计 = 0 ≠ 商业企业+…+其他 = 1+0+0+0+0 = 1")
    }

    /// Every cell of the consistent table, by row and physical index.
    static let everyCell: [(ApplicationRow, Int)] = ApplicationRow.required(for: .format2021).flatMap { row in
        (0..<7).map { (row, $0) }
    }

    @Test(arguments: everyCell.map { "\($0.0.rawValue)#\($0.1)" })
    func changingAnyCellBreaksAnIdentityNamingItsRowOrColumn(cell: String) throws {
        let parts = cell.split(separator: "#")
        let row = try #require(ApplicationRow(rawValue: String(parts[0])))
        let index = try #require(Int(parts[1]))
        var document = DocumentBuilder.consistent()
        let value = DocumentBuilder.applicationValues(row)[index]
        document.setApplicationCell(row, index, String(value + 1))
        let column = ApplicantColumn(rawValue: index)!.label
        let errors = Self.sumFindings(document).filter { $0.severity == .error }
        #expect(errors.contains { $0.location.row == row.templateLabel || $0.location.column == column })
    }
}
