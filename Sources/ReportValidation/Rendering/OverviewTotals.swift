/// The year's totals on the overview page, from ``YearExport``'s totals over the agencies' current
/// reports: table 三's 总计 column row by row as bars, and table 四 as a small table. A sum that left
/// blank or unreadable cells out says how many (blank is never 0).
struct OverviewTotals: Sendable {
    var language: Language

    func render(_ export: YearExport) -> String {
        var out = ["<section class=\"totals\"><h2>\(words(zh: "本年度合计", en: "The year's totals"))</h2>"]
        guard !export.rows.isEmpty else {
            out.append("<p>\(words(zh: "尚无可合计的报告。", en: "No report to add up yet."))</p></section>")
            return out.joined(separator: "\n")
        }
        out.append(
            "<p class=\"note\">\(words(zh: "按各机关当前版本合计（\(export.rows.count) 个机关）；完整数据见 nianbao export。", en: "Summed over each agency's current report (\(export.rows.count) agencies); every cell is in nianbao export."))</p>"
        )
        out.append(applications(export))
        out.append(review(export))
        out.append("</section>")
        return out.joined(separator: "\n")
    }

    /// Table 三, 总计 column: one bar per template row, scaled to the largest sum.
    func applications(_ export: YearExport) -> String {
        let format = FormatVersion.required(forYear: export.year) ?? .format2021
        let column = ApplicantColumn.total.label
        let rows = ApplicationRow.required(for: format).map { row in
            (row.templateLabel, export.totals[CellKey(.applications, row: row.templateLabel, column: column)] ?? YearExport.Total())
        }
        let largest = rows.map { Self.value($0.1) }.max() ?? 0
        var out = ["<h3>\(PageMarkup.escape(SectionKind.applications.templateHeading))（\(words(zh: "总计列", en: "总计 column"))）</h3>"]
        out.append("<table class=\"bars\" data-table=\"三\"><tbody>")
        for (label, total) in rows {
            let width = largest > 0 ? OverviewHTML.percent(max(0, Self.value(total)) * 100 / largest) : "0.0"
            out.append(
                "<tr data-row=\"\(PageMarkup.escape(label))\" data-sum=\"\(PageMarkup.escape(total.sumText))\"><th class=\"row\">\(PageMarkup.escape(label))</th>"
                    + "<td class=\"bar\"><span style=\"width:\(width)%\"></span></td><td class=\"sum\">\(sum(total))</td></tr>")
        }
        out.append("</tbody></table>")
        return out.joined(separator: "\n")
    }

    /// Table 四: each group's five columns.
    func review(_ export: YearExport) -> String {
        var out = ["<h3>\(PageMarkup.escape(SectionKind.reviewLitigation.templateHeading))</h3>"]
        out.append(
            "<table class=\"t4totals\" data-table=\"四\"><thead><tr><th></th>" + ReviewGroup.columnLabels.map { "<th>\($0)</th>" }.joined()
                + "</tr></thead><tbody>")
        for group in ReviewGroup.allCases {
            let cells = ReviewGroup.columnLabels.map { column in
                let total = export.totals[CellKey(.reviewLitigation, row: group.label, column: column)] ?? YearExport.Total()
                return
                    "<td data-column=\"\(PageMarkup.escape(column))\" data-sum=\"\(PageMarkup.escape(total.sumText))\">\(sum(total))</td>"
            }
            out.append(
                "<tr data-row=\"\(PageMarkup.escape(group.label))\"><th class=\"row\">\(PageMarkup.escape(group.label))</th>\(cells.joined())</tr>"
            )
        }
        out.append("</tbody></table>")
        return out.joined(separator: "\n")
    }

    /// `12`, or `12` with `2 份空白` below it; `—` when no report had a number there.
    func sum(_ total: YearExport.Total) -> String {
        var notes: [String] = []
        if total.blanks > 0 { notes.append(words(zh: "\(total.blanks) 份空白", en: "\(total.blanks) blank")) }
        if total.unreadable > 0 { notes.append(words(zh: "\(total.unreadable) 份无法读取", en: "\(total.unreadable) unreadable")) }
        let value = total.sumText.isEmpty ? "—" : PageMarkup.escape(total.sumText)
        return notes.isEmpty
            ? value : value + "<span class=\"left-out\">\(PageMarkup.escape(notes.joined(separator: words(zh: "，", en: ", "))))</span>"
    }

    /// The sum as a number, for the bar's length.
    static func value(_ total: YearExport.Total) -> Double {
        Double(total.scaled) / Double(YearExport.Total.power(total.scale))
    }

    func words(zh: String, en: String) -> String {
        language == .zh ? zh : en
    }
}

extension OverviewHTML {
    /// The overview's styles on top of ``PageMarkup/style``: the summary bar, badges and the totals' bars.
    static let style = """
        body.overview{max-width:260mm}
        .summary .count{margin-right:1.2em}
        .summary .count.accepted strong{color:#14632d}.summary .count.rejected strong{color:#8f1111}.summary .count.missing strong{color:#6a4a00}
        .stack{display:flex;height:12px;border:1px solid #888;border-radius:3px;overflow:hidden;margin:.3em 0 .8em;max-width:140mm}
        .stack span{display:block;height:100%}
        .stack .accepted,.badge.accepted{background:#1f8a3f}.stack .rejected,.badge.rejected{background:#c62828}.stack .missing,.badge.missing{background:#d9a400}
        .badge{color:#fff;border-radius:3px;padding:0 .4em;font-size:9pt;white-space:nowrap}
        table.agencies td,table.reports td{text-align:center}
        table.agencies th.row,table.reports th.row{text-align:left;background:#fff;word-break:break-all}
        td.file{text-align:left !important;word-break:break-all}
        td.date{white-space:nowrap}
        td.days.overdue{color:#8f1111;font-weight:700}
        .current{font-size:8pt;color:#14632d;border:1px solid #1f8a3f;border-radius:2px;padding:0 .2em}
        .outside{font-size:8pt;color:#8f1111}
        .note{font-size:9pt;color:#555}
        a{color:#0b4f9c}
        table.bars{table-layout:fixed}table.bars th.row{width:46%;font-size:8.5pt;background:none}table.bars td,table.bars th{border:none;border-bottom:1px solid #ddd}
        table.bars td.bar span{display:block;height:.8em;background:#4a78b5;min-width:1px}
        table.bars td.sum{width:16%;text-align:right}
        .left-out{display:block;font-size:7pt;color:#777}
        table.t4totals td{text-align:right}
        @media print{.stack span,.badge,table.bars td.bar span{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        section.tables{break-before:auto}h2{break-after:avoid}}
        """
}
