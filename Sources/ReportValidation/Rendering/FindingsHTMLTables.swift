/// Tables 二, 三 and 四 of the findings page, redrawn from the snapshot's cells with the template's
/// row and column names: numbers as printed, blank and placeholder cells named as such, cells that
/// could not be read marked not assessable, and each cell of a broken identity outlined with its
/// rule codes (`data-rule`) and the value the identity expects.
struct FindingsHTMLTables: Sendable {
    var language: Language

    /// The marks of one cell: the codes of the broken identities it is part of, and what each expects.
    struct Mark {
        var codes: [String] = []
        var expected: [Int] = []
    }

    func render(_ result: ValidationResult) -> String {
        guard let snapshot = result.snapshot else { return "" }
        var marks: [CellKey: Mark] = [:]
        for finding in result.findings {
            for cell in finding.cells {
                var mark = marks[cell.key] ?? Mark()
                if !mark.codes.contains(finding.code.rawValue) { mark.codes.append(finding.code.rawValue) }
                if let expected = cell.expected, !mark.expected.contains(expected) { mark.expected.append(expected) }
                marks[cell.key] = mark
            }
        }
        let format = snapshot.format ?? .format2021
        var out = ["<section class=\"tables\"><h2>\(words(zh: "表格（按读取结果重绘）", en: "The tables as read"))</h2>"]
        out.append(legend())
        out.append(disclosure(snapshot, format: format, marks: marks))
        out.append(applications(snapshot, format: format, marks: marks))
        out.append(review(snapshot, marks: marks))
        out.append("</section>")
        return out.joined(separator: "\n")
    }

    func legend() -> String {
        let items = [
            ("broken", words(zh: "勾稽关系不成立（框内为规则编号与应有数值）", en: "identity does not hold (rule code and expected value)")),
            ("blank", words(zh: "空白", en: "blank")),
            ("placeholder", words(zh: "占位符（如“/”“无”）", en: "placeholder (such as / or 无)")),
            ("unread", words(zh: "无法核对（未能逐格读取）", en: "not assessable (not read cell by cell)")),
        ]
        return "<p class=\"legend\">"
            + items.map { "<span class=\"key \($0.0)\"></span>\(PageMarkup.escape($0.1))" }.joined(separator: " ")
            + "</p>"
    }

    /// Table 二: one small table per 第二十条 item, as in the template.
    func disclosure(_ snapshot: ReportSnapshot, format: FormatVersion, marks: [CellKey: Mark]) -> String {
        var out = ["<h3>\(PageMarkup.escape(SectionKind.proactive.templateHeading))</h3>"]
        guard snapshot.cells.keys.contains(where: { $0.table == .proactive }) else {
            return (out + [absent(.proactive)]).joined()
        }
        for item in DisclosureItem.required(for: format) {
            let rows = item.requiredRows(for: format)
            guard let columns = rows.first?.columns else { continue }
            out.append("<table class=\"t2\" data-table=\"二\"><thead>")
            out.append("<tr><th class=\"caption\" colspan=\"\(columns.count + 1)\">\(PageMarkup.escape(item.caption))</th></tr>")
            out.append("<tr><th>信息内容</th>" + columns.map { "<th>\(PageMarkup.escape($0))</th>" }.joined() + "</tr></thead><tbody>")
            for row in rows {
                let cells = row.columns.map { cell(snapshot, CellKey(.proactive, row: row.label, column: $0), marks) }
                out.append("<tr><th class=\"row\">\(PageMarkup.escape(row.label))</th>\(cells.joined())</tr>")
            }
            out.append("</tbody></table>")
        }
        return out.joined(separator: "\n")
    }

    /// Table 三: the applicant header in two tiers, the rows in template order.
    func applications(_ snapshot: ReportSnapshot, format: FormatVersion, marks: [CellKey: Mark]) -> String {
        var out = ["<h3>\(PageMarkup.escape(SectionKind.applications.templateHeading))</h3>"]
        guard snapshot.cells.keys.contains(where: { $0.table == .applications }) else {
            return (out + [absent(.applications)]).joined()
        }
        out.append(
            "<table class=\"t3\" data-table=\"三\"><colgroup><col class=\"label\">" + String(repeating: "<col>", count: 7)
                + "</colgroup><thead>")
        out.append(
            "<tr><th rowspan=\"3\">本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和</th><th colspan=\"7\">申请人情况</th></tr>")
        out.append("<tr><th rowspan=\"2\">自然人</th><th colspan=\"5\">法人或其他组织</th><th rowspan=\"2\">总计</th></tr>")
        out.append("<tr>" + ApplicantColumn.parts.dropFirst().map { "<th>\(PageMarkup.escape($0.label))</th>" }.joined() + "</tr>")
        out.append("</thead><tbody>")
        let present = Set(snapshot.cells.keys.filter { $0.table == .applications }.map(\.row))
        for row in Self.applicationRows(format) {
            if row == .granted { out.append("<tr class=\"group\"><th colspan=\"8\">三、本年度办理结果</th></tr>") }
            if row.subtotalChildren != nil, !present.contains(row.templateLabel) { continue }
            let cells = ApplicantColumn.allCases.map {
                cell(snapshot, CellKey(.applications, row: row.templateLabel, column: $0.label), marks)
            }
            out.append("<tr><th class=\"row\">\(PageMarkup.escape(row.templateLabel))</th>\(cells.joined())</tr>")
        }
        out.append("</tbody></table>")
        return out.joined(separator: "\n")
    }

