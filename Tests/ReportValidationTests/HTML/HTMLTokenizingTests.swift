import Testing

@testable import ReportValidation

/// Text outside tables: blocks, implied end tags, references, comments and skipped content.
@Suite struct HTMLTokenizingTests {
    @Test(arguments: [
        ("<p>一、总体情况<p>二、主动公开", ["一、总体情况", "二、主动公开"]),
        ("<li>甲<li>乙</ul>丙", ["甲", "乙", "丙"]),
        ("<div>上<div>中</div>下</div>", ["上", "中", "下"]),
        ("<h1>标题</h1>正文<br>第二行<br/>第三行", ["标题", "正文", "第二行", "第三行"]),
        ("<p>前<span>后</span><b>连</b>续</p>", ["前后连续"]),
        ("<P CLASS=x>大写<BR>标签</P>", ["大写", "标签"]),
        ("<p>  多个 \n\t 空白  </p><p> </p><p>&nbsp;</p>", ["多个 空白"]),
        ("a < b and c<3 <", ["a < b and c<3 <"]),
        ("<p>甲</br>乙", ["甲", "乙"]),
    ])
    func blocksBecomeLines(html: String, expected: [String]) {
        #expect(HTMLTestSupport.texts(html) == expected)
    }

    @Test(arguments: [
        ("&amp;&lt;&gt;&quot;&apos;", "&<>\"'"),
        ("a&nbsp;b&ensp;c&emsp;d&thinsp;e", "a b c d e"),
        ("&middot;&mdash;&ndash;&hellip;&times;&copy;", "·—–…×©"),
        ("&ldquo;三安全一稳定&rdquo;&lsquo;x&rsquo;", "“三安全一稳定”‘x’"),
        ("&#20108;&#x4E09;&#X56DB;", "二三四"),
        ("&#150;&#151;", "–—"),
        ("&#0;&#xD800;&#x110000;&#99999999999999;", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
        ("&amp &lt &copy", "& < ©"),
        ("&unknown; &; & x &#; &#x;", "&unknown; &; & x &#; &#x;"),
        ("AT&T", "AT&T"),
    ])
    func referencesAreDecoded(html: String, expected: String) {
        #expect(HTMLTestSupport.texts("<p>\(html)</p>") == [expected])
    }

    @Test(arguments: [
        ("甲<!-- 注释 <p>不显示</p> -->乙", ["甲乙"]),
        ("甲<!---->乙<!-->丙<!--->丁", ["甲乙丙丁"]),
        ("<p>甲</p><!--[if gte mso 9]><xml><w:WordDocument>x</w:WordDocument></xml><![endif]--><p>乙</p>", ["甲", "乙"]),
        ("<p><![if !supportLists]>1.<![endif]>条目</p>", ["1.条目"]),
        ("<!DOCTYPE html><?xml version=\"1.0\"?><p>正文</p>", ["正文"]),
        ("<p>甲</p><!-- 未闭合的注释 <p>乙</p>", ["甲"]),
        ("<p><![CDATA[a<b]]>c</p>", ["a<bc"]),
    ])
    func commentsAndDeclarationsAreHidden(html: String, expected: [String]) {
        #expect(HTMLTestSupport.texts(html) == expected)
    }

    @Test(arguments: [
        ("<script>var s = '<p>不是正文</p>';</script><p>正文</p>", ["正文"]),
        ("<style>p { color: red }</style><p>正文</p>", ["正文"]),
        ("<SCRIPT type=x>if (a</b) {}</ScRiPt >正文", ["正文"]),
        ("<title>网页标题</title><p>正文</p>", ["正文"]),
        ("<script>x</scripty></script>正文", ["正文"]),
        ("<p>正文</p><script>未闭合", ["正文"]),
    ])
    func scriptAndStyleAreSkipped(html: String, expected: [String]) {
        #expect(HTMLTestSupport.texts(html) == expected)
    }

    @Test func attributesMayBeQuotedUnquotedOrBare() {
        let html = "<p class=MsoNormal style='a:\"b>c\"' data-x=\"y>z\" hidden>正文</p>"
        #expect(HTMLTestSupport.texts(html) == ["正文"])
    }

    @Test func lineNumbersPointAtTheBlockInTheSource() {
        let html = "<html>\n<body>\n<p>\n  第一段</p>\n\n<p>第二段</p><p>同一行</p>\n<table>\n<tr>\n<td>单元格</td></tr></table>"
        let lines = HTMLReader.lines(html)
        #expect(lines.map(\.number) == [4, 6, 6, 8])
        #expect(lines.map(\.text) == ["第一段", "第二段", "同一行", "单元格"])
    }

    @Test func unicodeSpacesCollapseLikeASCIISpaces() {
        #expect(HTMLTestSupport.texts("<p>\u{3000}\u{3000}一、总体情况\u{00A0}\u{00A0}说明\u{3000}</p>") == ["一、总体情况 说明"])
    }
}
