import Testing

@testable import ReportValidation

/// 信息处理费 (FEE-001/002) and date rules (TIME-002/003).
@Suite("Fee and time rules")
struct FeeAndTimeRuleTests {
    @Test(
        "FEE-001 accepts an amount or an explicit none in section 六",
        arguments: [
            "2021年度未收取信息处理费用。",
            "2021年，未收取依申请公开信息处理费。",
            "认真贯彻执行《政府信息公开信息处理费管理办法》。2022年我单位未收取信息处理费。",
            "无收取信息处理费情况。",
            "本年度共收取政府信息公开信息处理费 3940 元。",
            "2023 年度，县发展和改革局政府信息公开未发生收费情况。",
        ])
    func fee001Silent(text: String) {
        var f = NarrativeFixture()
        f.add(text, in: .other)
        #expect(f.run("FEE-001").isEmpty)
    }

    @Test(
        "FEE-001 fires when section 六 has no fee statement",
        arguments: [
            "无其他需要报告的事项。",
            "认真贯彻执行国务院办公厅《政府信息公开信息处理费管理办法》。",
            "本年度行政事业性收费0万元。",
        ])
    func fee001Fires(text: String) {
        var f = NarrativeFixture()
        f.add(text, in: .other)
        let found = f.run("FEE-001")
        #expect(found.count == 1)
        #expect(found.first?.location.section == .other)
        #expect(found.first?.evidence?.contains("第六部分正文") == true)
    }

    @Test("FEE-001 does not apply to the trial format")
    func fee001TrialFormat() {
        var f = NarrativeFixture(unit: "新青镇", year: 2020)
        f.add("无其他需要报告的事项。", in: .other)
        #expect(f.run("FEE-001").isEmpty)
    }

    @Test("FEE-001 with section 六 missing: a statement anywhere satisfies it, none fires")
    func fee001MissingSection() {
        var found = NarrativeFixture()
        found.dropHeading(.other)
        found.add("改进措施略。本年度未收取信息处理费。", in: .problems)
        #expect(found.run("FEE-001").isEmpty)

        var absent = NarrativeFixture()
        absent.dropHeading(.other)
        absent.add("一是加强培训。", in: .problems)
        let violations = absent.run("FEE-001")
        #expect(violations.count == 1)
        #expect(violations.first?.evidence == "查找范围：全文各段落")
    }

    @Test("FEE-001 with section 六 present points to a statement placed elsewhere")
    func fee001Misplaced() {
        var f = NarrativeFixture()
        f.add("本年度未收取信息处理费。", in: .applications)
        f.add("无其他需要报告的事项。", in: .other)
        let found = f.run("FEE-001")
        #expect(found.count == 1)
        #expect(found.first?.message.zh.contains("应写在第六部分") == true)
    }

    @Test("FEE-002 fires when fee notices went unpaid but section 六 says nothing of fees")
    func fee002() {
        var f = NarrativeFixture()
        f.add("无其他需要报告的事项。", in: .other)
        f.setApplicationTotals([.o2: 2])
        let found = f.run("FEE-002")
        #expect(found.count == 1)
        #expect(found.first?.location.table == .applications)

        var mentioned = NarrativeFixture()
        mentioned.add("本年度发出收费通知2件，申请人均未缴纳，未收取信息处理费。", in: .other)
        mentioned.setApplicationTotals([.o2: 2])
        #expect(mentioned.run("FEE-002").isEmpty)

        var zero = NarrativeFixture()
        zero.add("无其他需要报告的事项。", in: .other)
        zero.setApplicationTotals([.o2: 0])
        #expect(zero.run("FEE-002").isEmpty)
    }

    @Test(
        "TIME-002 accepts the report year stated in its usual forms",
        arguments: [
            "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
            "统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。",
            "统计周期为 2024 年 1 月 1 日至 12 月 31 日。",
        ])
    func time002Silent(text: String) {
        var f = NarrativeFixture(year: 2024)
        f.add(text, in: nil)
        #expect(f.run("TIME-002").isEmpty)
    }

    @Test(
        "TIME-002 fires on another period",
        arguments: [
            "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
            "统计周期为 2024 年 1 月 1 日至 6 月 30 日。",
        ])
    func time002Fires(text: String) {
        var f = NarrativeFixture(year: 2024)
        f.add(text, in: nil)
        let found = f.run("TIME-002")
        #expect(found.count == 1)
        #expect(found.first?.evidence?.contains("报告年度 = 2024") == true)
    }

    @Test("TIME-003 fires only when the report year is the current year")
    func time003() {
        let f = NarrativeFixture(year: 2025)
        #expect(f.run("TIME-003", currentYear: 2025).count == 1)
        #expect(f.run("TIME-003", currentYear: 2026).isEmpty)
        #expect(f.run("TIME-003", currentYear: nil).isEmpty)
    }
}
