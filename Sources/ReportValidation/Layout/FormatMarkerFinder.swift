/// Finds the phrases that identify a format version (spec §7) and local template variations (FMT-005).
enum FormatMarkerFinder {
    static let markers: [(FormatVersion, String)] = [
        (.trial2019, "本年新制作数量"), (.trial2019, "本年新公开数量"), (.trial2019, "对外公开总数量"),
        (.trial2019, "上一年项目数量"), (.trial2019, "本年增/减"), (.trial2019, "其他对外管理服务事项"),
        (.trial2019, "第二十条第(九)项"), (.trial2019, "政府集中采购"), (.trial2019, "采购项目数量"),
        (.format2021, "本年制发件数"), (.format2021, "本年废止件数"), (.format2021, "现行有效件数"),
        (.format2021, "本年处理决定数量"), (.format2021, "本年收费金额"), (.format2021, "逾期不补正"),
        (.format2021, "逾期未按收费通知"),
    ]

    static func find(in lines: [SourceLine], applicationTable: ApplicationTable?) -> [FormatMarker] {
        var found: [FormatMarker] = []
        var seen: Set<String> = []
        for line in lines {
            let key = TextNormalizer.key(line.text)
            guard key.contains("数") || key.contains("第二十条") || key.contains("逾期") || key.contains("采购") || key.contains("金额") else {
                continue
            }
            for (version, phrase) in markers where !seen.contains(phrase) && key.contains(phrase) {
                // Narrative mentions of fees and procurement are not template markers.
                if phrase == "政府集中采购" && key.contains("。") { continue }
                seen.insert(phrase)
                found.append(FormatMarker(version: version, text: phrase, line: line.number))
            }
        }
        if let single = applicationTable?.rows[.oSingle], applicationTable?.rows[.o1] == nil,
            applicationTable?.rows[.o2] == nil
        {
            found.append(FormatMarker(version: .trial2019, text: "（六）其他处理（单行）", line: single.line))
        }
        return found
    }

    /// Local variations of the template that are tolerated but noted.
    static func variations(in document: ReportDocument) -> [TemplateVariation] {
        var result: [TemplateVariation] = []
        if let table = document.disclosureTable {
            for block in table.blocks.values.sorted(by: { $0.line < $1.line }) {
                let header = block.headers.joined()
                if TextNormalizer.key(header).contains("保留") {
                    result.append(TemplateVariation(text: header, line: block.line, table: .proactive))
                }
                let known = ["规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购"]
                for row in block.rows where !known.contains(where: { row.label.hasSuffix($0) }) {
                    result.append(TemplateVariation(text: row.label, line: row.line, table: .proactive))
                }
            }
        }
        if let table = document.applicationTable {
            for key in [ApplicationRow.subtotalDenied, .subtotalUnable, .subtotalNotProcessed, .subtotalOther] {
                if let row = table.rows[key] {
                    result.append(TemplateVariation(text: row.label, line: row.line, table: .applications))
                }
            }
            if table.hasSubtotalColumn {
                result.append(TemplateVariation(text: "法人或其他组织小计", line: table.line, table: .applications))
            }
        }
        return result
    }
}
