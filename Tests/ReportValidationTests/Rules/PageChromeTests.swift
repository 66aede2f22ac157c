import Testing

@testable import ReportValidation

/// Breadcrumbs and page controls of crawled web pages are not the author's prose (issue 10, item 5).
@Suite struct PageChromeTests {
    /// Chrome as crawlers leave it, and the prose that must survive around it.
    @Test(arguments: [
        // A breadcrumb glued into the body by a crawler (corpus 003 has this shape).
        ("当前位置： 首页政务公开政府信息公开政府信息公开年报 根据《条例》要求，编制本报告。", "根据《条例》要求，编制本报告。"),
        // Steps joined by `>` with blanks.
        ("当前位置：首页 > 政务公开 > 政府信息公开年报 本报告由某局编制。", "本报告由某局编制。"),
        // Full-width separators and another opener.
        ("您现在的位置：首页＞信息公开＞年度报告", ""),
        // A trail without an opener.
        ("首页>政务公开>政府信息公开>年报", ""),
        // Font switch, print and close controls around a sentence.
        ("【字体：大 中 小】本机关全年主动公开信息120条。【打印】【关闭】", "本机关全年主动公开信息120条。"),
        ("打印本页 关闭窗口", ""),
        ("分享到：微信 微博", ""),
        // Prose that only mentions these words is left alone.
        ("在首页设置专栏，方便群众查询。", "在首页设置专栏，方便群众查询。"),
    ])
    func chromeIsStrippedAndProseKept(_ input: String, _ expected: String) {
        #expect(PageChrome.strip(input) == expected)
    }

    /// A web page whose breadcrumb steps are one `<li>` each: the joined steps repeat 政府信息公开 by design.
    @Test func breadcrumbOnLinesOfItsOwnRaisesNoDuplicatedWord() {
        let html = """
            <h1>某某局2023年政府信息公开工作年度报告</h1>
            <div class="breadcrumb"><span>当前位置：</span><ul><li>首页</li><li>政务公开</li><li>政府信息公开</li>
            <li>政府信息公开年报</li></ul></div>
            <p>一、总体情况</p><p>本局认真落实条例，审核审核发布信息。</p>
            """
        let document = ReportReader.read(html, format: .html)
        let found = ruleFindings("TEXT-008", in: document)
        #expect(found.count == 1, "\(found.map(\.evidence))")
        #expect(found.first?.evidence?.contains("审核审核") == true)
        #expect(!document.paragraphs.contains { $0.text.contains("首页") })
    }
}

@Suite(.enabled(if: Corpus.available, "../shared/corpus is absent (a user's clone): corpus tests skipped"))
struct PageChromeCorpusTests {
    /// Glued crawler text (003) and web pages (015, 016): the breadcrumb is no TEXT-008; a real doubled
    /// word in 003's prose (审核审核) still is.
    @Test(arguments: ["003_pingtan_2021.txt", "015_pingtan_2024.html", "016_pingtan_2025.html"])
    func breadcrumbIsNoDuplicatedWord(_ name: String) throws {
        let found = try Corpus.result(name).findings.filter { $0.code == "TEXT-008" }
        #expect(!found.contains { ($0.evidence ?? "").contains("政府信息公开政府信息公开") }, "\(name)")
        if name.hasPrefix("003") { #expect(found.contains { ($0.evidence ?? "").contains("审核审核") }) }
    }
}
