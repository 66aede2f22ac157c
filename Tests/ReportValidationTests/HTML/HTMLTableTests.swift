import Testing

@testable import ReportValidation

/// Tables: grids with spans expanded, implied row and cell ends, nesting.
@Suite struct HTMLTableTests {
    /// The official table 三 header and its first rows, as the national template merges them.
    static let applicationsTable = """
        <table border="1">
        <tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
            <td colspan="7">申请人情况</td></tr>
        <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
        <tr><td><p>商业</p><p>企业</p></td><td>科研<br>机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
        <tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>217</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>218</td></tr>
        <tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
        <tr><td rowspan="4">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>71</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>71</td></tr>
        <tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>
        <tr><td>2.其他法律行政法规禁止公开</td><td></td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
        <tr><td colspan="2">（七）总计</td><td>217</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>218</td></tr>
        <tr><td colspan="3">四、结转下年度继续办理</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
        </table>
        """

    @Test func applicationsHeaderMergesKeepValuesInTheirColumns() {
        let rows = HTMLTestSupport.rows(Self.applicationsTable)
        let empty = ""
        #expect(
            rows == [
                ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", empty, empty, "申请人情况"]
                    + Array(repeating: empty, count: 6),
                [empty, empty, empty, "自然人", "法人或其他组织", empty, empty, empty, empty, "总计"],
                [empty, empty, empty, empty, "商业 企业", "科研 机构", "社会公益组织", "法律服务机构", "其他", empty],
                ["一、本年新收政府信息公开申请数量", empty, empty, "217", "1", "0", "0", "0", "0", "218"],
                ["二、上年结转政府信息公开申请数量", empty, empty, "0", "0", "0", "0", "0", "0", "0"],
                ["三、本年度办理结果", "（一）予以公开", empty, "71", "0", "0", "0", "0", "0", "71"],
                [empty, "（三）不予公开", "1.属于国家秘密", "4", "0", "0", "0", "0", "0", "4"],
                [empty, empty, "2.其他法律行政法规禁止公开", empty, empty, "0", "0", "0", "0", "0"],
                [empty, "（七）总计", empty, "217", "1", "0", "0", "0", "0", "218"],
                ["四、结转下年度继续办理", empty, empty, "0", "0", "0", "0", "0", "0", "0"],
            ])
    }

    @Test func reviewTableDataRowHasFifteenPositions() {
        let html = """
            <table><tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>
            <tr><td rowspan=2>结果维持</td><td rowspan=2>结果纠正</td><td rowspan=2>其他结果</td><td rowspan=2>尚未审结</td>
            <td rowspan=2>总计</td><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>
            <tr><td>结果维持<td>结果纠正<td>其他结果<td>尚未审结<td>总计<td>结果维持<td>结果纠正<td>其他结果<td>尚未审结<td>总计
            <tr><td>2<td>1<td>3<td>1<td>7<td>0<td><td>0<td>0<td>0<td>13<td>2<td>4<td>0<td>19
            </table>
            """
        let rows = HTMLTestSupport.rows(html)
        #expect(rows.count == 4)
        #expect(rows[2].prefix(5).allSatisfy { $0.isEmpty })
        #expect(rows[3] == ["2", "1", "3", "1", "7", "0", "", "0", "0", "0", "13", "2", "4", "0", "19"])
    }

    @Test(arguments: [
        // Implied </td>, </tr>, <tr>.
        ("<table><tr><td>a<td>b<tr><td>c<td>d</table>", ["a\tb", "c\td"]),
        ("<table><td>a<td>b</table>", ["a\tb"]),
        // <th> is a cell, row groups are transparent.
        ("<table><thead><tr><th>h1<th>h2</thead><tbody><tr><td>1<td>2</tbody></table>", ["h1\th2", "1\t2"]),
        // Rows that are entirely empty are dropped, empty cells inside a row are kept.
        ("<table><tr><td><td>&nbsp;</tr><tr><td>x<td><td>y</tr></table>", ["x\t\ty"]),
        // A row span does not cross into the next row group.
        ("<table><tbody><tr><td rowspan=3>a<td>b</tbody><tbody><tr><td>c<td>d</tbody></table>", ["a\tb", "c\td"]),
        // rowspan=0 and junk spans count as 1.
        ("<table><tr><td rowspan=0 colspan=x>a<td>b<tr><td>c<td>d</table>", ["a\tb", "c\td"]),
        // Text around tables stays outside the rows.
        ("<p>前</p><table><caption>表题</caption><tr><td>a</td></tr></table><p>后</p>", ["前", "表题", "a", "后"]),
        // Stray table tags outside any table are harmless.
        ("</td></tr></table><td>a</td><tr>b", ["a", "b"]),
        // An unclosed table ends with the document.
        ("<table><tr><td>a<td>b", ["a\tb"]),
    ])
    func tableRows(html: String, expected: [String]) {
        #expect(HTMLTestSupport.texts(html) == expected)
    }

    @Test func spannedCellsFillOnlyTheirTopLeftPosition() {
        let html = "<table><tr><td rowspan=2 colspan=2>A</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d<td>e<td>f</table>"
        #expect(HTMLTestSupport.rows(html) == [["A", "", "b"], ["", "", "c"], ["d", "e", "f"]])
    }

    @Test func aTableInsideACellMakesTheOuterTableALayoutWrapper() {
        let html = """
            <table><tr><td><p>一、总体情况</p><p>正文</p>
            <table><tr><td>规章</td><td>0</td></tr></table>
            <p>五、存在的主要问题</p></td></tr></table>
            """
        #expect(HTMLTestSupport.texts(html) == ["一、总体情况", "正文", "规章\t0", "五、存在的主要问题"])
    }

    @Test func cellTextJoinsBlocksWithSpaces() {
        let html = "<table><tr><td><p>三、本</p><p>年<span>度办</span>\n &nbsp; &nbsp;</p><p>理结果</p></td><td>1</td></tr></table>"
        #expect(HTMLTestSupport.texts(html) == ["三、本 年度办 理结果\t1"])
    }
}
