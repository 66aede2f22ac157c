import Foundation
import Testing

@testable import ReportValidation

@Suite struct CrossYearRuleTests {
    /// Carry-over broken: last year left 3 applications (自然人 2, 商业企业 1) for this year, but this
    /// year's 二、上年结转 says 5 natural persons and none from businesses.
    @Test func carryInThatDiffersFromLastYearsCarryOutIsAWarningPerColumn() throws {
        let before = try CrossYearPairs.previous(CrossYearPairs.text(year: 2021, carryOut: [2, 1, 0, 0, 0, 0]))
        let now = try CrossYearPairs.text(year: 2022, carryIn: [5, 0, 0, 0, 0, 0])
        let findings = CrossYearPairs.findings(now, previous: before, codes: ["T3-XYR-001"])
        #expect(findings.map(\.code) == ["T3-XYR-001", "T3-XYR-001", "T3-XYR-001"])
        #expect(findings.map(\.location.column) == ["自然人", "商业企业", "总计"])
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(
            findings[0].message.zh
                == "上年报告 2021年报.txt 表三「四、结转下年度继续办理」列「自然人」为 2，本年「二、上年结转」为 5")
        #expect(findings[0].location.row == "二、上年结转政府信息公开申请数量")
        #expect(findings[0].location.line == 40)
        #expect(findings[0].evidence?.contains("（上年报告第63行）") == true)
    }

    /// The carry-over kept: the same numbers on both sides give nothing.
    @Test func carryInEqualToLastYearsCarryOutIsSilent() throws {
        let before = try CrossYearPairs.previous(CrossYearPairs.text(year: 2021, carryOut: [2, 1, 0, 0, 0, 0]))
        let now = try CrossYearPairs.text(year: 2022, carryIn: [2, 1, 0, 0, 0, 0])
        #expect(CrossYearPairs.findings(now, previous: before, codes: ["T3-XYR-001"]).isEmpty)
    }

    /// Last year's carry-out cell (商业企业) was blank: blank is not 0, so that column is not compared
    /// (and neither is 总计, blank with it): no finding.
    @Test func blankCellLastYearIsNotComparedAsZero() throws {
        let before = try CrossYearPairs.previous(CrossYearPairs.text(year: 2021, carryOut: [0, nil, 0, 0, 0, 0]))
        #expect(before.snapshot.cells[CellKey(.applications, row: "四、结转下年度继续办理", column: "商业企业")]?.value == .blank)
        let now = try CrossYearPairs.text(year: 2022, carryIn: [0, 4, 0, 0, 0, 0])
        #expect(CrossYearPairs.findings(now, previous: before, codes: ["T3-XYR-001"]).isEmpty)
    }

    /// Stock broken: last year 36 行政规范性文件 in force; this year 2 made, 1 repealed, so 37 — the report says 40.
    @Test func stockThatDoesNotFollowFromLastYearIsT2009() throws {
        let before = try CrossYearPairs.previous(CrossYearPairs.text(year: 2021, rules: (5, 0, 36)))
        let now = try CrossYearPairs.text(year: 2022, rules: (2, 1, 40))
        let findings = CrossYearPairs.findings(now, previous: before, codes: ["T2-009"])
        #expect(findings.map(\.code) == ["T2-009"])
        #expect(findings.first?.location.row == "行政规范性文件")
        #expect(findings.first?.location.column == "现行有效件数")
        #expect(findings.first?.message.zh.contains("上年报告 2021年报.txt 表二「行政规范性文件」列「现行有效件数」为 36") == true)
        #expect(findings.first?.evidence?.contains("36 + 2 − 1 = 37") == true)
    }

    /// The stock kept: 36 + 2 − 1 = 37 is silent.
    @Test func stockThatFollowsFromLastYearIsSilent() throws {
        let before = try CrossYearPairs.previous(CrossYearPairs.text(year: 2021, rules: (5, 0, 36)))
        let now = try CrossYearPairs.text(year: 2022, rules: (2, 1, 37))
        #expect(CrossYearPairs.findings(now, previous: before, codes: ["T2-009"]).isEmpty)
    }

    /// A 2020 report (trial format) has 对外公开总数量, not 现行有效件数: T2-009 does not compare them.
    @Test func trialFormatYearIsNotComparedForStock() throws {
        var snapshot = try #require(ReportSnapshot(CrossYearPairs.document(CrossYearPairs.text(year: 2021, rules: (0, 0, 99)))))
        snapshot.year = 2020
        snapshot.format = .trial2019
        let now = try CrossYearPairs.text(year: 2021, rules: (2, 1, 40))
        let findings = CrossYearPairs.findings(now, previous: PreviousReport(fileName: "2020.txt", snapshot: snapshot))
        #expect(!findings.contains { $0.code == "T2-009" })
    }

