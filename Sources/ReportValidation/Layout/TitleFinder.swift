/// Finds the title (`<机关全称><YYYY>年政府信息公开工作年度报告`, possibly over two lines) and the report year.
enum TitleFinder {
    static func title(in lines: [SourceLine], before limit: Int) -> Title? {
        let candidates = lines.prefix(min(limit, lines.count)).filter { !TextNormalizer.trim($0.text).isEmpty }.prefix(400)
        let items = Array(candidates)
        for (index, line) in items.enumerated() {
            var text = cleanTitleLine(line.text)
            guard text.count <= 80 else { continue }
            var key = TextNormalizer.key(text)
            guard key.contains("政府信息公开") || key.contains("政务公开") else { continue }
            // The title may continue on the next line (`…政府信息公开工作` / `年度报告`).
            if !key.contains("报告"), index + 1 < items.count {
                let next = cleanTitleLine(items[index + 1].text)
                if TextNormalizer.key(next).contains("报告") && next.count <= 30 {
                    text += next
                    key = TextNormalizer.key(text)
                }
            }
            guard key.contains("报告") else { continue }
            // Or start on the previous one (`王村镇人民政府` / `2022年政府信息公开工作年度报告`).
            if let first = key.first, first.isASCIIDigit, index > 0 {
                let previous = cleanTitleLine(items[index - 1].text)
                let previousKey = TextNormalizer.key(previous)
                if previousKey.count <= 30, !previousKey.contains("。"), TextNormalizer.hasCJK(previousKey) {
                    text = previous + text
                }
            }
            // Web pages append the site to the title (`…年度报告_政府信息公开年报_…`, `…年度报告-沭阳县发改局`).
            for separator in ["_", "-", "|", "－"] {
                if let cut = text.firstRange(of: separator), TextNormalizer.key(text[..<cut.lowerBound]).hasSuffix("报告") {
                    text = String(text[..<cut.lowerBound])
                }
            }
            // Breadcrumbs put the column name first (`政府信息公开年报 平潭…2024年度…报告`).
            for crumb in ["政府信息公开年报", "政府信息公开年度报告"] where TextNormalizer.key(text).hasPrefix(crumb) {
                let rest = TextNormalizer.trim(text.dropFirst(crumb.count))
                if TextNormalizer.key(rest).contains("报告") { text = rest }
            }
            let (year, unit) = yearAndUnit(text)
            // Past the first lines, only a line that names a report year is taken for the title (CMS chrome).
            if index >= 20 && year == nil { continue }
            return Title(text: TextNormalizer.trim(text), line: line.number, year: year, unit: unit)
        }
        return nil
    }

    /// Drops Markdown `#`, emphasis and crawler metadata prefixes (`标题:`).
    static func cleanTitleLine(_ text: String) -> String {
        var s = Substring(TextNormalizer.trim(text))
        s = s.drop { $0 == "#" || $0 == "*" || $0 == " " }
        for prefix in ["标题:", "标题：", "题目:", "题目："] where s.hasPrefix(prefix) {
            s = s.dropFirst(prefix.count)
        }
        while s.last == "*" { s = s.dropLast() }
        return TextNormalizer.trim(s)
    }

    /// The first `YYYY年` (spaces allowed) and the text before it.
    static func yearAndUnit(_ text: String) -> (Int?, String?) {
        let chars = Array(TextNormalizer.fold(text))
        var index = 0
        while index + 3 < chars.count {
            if chars[index].isASCIIDigit, index + 3 < chars.count,
                chars[index...(index + 3)].allSatisfy(\.isASCIIDigit),
                index == 0 || !chars[index - 1].isASCIIDigit
            {
                var after = index + 4
                while after < chars.count, chars[after] == " " { after += 1 }
                if after < chars.count, chars[after] == "年", let year = Int(String(chars[index...(index + 3)])),
                    (1990...2100).contains(year)
                {
                    let unit = TextNormalizer.trim(String(chars[..<index]))
                    return (year, unit.isEmpty ? nil : unit)
                }
            }
            index += 1
        }
        return (nil, nil)
    }
}

/// The report year when the title has none: the year most used as a reporting year in section 一.
enum YearFinder {
    static func mostFrequentYear(in text: String) -> Int? {
        var counts: [Int: Int] = [:]
        let chars = Array(TextNormalizer.fold(text))
        var index = 0
        while index + 4 < chars.count {
            if chars[index...(index + 3)].allSatisfy(\.isASCIIDigit), index == 0 || !chars[index - 1].isASCIIDigit {
                var after = index + 4
                while after < chars.count, chars[after] == " " { after += 1 }
                if after < chars.count, chars[after] == "年", let year = Int(String(chars[index...(index + 3)])),
                    (2000...2100).contains(year)
                {
                    counts[year, default: 0] += 1
                }
            }
            index += 1
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}
