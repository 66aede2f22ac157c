import Testing

@testable import ReportValidation

/// Narrative-vs-table consistency, TEXT-001 … TEXT-005 (spec §9).
@Suite("Narrative rules")
struct NarrativeRuleTests {
    // MARK: Number extraction

    @Test(
        "Counts in prose are read in their written forms",
        arguments: [
            ("收到 4 个依申请公开", [4]),
            ("受理申请１２件", [12]),
            ("共收到二十三件申请", [23]),
            ("办结 1,234 件", [1234]),
            ("办理时限为20个工作日", []),
            ("发布信息100余条", []),
            ("与群众一起", []),
            ("近20件", []),
            ("占51.85%", []),
        ] as [(String, [Int])])
    func countTokens(text: String, expected: [Int]) {
        let st = ScalarText(text)
        #expect(NumberExtraction.counts(in: st, st.all).map(\.value) == expected)
    }

    @Test("Dates with and without a year are read")
    func dates() {
        let st = ScalarText("统计周期为 2024 年 1 月 1 日至 12 月 31 日")
        let dates = NumberExtraction.dates(in: st, st.all)
        #expect(dates.map(\.year) == [2024, nil])
        #expect(dates.map(\.month) == [1, 12])
        #expect(dates.map(\.day) == [1, 31])
    }

    // MARK: TEXT-001

    @Test("TEXT-001 fires when the stated count differs from table 三 一")
    func text001Fires() {
        var f = NarrativeFixture()
        f.add("2021 年，我镇收到 4 个依申请公开。", in: .overview)
        f.setApplicationTotals([.new: 5])
        let found = f.run("TEXT-001")
        #expect(found.count == 1)
        #expect(found.first?.evidence?.contains("= 4") == true)
        #expect(found.first?.evidence?.contains("= 5") == true)
        #expect(found.first?.location.section == .overview)
    }

    @Test(
        "TEXT-001 is silent on agreement, conflicting statements and numbers without table counterpart",
        arguments: [
            ["2021 年，我镇收到 4 个依申请公开。"],
            ["全年共受理政府信息公开申请4件。", "本年度共收到申请6件。"],
            ["2021年，我镇主动公开政府信息176条，发布信息1836条。"],
            ["本报告包括总体情况、收到和处理政府信息公开申请情况等六个部分。"],
            ["受理各类群众诉求259起，收到人大代表建议5件。"],
            ["2020年收到政府信息公开申请9件。"],
        ])
    func text001Silent(paragraphs: [String]) {
        var f = NarrativeFixture()
        for p in paragraphs { f.add(p, in: .overview) }
        f.setApplicationTotals([.new: 4])
        #expect(f.run("TEXT-001").isEmpty)
    }

    @Test("TEXT-001 checks that a breakdown adds up")
    func text001Breakdown() {
        var f = NarrativeFixture(unit: "温县人民政府办公室")
        f.add("2021年，县政府办公室共受理政府信息公开申请23件，其中书面申请20件、网上申请2件，均依法予以答复。", in: .overview)
        let found = f.run("TEXT-001")
        #expect(found.count == 1)
        #expect(found.first?.evidence?.contains("20 + 2 = 22 ≠ 23") == true)

        var ok = NarrativeFixture(unit: "温县人民政府办公室")
        ok.add("2021年，县政府办公室共受理政府信息公开申请23件，其中书面申请20件、网上申请3件，均依法予以答复。", in: .overview)
        ok.setApplicationTotals([.new: 23])
        #expect(ok.run("TEXT-001").isEmpty)
    }

    // MARK: TEXT-002

    @Test("TEXT-002 fires when the text says none were received but the table counts some")
    func text002Fires() {
        var f = NarrativeFixture()
        f.add("我镇 2021 年未收到公民依申请公开政府信息事项。", in: .overview)
        f.setApplicationTotals([.new: 2])
        #expect(f.run("TEXT-002").count == 1)

        var reverse = NarrativeFixture()
        reverse.add("2021年，我镇收到政府信息公开申请3件。", in: .overview)
        reverse.setApplicationTotals([.new: 0])
        #expect(reverse.run("TEXT-002").count == 1)
        #expect(reverse.run("TEXT-001").isEmpty)
    }

