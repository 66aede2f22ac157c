/// Reads table 二 block by block: a `第二十条第（X）项` caption opens a block, `信息内容` its header,
/// and rows are matched to the required rows by anchor; extra rows are kept as printed.
enum DisclosureTableReader {
    static let captionPrefix = "第二十条第("

    static func read(_ rows: [RawRow]) -> DisclosureTable? {
        guard let first = rows.first else { return nil }
        var table = DisclosureTable(line: first.line, blocks: [:], foundIn: nil)
        var current: DisclosureItem? = nil
        for raw in rows {
            let parts = RowParts(raw)
            let key = parts.labelKey
            if let (item, _) = lastCaption(in: key) {
                current = item
                if table.blocks[item] == nil {
                    table.blocks[item] = DisclosureBlock(
                        item: item, caption: item.caption, line: parts.line, headers: [], rows: [])
                }
            }
            guard let item = current else { continue }
            if let range = key.firstRange(of: "信息内容") {
                let labels = parts.labels.map { TextNormalizer.trim($0.text) }
                if let index = labels.firstIndex(where: { TextNormalizer.key($0).contains("信息内容") }),
                    index + 1 < labels.count
                {
                    table.blocks[item]?.headers = Array(labels[(index + 1)...])
                } else {
                    table.blocks[item]?.headers = [String(key[range.upperBound...])]
                }
            }
            guard parts.hasValues else { continue }
            let (label, width) = rowLabel(key, parts: parts, item: item, headers: table.blocks[item]?.headers ?? [])
            var row = DisclosureRow(
                label: label, line: parts.values.first?.line ?? parts.line,
                cells: parts.values.map { Cell(raw: TextNormalizer.trim($0.text), line: $0.line) }, reading: .direct)
            if parts.values.contains(where: \.isRun), let width {
                split(&row, runs: parts.values, width: width, item: item, headers: table.blocks[item]?.headers ?? [])
            }
            table.blocks[item]?.rows.append(row)
        }
        return table.blocks.isEmpty ? nil : table
    }

    /// The last `第二十条第（X）项` caption in a normalised label.
    static func lastCaption(in key: String) -> (DisclosureItem, String.Index)? {
        var found: (DisclosureItem, String.Index)? = nil
        var search = key[...]
        while let range = search.firstRange(of: captionPrefix) {
            let rest = search[range.upperBound...]
            if let close = rest.firstIndex(of: ")"), let item = DisclosureItem(rawValue: String(rest[..<close])) {
                found = (item, close)
            }
            search = rest
        }
        return found
    }

    static let rowAnchors: [(String, String)] = [
        ("规范性文件", "规范性文件"), ("规章", "规章"), ("其他对外管理服务", "其他对外管理服务事项"), ("行政许可", "行政许可"),
        ("行政处罚", "行政处罚"), ("行政强制", "行政强制"), ("事业性收费", "行政事业性收费"), ("集中采购", "政府集中采购"),
    ]

    /// The row's label (the template label when an anchor matches) and its expected width.
    static func rowLabel(_ key: String, parts: RowParts, item: DisclosureItem, headers: [String]) -> (String, Int?) {
        var best: (String, Int)? = nil
        for (anchor, label) in rowAnchors {
            if let position = ByteSearch.lastOffset(of: anchor, in: key),
                best == nil || position > best!.1
            {
                best = (label == "规范性文件" && key.contains("行政规范性文件") ? "行政规范性文件" : label, position)
            }
        }
        let label = best?.0 ?? parts.labelText
        let headerKey = TextNormalizer.key(headers.joined())
        let trial = headerKey.contains("上一年项目数量") || headerKey.contains("本年新制作") || headerKey.contains("采购项目")
        let width: Int? =
            switch item {
            case .one: 3
            case .five, .six: trial ? 3 : 1
            case .eight: trial ? 2 : 1
            case .nine: 2
            }
        return (label, width)
    }

    static func split(_ row: inout DisclosureRow, runs: [RawCell], width: Int, item: DisclosureItem, headers: [String]) {
        let texts = runs.map { TextNormalizer.key($0.text) }
        let trial = TextNormalizer.key(headers.joined()).contains("本年新制作")
        if texts.count < width, texts.contains(where: { $0.contains(".") }) {
            // A decimal amount glued to a count: where the count ends cannot be known.
            row.reading = .ambiguous(original: texts.joined(separator: " "), readings: 2)
            return
        }
        guard
            let options = RunResolver.candidates(
                texts, width: width,
                accept: { v in
                    guard item == .one, v.count == 3 else { return true }
                    return trial ? v[2] >= v[1] : v[2] >= v[0] - v[1]
                })
        else { return }
        let original = texts.joined(separator: " ")
        switch options.count {
        case 0: row.reading = .unsplittable(original: original)
        case 1:
            row.cells = RunResolver.cells(options[0], line: row.line)
            row.reading = .splitFromRun(original: original)
        default: row.reading = .ambiguous(original: original, readings: options.count)
        }
    }
}