    /// Table 三's rows in template order: each optional subtotal row before the rows it sums.
    static func applicationRows(_ format: FormatVersion) -> [ApplicationRow] {
        var rows: [ApplicationRow] = []
        for row in ApplicationRow.required(for: format) {
            switch row {
            case .d1: rows.append(.subtotalDenied)
            case .u1: rows.append(.subtotalUnable)
            case .n1: rows.append(.subtotalNotProcessed)
            case .o1: rows.append(.subtotalOther)
            default: break
            }
            rows.append(row)
        }
        return rows
    }

    /// Table 四: 行政复议 and the two kinds of 行政诉讼, five columns each, one data row.
    func review(_ snapshot: ReportSnapshot, marks: [CellKey: Mark]) -> String {
        var out = ["<h3>\(PageMarkup.escape(SectionKind.reviewLitigation.templateHeading))</h3>"]
        guard snapshot.cells.keys.contains(where: { $0.table == .reviewLitigation }) else {
            return (out + [absent(.reviewLitigation)]).joined()
        }
        out.append("<table class=\"t4\" data-table=\"四\"><thead>")
        out.append("<tr><th colspan=\"5\" rowspan=\"2\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>")
        out.append("<tr><th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">复议后起诉</th></tr>")
        let headers = ReviewGroup.allCases.flatMap { _ in ReviewGroup.columnLabels }
        out.append("<tr>" + headers.map { "<th>\(PageMarkup.escape($0))</th>" }.joined() + "</tr></thead><tbody><tr>")
        for group in ReviewGroup.allCases {
            for column in ReviewGroup.columnLabels {
                out.append(cell(snapshot, CellKey(.reviewLitigation, row: group.label, column: column), marks))
            }
        }
        out.append("</tr></tbody></table>")
        return out.joined(separator: "\n")
    }

    func absent(_ table: TableKind) -> String {
        "<p class=\"absent\">\(words(zh: "未读到表\(table.rawValue)。", en: "Table \(table.rawValue) was not found."))</p>"
    }

    /// One `<td>` named by its template row and column, with its value as read and any identity mark.
    func cell(_ snapshot: ReportSnapshot, _ key: CellKey, _ marks: [CellKey: Mark]) -> String {
        var classes: [String] = []
        var content: String
        switch snapshot.cells[key]?.value {
        case .number:
            classes.append("number")
            content = PageMarkup.escape(snapshot.cells[key]?.raw ?? "")
        case .blank:
            classes.append("blank")
            content = words(zh: "空白", en: "blank")
        case .placeholder:
            classes.append("placeholder")
            content = PageMarkup.escape(snapshot.cells[key]?.raw ?? "")
        case .text:
            classes.append("text")
            content = PageMarkup.escape(snapshot.cells[key]?.raw ?? "")
        case .notAssessable:
            classes.append("unread")
            content = words(zh: "无法核对", en: "not assessable")
        case nil:
            classes.append("missing")
            content = words(zh: "未读到", en: "not found")
        }
        var attributes = " data-row=\"\(PageMarkup.escape(key.row))\" data-column=\"\(PageMarkup.escape(key.column))\""
        if let mark = marks[key] {
            classes.append("broken")
            attributes += " data-rule=\"\(PageMarkup.escape(mark.codes.joined(separator: " ")))\""
            let codes = "<span class=\"rule\">\(PageMarkup.escape(mark.codes.joined(separator: " ")))</span>"
            let expected = mark.expected.map { "<span class=\"expected\">\(words(zh: "应为", en: "expected")) \($0)</span>" }.joined()
            content = "<span class=\"value\">\(content)</span>\(codes)\(expected)"
            if !mark.expected.isEmpty { attributes += " data-expected=\"\(mark.expected.map(String.init).joined(separator: " "))\"" }
        }
        return "<td class=\"\(classes.joined(separator: " "))\"\(attributes)>\(content)</td>"
    }

    func words(zh: String, en: String) -> String {
        language == .zh ? zh : en
    }
}