    /// Text copied: section 一 this year is last year's with only the figures changed.
    @Test func narrativeCopiedFromLastYearIsDUP001() throws {
        let old =
            "2021年，本镇坚持把政务公开作为转变政府职能的重要抓手，健全信息发布审核机制，"
            + "全年通过门户网站发布各类信息120条，办理群众来信来访30件，组织专题培训2次，"
            + "进一步规范了依申请公开的受理、登记、办理和答复流程，确保群众诉求件件有回音。"
        let copied = old.replacingOccurrences(of: "2021", with: "2022").replacingOccurrences(of: "120", with: "135")
        let before = try CrossYearPairs.previous(CrossYearPairs.text(year: 2021, overview: old))
        let findings = CrossYearPairs.findings(try CrossYearPairs.text(year: 2022, overview: copied), previous: before)
        let dup = try #require(findings.first { $0.code == "DUP-001" })
        #expect(dup.message.zh.contains("与上年报告 2021年报.txt 相同"))
        #expect(dup.location.section == .overview)
        #expect(dup.evidence?.contains("最长相同片段") == true)
    }

    /// New text on the same subjects shares words, not passages: below the threshold, silent.
    @Test func rewrittenNarrativeIsSilent() throws {
        let old =
            "2021年，本镇坚持把政务公开作为转变政府职能的重要抓手，健全信息发布审核机制，"
            + "全年通过门户网站发布各类信息120条，进一步规范了依申请公开的受理、登记、办理和答复流程。"
        let new =
            "今年我们把重点放在基层政务公开标准化上：村务公开栏全部更新，新增便民服务事项清单，"
            + "开展“政务开放日”活动两场，邀请群众代表走进镇便民服务中心，现场听取意见建议并逐条回复。"
        let before = try CrossYearPairs.previous(CrossYearPairs.text(year: 2021, overview: old, problems: "一是公开内容不够全面。"))
        let now = try CrossYearPairs.text(year: 2022, overview: new, problems: "主要问题是信息更新不够及时，下一步将建立月度检查制度。")
        let findings = CrossYearPairs.findings(now, previous: before)
        #expect(!findings.contains { $0.code == "DUP-001" })
    }

    /// Without history, or with a previous report of another year, the rules do not run at all.
    @Test func noHistoryOrWrongYearMeansNoCrossYearFinding() throws {
        let broken = try CrossYearPairs.text(year: 2022, carryIn: [5, 0, 0, 0, 0, 0], rules: (2, 1, 40))
        #expect(CrossYearPairs.findings(broken, previous: nil).isEmpty)
        let twoYearsBack = try CrossYearPairs.previous(CrossYearPairs.text(year: 2020, carryOut: [2, 1, 0, 0, 0, 0]))
        #expect(CrossYearPairs.findings(broken, previous: twoYearsBack).isEmpty)
        let sameYear = try CrossYearPairs.previous(CrossYearPairs.text(year: 2022, carryOut: [2, 1, 0, 0, 0, 0]))
        #expect(CrossYearPairs.findings(broken, previous: sameYear).isEmpty)
    }

    /// Each is a warning by default and takes the ordinary severity override.
    @Test func severityOverrideMakesACrossYearRuleAnError() throws {
        let before = try CrossYearPairs.previous(CrossYearPairs.text(year: 2021, carryOut: [2, 0, 0, 0, 0, 0]))
        let now = try CrossYearPairs.text(year: 2022)
        let findings = CrossYearPairs.findings(
            now, previous: before, codes: ["T3-XYR-001"], severity: ["T3-XYR-001": .error])
        #expect(!findings.isEmpty && findings.allSatisfy { $0.severity == .error })
        let result = Validator(severityOverrides: ["T3-XYR-001": .error])
            .validate(CrossYearPairs.document(now), currentYear: 2026, previous: before)
        #expect(result.verdict == .rejected)
    }

    /// The snapshot keeps blank ≠ 0 ≠ placeholder ≠ unreadable, as the register will store them.
    @Test func snapshotRecordsCellsAsRead() throws {
        var text = try CrossYearPairs.text(year: 2021)
        text = text.replacingOccurrences(of: "规章\t0\t0\t0", with: "规章\t/\t\t0")
        let snapshot = try #require(ReportSnapshot(CrossYearPairs.document(text)))
        #expect(snapshot.year == 2021 && snapshot.format == .format2021 && snapshot.agency == "轵城镇人民政府")
        #expect(snapshot.cells[CellKey(.proactive, row: "规章", column: "本年制发件数")]?.value == .placeholder)
        #expect(snapshot.cells[CellKey(.proactive, row: "规章", column: "本年废止件数")]?.value == .blank)
        #expect(snapshot.cells[CellKey(.proactive, row: "规章", column: "现行有效件数")]?.value.integer == 0)
        #expect(snapshot.cells[CellKey(.reviewLitigation, row: "行政复议", column: "总计")] != nil)
        #expect(snapshot.narrative[.overview]?.isEmpty == false)
    }
}
