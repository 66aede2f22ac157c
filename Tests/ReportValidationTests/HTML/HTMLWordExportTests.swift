import Testing

@testable import ReportValidation

/// HTML saved from Microsoft Word ("Web Page, Filtered" or not): mso styles, `o:p`, conditional comments.
@Suite struct HTMLWordExportTests {
    static let snippet = """
        <html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
        <head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
        <!--[if gte mso 9]><xml>
         <o:DocumentProperties><o:Author>admin</o:Author></o:DocumentProperties>
        </xml><![endif]-->
        <style>
        <!--
         p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:10.5pt;}
        -->
        </style>
        </head>
        <body lang=ZH-CN style='tab-interval:21.0pt'>
        <div class=WordSection1 style='layout-grid:15.6pt'>
        <p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;
        font-family:方正小标宋简体'>某某局<span lang=EN-US>2023</span>年政府信息公开工作年度报告<span
        lang=EN-US><o:p></o:p></span></span></b></p>
        <p class=MsoListParagraph style='margin-left:21.0pt;text-indent:-21.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
        lang=EN-US>一、<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>总体情况<span
        lang=EN-US><o:p></o:p></span></p>
        <table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
         <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
          <td width=189 colspan=3 valign=top style='width:142.0pt;border:solid windowtext 1.0pt'>
          <p class=MsoNormal><span style='font-family:宋体'>一、本年新收政府信息公开申请数量</span><span
          lang=EN-US><o:p></o:p></span></p>
          </td>
          <td width=47 style='width:35.4pt'><p class=MsoNormal align=center><span lang=EN-US>1</span><span
          lang=EN-US>2<o:p></o:p></span></p></td>
          <td width=47><p class=MsoNormal align=center><span lang=EN-US>0<o:p></o:p></span></p></td>
          <td width=47><p class=MsoNormal align=center><span lang=EN-US><o:p>&nbsp;</o:p></span></p></td>
         </tr>
         <![if !supportMisc]>
         <tr height=0><td width=47 style='border:none'></td></tr>
         <![endif]>
        </table>
        <p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
        <!--[if gte vml 1]><v:shape id="_x0000_s1026" type="#_x0000_t75"><v:imagedata src="x.png"/></v:shape><![endif]-->
        <p class=MsoNormal>六、其他需要报告的事项<span lang=EN-US><o:p></o:p></span></p>
        </div>
        </body>
        </html>
        """

    @Test func wordExportReadsAsTheAuthorWroteIt() {
        let lines = HTMLReader.lines(Self.snippet)
        #expect(
            lines.map(\.text) == [
                "某某局2023年政府信息公开工作年度报告",
                "一、 总体情况",
                "一、本年新收政府信息公开申请数量\t\t\t12\t0\t",
                "六、其他需要报告的事项",
            ])
        #expect(lines.map(\.number) == [15, 18, 21, 37])
    }

    @Test func wordExportDeclaresItsCharset() {
        #expect(HTMLReader.declaredCharset(Array(Self.snippet.utf8)) == "gb2312")
    }
}
