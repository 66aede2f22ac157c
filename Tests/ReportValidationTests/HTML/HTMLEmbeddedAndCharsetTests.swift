import Testing

@testable import ReportValidation

/// HTML inside JavaScript string literals, and the charset a page declares.
@Suite struct HTMLEmbeddedAndCharsetTests {
    @Test func embeddedMarkupIsUnescaped() {
        let script = #"""
            // 字典项 "not this" 'nor this'
            let menu = [{ "id": "1", "name": "上海市" }];
            /* "<p>in a comment</p>" */
            let short = "<p>短</p>";
            let content = "<p style='text-align: center;'>标题<\/p>\t<table class=\"t\"><tr><td>\u4e00\u3001\u603b\u8ba1<\/td><td>5<\/td><\/tr><\/table>\n<p>\ud83d\ude00 \x41\u{1F600}</p>";
            console.log(content);
            """#
        let html = HTMLReader.extractEmbeddedHTML(script)
        #expect(html == "<p style='text-align: center;'>标题</p>\t<table class=\"t\"><tr><td>一、总计</td><td>5</td></tr></table>\n<p>😀 A😀</p>")
        #expect(HTMLReader.lines(html ?? "").map(\.text) == ["标题", "一、总计\t5", "😀 A😀"])
    }

    @Test(arguments: [
        "<html><body><p>页面</p></body></html>",
        "\u{FEFF}  <p>页面 \"<p>x</p>\"</p>",
        "let a = \"no markup here\"; let b = '<span>x</span>';",
        "",
    ])
    func noEmbeddedMarkup(text: String) {
        #expect(HTMLReader.extractEmbeddedHTML(text) == nil)
    }

    @Test func singleQuotedAndTemplateLiteralsCount() {
        #expect(HTMLReader.extractEmbeddedHTML("var a = '<p>它\\'s</p>';") == "<p>它's</p>")
        #expect(
            HTMLReader.extractEmbeddedHTML("const t = `<table>\n<tr><td>1</td></tr></table>`;") == "<table>\n<tr><td>1</td></tr></table>")
    }

    @Test func unterminatedLiteralDoesNotCrash() {
        #expect(HTMLReader.extractEmbeddedHTML("let content = \"<p>未闭合\\") == "<p>未闭合\\")
        #expect(HTMLReader.extractEmbeddedHTML("x = \"<p>\\u12\\uZZZZ\\u{110000}\\x4\"") == "<p>u12uZZZZ\u{FFFD}x4")
    }

    @Test(arguments: [
        ("<meta charset=\"UTF-8\">", "utf-8"),
        ("<META CHARSET=gbk>", "gbk"),
        ("<meta charset='GB18030' />", "gb18030"),
        ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">", "gbk"),
        ("<meta content=\"text/html;charset = GB2312\" http-equiv=\"Content-Type\">", "gb2312"),
        ("<meta name=\"description\" content=\"报告\"><meta charset=\"big5\">", "big5"),
    ])
    func declaredCharsetIsFound(head: String, expected: String) {
        let page = "<!doctype html><html><head>\(head)<title>t</title></head><body></body></html>"
        #expect(HTMLReader.declaredCharset(Array(page.utf8)) == expected)
    }

    @Test(arguments: [
        "<html><head><title>charset=gbk</title></head></html>",
        "<html><head><meta name=\"x\" content=\"y\"></head></html>",
        "<meta charset=>",
        "",
    ])
    func noDeclaredCharset(page: String) {
        #expect(HTMLReader.declaredCharset(Array(page.utf8)) == nil)
    }

    @Test func onlyTheFirstKilobyteIsSearched() {
        let late = "<html><head>" + String(repeating: " ", count: 1100) + "<meta charset=gbk></head></html>"
        #expect(HTMLReader.declaredCharset(Array(late.utf8)) == nil)
        let early = String(repeating: " ", count: 1015) + "<meta   http-equiv=Content-Type content=\"text/html; charset=gbk\">"
        #expect(HTMLReader.declaredCharset(Array(early.utf8)) == "gbk")
    }
}
