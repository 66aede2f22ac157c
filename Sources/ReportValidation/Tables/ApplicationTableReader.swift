/// Reads table 三 from the rows of its region with the cell-stream algorithm of spec §12.3: a label
/// that matches a row anchor opens that row, its value cells follow, fragments of split labels are
/// carried forward, and header rows (which hold no values) are skipped.
enum ApplicationTableReader {
    /// Distinctive substrings of each row label (spec §12.2), matched on the normalised label.
    static let anchors: [(ApplicationRow, [String])] = [
        (.new, ["本年新收", "新收政府信息公开申请"]),
        (.carryIn, ["上年结转", "上年度结转"]),
        (.granted, ["予以公开"]),
        (.partial, ["部分公开"]),
        (.d1, ["国家秘密"]),
        (.d2, ["禁止公开", "其他法律"]),
        (.d3, ["三安全一稳定", "危及\"三安全"]),
        (.d4, ["第三方合法权益", "保护第三方"]),
        (.d5, ["内部事务"]),
        (.d6, ["过程性"]),
        (.d7, ["执法案卷"]),
        (.d8, ["查询事项"]),
        (.u1, ["不掌握"]),
        (.u2, ["另行制作", "没有现成信息"]),
        (.u3, ["补正后", "仍不明确"]),
        (.n1, ["信访举报", "投诉类"]),
        (.n2, ["重复申请"]),
        (.n3, ["公开出版物"]),
        (.n4, ["大量反复", "反复申请"]),
        (.n5, ["确认或重新", "重新出具", "已获取信息"]),
        (.o1, ["逾期不补正", "无正当理由逾期"]),
        (.o2, ["收费通知", "缴纳费用"]),
        (.total, ["总计"]),
        (.carryOut, ["结转下年度", "结转下一年度", "转下年度"]),
        (.subtotalDenied, ["不予公开"]),
        (.subtotalUnable, ["无法提供"]),
        (.subtotalNotProcessed, ["不予处理"]),
        (.oSingle, ["其他处理"]),
    ]

    static func read(_ rows: [RawRow]) -> ApplicationTable? {
        let rows = rows.map(padGridRow)
        guard let first = rows.first else { return nil }
        var table = ApplicationTable(line: first.line, headerFound: false, hasSubtotalColumn: false, rows: [:])
        var headerKeys = ""
        var pending: [String] = []
        var runs: [ApplicationRow: [RawCell]] = [:]
        // A values row whose label did not name a row yet: its label may finish on the next row (002).
        var orphan: (parts: RowParts, own: [String])? = nil
        // The row last stored from an all-blank grid row: the same row with values right after it is
        // its continuation (a label wrapped over a page or line break), not a second copy.
        var blankRow: ApplicationRow? = nil
        // The group （三）…（六） the rows are under, so that a bare `其他` is （六）3 only there.
        var group: ApplicationRow? = nil
        func store(_ key: ApplicationRow, _ parts: RowParts, blank: Bool = false) {
            defer { blankRow = blank ? key : nil }
            let label = parts.labelText.isEmpty ? key.templateLabel : parts.labelText
            var row = ApplicationTableRow(
                key: key, label: label, line: parts.values.first?.line ?? parts.line,
                cells: parts.values.map { Cell(raw: TextNormalizer.trim($0.text), line: $0.line) })
            group = groupOf(key) ?? group
            if let kept = table.rows[key] {
                guard key == blankRow, !blank else {
                    // Kept as printed: T3-STRUCT-005 and READ-004 compare it with the first copy.
                    table.duplicateRows.append(row)
                    return
                }
                row.label = [kept.label, parts.labelText].filter { !$0.isEmpty }.joined(separator: " ")
            }
            table.rows[key] = row
            if parts.values.contains(where: \.isRun) { runs[key] = parts.values }
        }
        for raw in rows {
            let parts = RowParts(raw)
            let own = parts.labels.map { TextNormalizer.key($0.text) }
            // Table 四's title or header: table 三 has ended (a heading the outline missed, crawler text).
            if !table.rows.isEmpty, own.contains(where: { $0.contains("行政复议") || $0.contains("行政诉讼") }) { break }
            group = groupLabel(in: own.joined()) ?? group
            if isForeignOther(own.isEmpty ? Array(pending.suffix(1)) : own, group: group) {
                // `其他` under （三）/（四）/（五）: a local extra row, not （六）3.其他 — never its copy.
                // A label alone stays pending, so that its values on the next row are skipped with it.
                orphan = nil
                pending = parts.hasValues ? [] : (own.isEmpty ? pending : own)
                continue
            }
            if parts.hasValues { headerKeys += own.joined() }
            if let pendingRow = orphan {
                orphan = nil
                if !parts.hasValues, let key = identify(own: pendingRow.own + own, pending: []),
                    table.rows[key] == nil
                {
                    store(key, pendingRow.parts)
                    continue
                }
            }
            if !parts.hasValues, parts.trailingBlanks >= 7, !own.isEmpty,
                let key = identify(own: own, pending: []), table.rows[key] == nil, key != .total || own.last?.contains("总计") == true,
                !isHeader(own.joined())
            {
                // A row of a grid whose cells are all blank: present, with missing values (not 0).
                var blank = parts
                blank.values = Array(repeating: RawCell(text: "", line: parts.line), count: 7)
                store(key, blank, blank: true)
                pending = []
                continue
            }
            guard parts.hasValues else {
                headerKeys += own.joined()
                pending.append(contentsOf: own)
                if pending.count > 4 { pending.removeFirst(pending.count - 4) }
                continue
            }
            let hasNumber = parts.values.contains { if case .number = $0.value { return true } else { return $0.isRun } }
            guard own.isEmpty ? hasNumber : true, let key = identify(own: own, pending: pending) else {
                if hasNumber { orphan = (parts, own) }
                pending = []
                continue
            }
            pending = []
            store(key, parts)
        }
        guard !table.rows.isEmpty else { return nil }
        table.headerFound = headerKeys.contains("自然人") && (headerKeys.contains("总计") || headerKeys.contains("商业"))
        table.hasSubtotalColumn = headerKeys.contains("小计")
        // （六）其他处理 with values is the trial format's single row, or a subtotal when sub-rows exist.
        if let single = table.rows[.oSingle], [.o1, .o2, .o3].contains(where: { table.rows[$0] != nil }) {
            table.rows[.oSingle] = nil
            table.rows[.subtotalOther] = ApplicationTableRow(
                key: .subtotalOther, label: single.label, line: single.line, cells: single.cells)
        }
        RunResolver.resolve(&table, runs: runs)
        return table
    }