    @Test("TEXT-002 is silent when both say none, or when the table is not assessable")
    func text002Silent() {
        var f = NarrativeFixture()
        f.add("我镇 2021 年未收到公民依申请公开政府信息事项。", in: .overview)
        f.setApplicationTotals([.new: 0])
        #expect(f.run("TEXT-002").isEmpty)

        var noTable = NarrativeFixture()
        noTable.add("我镇 2021 年未收到公民依申请公开政府信息事项。", in: .overview)
        #expect(noTable.run("TEXT-002").isEmpty)

        var notApplications = NarrativeFixture()
        notApplications.add("2021年，我镇未收到人大代表建议和政协委员提案。", in: .overview)
        notApplications.setApplicationTotals([.new: 2])
        #expect(notApplications.run("TEXT-002").isEmpty)
    }

    // MARK: TEXT-003

    @Test("TEXT-003 fires when review or litigation counts differ from table 四")
    func text003Fires() {
        var f = NarrativeFixture()
        f.add("全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。", in: .overview)
        f.setReviewTotals(review: 35, direct: 6, afterReview: 3)
        let found = f.run("TEXT-003")
        #expect(found.count == 1)
        #expect(found.first?.message.zh.contains("行政复议") == true)

        var none = NarrativeFixture()
        none.add("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", in: .reviewLitigation)
        none.setReviewTotals(review: 0, direct: 2, afterReview: 1)
        #expect(none.run("TEXT-003").count == 1)
    }

    @Test("TEXT-003 is silent on agreement and on a count shared by both")
    func text003Silent() {
        var f = NarrativeFixture()
        f.add("因依申请公开引发行政复议1起、行政诉讼3起。", in: .overview)
        f.setReviewTotals(review: 1, direct: 2, afterReview: 1)
        #expect(f.run("TEXT-003").isEmpty)

        var shared = NarrativeFixture()
        shared.add("因政府信息公开引起的行政复议和行政诉讼案件共3件。", in: .overview)
        shared.setReviewTotals(review: 1, direct: 1, afterReview: 0)
        #expect(shared.run("TEXT-003").isEmpty)
    }

    // MARK: TEXT-004

    @Test("TEXT-004 fires when handled or carried-over counts differ")
    func text004Fires() {
        var f = NarrativeFixture()
        f.add("本年度全区共收到70件申请，及时依法依规办结68件，1件结转下年度继续办理。", in: .overview)
        f.setApplicationTotals([.new: 70, .total: 69, .carryOut: 1])
        let found = f.run("TEXT-004")
        #expect(found.count == 1)
        #expect(found.first?.evidence?.contains("= 68") == true)
        #expect(found.first?.evidence?.contains("（七）总计（总计列） = 69") == true)
    }

    @Test("TEXT-004 is silent when the numbers agree, including a Y+1 carry-over target")
    func text004Silent() {
        var f = NarrativeFixture(year: 2025)
        f.add("2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。", in: .overview)
        f.setApplicationTotals([.new: 154, .total: 148, .carryOut: 6])
        #expect(f.run("TEXT-004").isEmpty)
        #expect(f.run("TEXT-001").isEmpty)
    }

    // MARK: TEXT-005

    @Test("TEXT-005 fires on the previous year presented as the reporting period")
    func text005Fires() {
        var f = NarrativeFixture(unit: "某市某局", year: 2023)
        f.add("2022年度，本单位共收到政府信息公开申请5件，均已按时答复。", in: .overview)
        let found = f.run("TEXT-005")
        #expect(found.count == 1)
        #expect(found.first?.evidence?.contains("报告年度 = 2023") == true)
    }

    @Test(
        "TEXT-005 is silent on plans, comparisons, dates and citations",
        arguments: [
            "2021年，我镇将按照县政务公开办要求，紧紧围绕镇党委、镇政府的总体目标开展政府信息公开工作。",
            "下一步，2021年我镇计划进一步加大公开力度。",
            "本报告于2021年1月在我镇政府网站公开。",
            "与2019年相比，我镇收到申请数量有所增加。",
            "按照《2019年政务公开工作要点》，我镇公开了相关信息。",
            "2020年，我镇收到政府信息公开申请3件。",
        ])
    func text005Silent(text: String) {
        var f = NarrativeFixture(unit: "新青镇", year: 2020)
        f.add(text, in: .overview)
        #expect(f.run("TEXT-005").isEmpty)
    }
}
