import Testing

@testable import ReportValidation

/// Text-quality warnings TEXT-006 … TEXT-012 (spec §10, §3.3, §3.4).
@Suite("Text-quality rules")
struct TextQualityRuleTests {
    @Test("TEXT-006 fires on a stray English word between Chinese characters")
    func text006Fires() {
        var f = NarrativeFixture()
        f.add("与法治政府、服务型政府要求，与企业 and 群众的期待相比，仍存在一些不足。", in: .problems)
        let found = f.run("TEXT-006")
        #expect(found.count == 1)
        #expect(found.first?.evidence?.contains("and") == true)
    }

    @Test(
        "TEXT-006 accepts acronyms, allowlisted words, URLs and e-mail addresses",
        arguments: [
            "改造升级县党政门户网站，实现支持IPv6访问。",
            "通过政务APP和微信公众号发布信息。",
            "提供PDF和WPS格式文件下载，开通OA办公系统。",
            "网址：www.pingtan.gov.cn，邮箱：zwgk@163.com。",
            "登录pingtan.gov.cn网站查询。",
            "在LED屏滚动播放，通过QQ群推送。",
        ])
    func text006Silent(text: String) {
        var f = NarrativeFixture()
        f.add(text, in: .overview)
        #expect(f.run("TEXT-006").isEmpty)
    }

    @Test("TEXT-007 fires on an unclosed quote or bracket")
    func text007Fires() {
        var f = NarrativeFixture()
        f.add("坚持以\"公开为常态，不公开为例外准确、公开、透明发布政府信息。", in: .overview)
        f.add("推进《条例落实，做好解读。", in: .overview)
        let found = f.run("TEXT-007")
        #expect(found.count == 2)
    }

    @Test("TEXT-007 accepts balanced marks, mixed-width parentheses and a quote wrapped to the next line")
    func text007Silent() {
        var f = NarrativeFixture()
        f.add("按照“先审查，后公开”的原则（见《条例》第十七条)，坚持\"公开为常态\"。", in: .overview)
        f.add("组织召开了“春节前后服务企", in: .overview)
        f.add("业”等新闻发布会。", in: .overview)
        #expect(f.run("TEXT-007").isEmpty)
    }

    @Test("TEXT-008 fires on a repeated word and on a character doubled across a wrap")
    func text008Fires() {
        var f = NarrativeFixture()
        f.add("二是规范审核审核发布机制。", in: .overview)
        f.add("对无正当理由 由大量反复申请的，依法不予处理。", in: .applications)
        #expect(f.run("TEXT-008").count == 2)

        var label = NarrativeFixture()
        label.setApplicationRowLabel(.n4, "4. 无正当理由 由大量反复申请")
        let found = label.run("TEXT-008")
        #expect(found.count == 1)
        #expect(found.first?.location.table == .applications)
    }

    @Test(
        "TEXT-008 accepts legitimate reduplications and table column gaps",
        arguments: [
            "常常深入基层，人人参与，天天更新，年年考核，一一对应。",
            "实实在在、认认真真地做好公开工作，层层落实责任。",
            "按照国家有关规定规定应当主动公开的信息。",
            "结果   结果    其他",
            "妈妈镇政府信息公开工作。",
        ])
    func text008Silent(text: String) {
        var f = NarrativeFixture()
        f.add(text, in: .overview)
        #expect(f.run("TEXT-008").isEmpty)
    }

    @Test(
        "TEXT-009 fires on an empty, bare or problem-only section 五",
        arguments: [[], ["无。"], ["暂无"], ["公开内容不够全面。信息更新不够及时。"]] as [[String]])
    func text009Fires(paragraphs: [String]) {
        var f = NarrativeFixture()
        for p in paragraphs { f.add(p, in: .problems) }
        #expect(f.run("TEXT-009").count == 1)
    }

    @Test("TEXT-009 is silent on problems with improvements, and when section 五 is missing")
    func text009Silent() {
        var f = NarrativeFixture()
        f.add("一是公开内容不够全面。下一步将进一步加强培训，完善公开制度。", in: .problems)
        #expect(f.run("TEXT-009").isEmpty)

        var missing = NarrativeFixture()
        missing.dropHeading(.problems)
        #expect(missing.run("TEXT-009").isEmpty)
    }

    @Test("TEXT-010 fires on 我中心 in a 镇 report and 我局 in a 政府 report")
    func text010Fires() {
        var f = NarrativeFixture(unit: "轵城镇人民政府")
        f.add("2021年，我中心政务信息公开工作虽然取得了一定进展。", in: .problems)
        let found = f.run("TEXT-010")
        #expect(found.count == 1)
        #expect(found.first?.evidence?.contains("我中心") == true)

        var gov = NarrativeFixture(unit: "温县人民政府")
        gov.add("我局高度重视政务公开工作。", in: .overview)
        #expect(gov.run("TEXT-010").count == 1)
    }

    @Test(
        "TEXT-010 accepts self-references that fit the unit",
        arguments: [
            ("轵城镇人民政府", "我镇收到 4 个依申请公开，我县统一部署。"),
            ("温县人民政府办公室", "2021年，我办未收到人大代表建议，我县纳入备案管理的政务新媒体22个。"),
            ("平潭综合实验区社会事业局", "我局认真落实我区部署，为我办理业务提供便利。"),
            ("温县人民政府", "我市统一部署，我县认真落实。"),
        ])
    func text010Silent(unit: String, text: String) {
        var f = NarrativeFixture(unit: unit)
        f.add(text, in: .overview)
        #expect(f.run("TEXT-010").isEmpty)
    }

    @Test("TEXT-011 fires when section 一 lacks an aspect and names it")
    func text011Fires() {
        var f = NarrativeFixture(unit: "新青镇", year: 2020)
        f.add("2020 年，我镇主动公开政务信息，通过微信公众号等平台发布宣传报道，加强信息管理。", in: .overview)
        let found = f.run("TEXT-011")
        #expect(found.count == 1)
        #expect(found.first?.message.zh.contains("依申请公开") == true)
        #expect(found.first?.message.zh.contains("监督保障") == true)
    }

    @Test("TEXT-011 is silent when all five aspects are touched")
    func text011Silent() {
        var f = NarrativeFixture()
        f.add("（一）主动公开情况。（二）依申请公开情况。（三）政府信息管理情况。（四）平台建设情况。（五）监督保障情况。", in: .overview)
        #expect(f.run("TEXT-011").isEmpty)
    }

    @Test("TEXT-012 fires for a government report without 考核/评议/责任追究")
    func text012Fires() {
        var f = NarrativeFixture(unit: "王村镇人民政府", year: 2022)
        f.add("强化监督保障，夯实政务公开工作基础。", in: .overview)
        #expect(f.run("TEXT-012").count == 1)
    }

    @Test(
        "TEXT-012 is silent for departments and for governments that report results",
        arguments: [
            ("温县人民政府办公室", "强化监督保障。"),
            ("平潭综合实验区财政金融局", "强化监督保障。"),
            ("新青镇", "完善政务公开考核办法和政务公开激励约束机制。"),
            ("大竹县妈妈镇", "建立信息公开责任追究办法、评议考核等制度。"),
        ])
    func text012Silent(unit: String, text: String) {
        var f = NarrativeFixture(unit: unit)
        f.add(text, in: .overview)
        #expect(f.run("TEXT-012").isEmpty)
    }
}