    /// In a grid row, blank cells after the last value are blank values when the row is short of 7.
    static func padGridRow(_ row: RawRow) -> RawRow {
        let parts = RowParts(row)
        guard parts.hasValues, parts.values.count < 7, parts.values.count + parts.trailingBlanks >= 7,
            !parts.values.contains(where: \.isRun)
        else { return row }
        var padded = row
        let drop = parts.values.count + parts.trailingBlanks - 7
        padded.cells.removeLast(drop)
        return padded.withTrailingBlanksAsValues(7 - parts.values.count)
    }

    /// The row a label names: the anchor matched latest in the row's own label cells, else in the
    /// fragments carried from label-only rows before it (labels split across rows or pages).
    static func identify(own: [String], pending: [String]) -> ApplicationRow? {
        if let last = own.last, TextNormalizer.stripEnumerator(last) == "其他" { return .o3 }
        if let key = latestAnchor(in: own.joined()) { return key }
        if own.isEmpty, let last = pending.last, TextNormalizer.stripEnumerator(last) == "其他" { return .o3 }
        return latestAnchor(in: (pending + own).joined())
    }

    /// Header text (`自然人`, `商业企业`, `科研机构`…), which no row label contains; a header row repeated
    /// after a page break is not an all-blank row of `其他` (and later `3.其他` not its copy).
    static func isHeader(_ text: String) -> Bool { text.contains("自然人") || text.contains("机构") }

    /// The group a row belongs to: the subtotal row of （三）…（六）, nil outside them.
    static func groupOf(_ key: ApplicationRow) -> ApplicationRow? {
        if key.subtotalChildren != nil { return key }
        if key == .oSingle { return .subtotalOther }
        return ApplicationRow.allCases.first { $0.subtotalChildren?.contains(key) == true }
    }

    /// The group label printed latest in `text` (`（三）不予公开` … `（六）其他处理`), if any.
    static func groupLabel(in text: String) -> ApplicationRow? {
        let labels: [(String, ApplicationRow)] = [
            ("不予公开", .subtotalDenied), ("无法提供", .subtotalUnable), ("不予处理", .subtotalNotProcessed),
            ("其他处理", .subtotalOther),
        ]
        var best: (ApplicationRow, Int)? = nil
        for (label, row) in labels {
            if let position = ByteSearch.lastOffset(of: label, in: text), best == nil || position > best!.1 {
                best = (row, position)
            }
        }
        return best?.0
    }

    /// A bare `其他` label under （三）, （四） or （五）: a sub-row some local templates add, which shares
    /// its label, not its identity, with （六）3.其他.
    static func isForeignOther(_ labels: [String], group: ApplicationRow?) -> Bool {
        guard let last = labels.last, TextNormalizer.stripEnumerator(last) == "其他" else { return false }
        return group == .subtotalDenied || group == .subtotalUnable || group == .subtotalNotProcessed
    }

    static func latestAnchor(in text: String) -> ApplicationRow? {
        guard !text.isEmpty else { return nil }
        var best: (ApplicationRow, Int, Int)? = nil
        for (row, keys) in anchors {
            for key in keys {
                guard let position = ByteSearch.lastOffset(of: key, in: text) else { continue }
                // Later wins; at the same place the longer anchor wins (不予公开 vs 予以公开 never collide).
                if best == nil || position > best!.1 || (position == best!.1 && key.count > best!.2) {
                    best = (row, position, key.count)
                }
            }
        }
        return best?.0
    }
}
