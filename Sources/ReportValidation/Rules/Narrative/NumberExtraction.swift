/// A count written in prose: a number directly followed by a counting unit (`4 个`, `二十三件`, `１２起`).
struct CountToken: Equatable {
    var value: Int
    /// Folded scalar range of number and unit.
    var range: Range<Int>
    var unit: Unicode.Scalar
}

/// A calendar date written in prose (`2024年1月1日`, `12月31日`); `year` is nil when omitted.
struct ProseDate: Equatable {
    var year: Int?
    var month: Int
    var day: Int
    var range: Range<Int>
}

/// Conservative number reading for narrative checks: only plain counts, never approximations.
enum NumberExtraction {
    /// The counting units accepted after a number (spec §9).
    static let units: Set<Unicode.Scalar> = ["件", "个", "条", "起", "宗", "次"]

    /// Words after a unit that make it a duration or a property, not a count (`20个工作日`, `一次性`).
    static let notCountAfterUnit: [Needle] = ["工作日", "自然日", "日", "天", "月", "小时", "年", "季度", "百分点", "性", "批", "部分", "方面", "环节", "阶段"]

    /// Words before a number that make it approximate or ordinal (`近20件`, `第一次`).
    static let approximatePrefixes: [Needle] = ["近", "约", "超过", "逾", "不足", "不到", "第", "每", "数", "几", "上万", "等"]

    /// Characters that, directly before a Chinese numeral, make it part of a word (`统一`, `唯一`, `之一`).
    static let wordBeforeNumeral: Set<Unicode.Scalar> = [
        "统", "唯", "之", "专", "同", "逐", "单", "任", "某", "哪", "这", "那", "几", "数", "周", "星", "初", "万",
        "合", "划", "归", "进",
    ]

    /// Every count token in `range` of `text`.
    static func counts(in text: ScalarText, _ range: Range<Int>) -> [CountToken] {
        var tokens: [CountToken] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let start = i
            if let (value, end) = arabic(text, at: i, limit: range.upperBound) ?? chinese(text, at: i, limit: range.upperBound) {
                i = max(end, i + 1)
                guard end < range.upperBound, units.contains(text[end]) else { continue }
                if isApproximate(text, before: start) || isDecimalOrPercent(text, start: start) { continue }
                if notCountAfterUnit.contains(where: { text.hasPrefix($0, at: end + 1) }) { continue }
                // `一起` (together), `一次` (once), `一条`/`一个` (a, one kind of) are ordinary words.
                if text[start] == "一" && end == start + 1 { continue }
                tokens.append(CountToken(value: value, range: start..<(end + 1), unit: text[end]))
                i = end + 1
            } else {
                i += 1
            }
        }
        return tokens
    }

    /// Arabic digits (commas as thousands separators allowed) starting at `i`: value and end index.
    static func arabic(_ text: ScalarText, at i: Int, limit: Int) -> (Int, Int)? {
        guard text[i].isASCIIDigitScalar, i == 0 || !(text[i - 1].isASCIIDigitScalar || text[i - 1] == "." || text[i - 1] == ",") else {
            return nil
        }
        var value = 0
        var j = i
        var digits = 0
        while j < limit {
            let s = text[j]
            if s.isASCIIDigitScalar {
                value = value * 10 + Int(s.value - 0x30)
                digits += 1
                if digits > 9 { return nil }
                j += 1
            } else if s == ",", j + 3 < limit, (1...3).allSatisfy({ text[j + $0].isASCIIDigitScalar }),
                j + 4 >= limit || !text[j + 4].isASCIIDigitScalar
            {
                j += 1
            } else {
                break
            }
        }
        return (value, j)
    }

    /// A simple Chinese numeral (`零`…`九千`, `两`) starting at `i`, not glued to a preceding word.
    static func chinese(_ text: ScalarText, at i: Int, limit: Int) -> (Int, Int)? {
        guard isChineseNumeral(text[i]) else { return nil }
        if i > 0 && (wordBeforeNumeral.contains(text[i - 1]) || isChineseNumeral(text[i - 1])) { return nil }
        var j = i
        var view = String.UnicodeScalarView()
        while j < limit && isChineseNumeral(text[j]) && j - i < 8 {
            view.append(text[j])
            j += 1
        }
        guard let value = ChineseNumeral.value(of: Substring(String(view))) else { return nil }
        return (value, j)
    }

    @inline(__always)
    static func isChineseNumeral(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千": true
        default: false
        }
    }

    static func isApproximate(_ text: ScalarText, before start: Int) -> Bool {
        approximatePrefixes.contains { text.hasSuffix($0, endingAt: start) }
    }

    static func isDecimalOrPercent(_ text: ScalarText, start: Int) -> Bool {
        start > 0 && (text[start - 1] == "." || text[start - 1] == "-" || text[start - 1] == "~" || text[start - 1] == "至")
    }

    /// Four-digit years written as `2021年` in `range`: value and start index.
    static func years(in text: ScalarText, _ range: Range<Int>) -> [(year: Int, index: Int)] {
        var found: [(Int, Int)] = []
        var i = range.lowerBound
        while i + 4 < range.upperBound {
            guard (0..<4).allSatisfy({ text[i + $0].isASCIIDigitScalar }), text[i + 4] == "年",
                i == 0 || !text[i - 1].isASCIIDigitScalar
            else {
                i += 1
                continue
            }
            let value = (0..<4).reduce(0) { $0 * 10 + Int(text[i + $1].value - 0x30) }
            if (1990...2100).contains(value) { found.append((value, i)) }
            i += 5
        }
        return found
    }

    /// A small Arabic number (1–4 digits) at `i`, or nil.
    static func small(_ text: ScalarText, at i: Int) -> (Int, Int)? {
        var j = i
        var value = 0
        while j < text.count && text[j].isASCIIDigitScalar && j - i < 4 {
            value = value * 10 + Int(text[j].value - 0x30)
            j += 1
        }
        return j > i ? (value, j) : nil
    }

    /// Dates `[YYYY年]M月D日` in `range`, in order.
    static func dates(in text: ScalarText, _ range: Range<Int>) -> [ProseDate] {
        var dates: [ProseDate] = []
        var i = range.lowerBound
        while i < range.upperBound {
            guard text[i].isASCIIDigitScalar, i == range.lowerBound || !text[i - 1].isASCIIDigitScalar else {
                i += 1
                continue
            }
            var year: Int? = nil
            var cursor = i
            if let (y, end) = small(text, at: cursor), end - cursor == 4, end < range.upperBound, text[end] == "年" {
                year = y
                cursor = end + 1
            }
            if let (m, mEnd) = small(text, at: cursor), mEnd < range.upperBound, text[mEnd] == "月",
                let (d, dEnd) = small(text, at: mEnd + 1), dEnd < range.upperBound, text[dEnd] == "日" || text[dEnd] == "号",
                (1...12).contains(m), (1...31).contains(d)
            {
                dates.append(ProseDate(year: year, month: m, day: d, range: i..<(dEnd + 1)))
                i = dEnd + 1
            } else {
                i = max(cursor, i + 1)
            }
        }
        return dates
    }
}

extension NumberExtraction {
    /// `text` without the titles between `《` and `》`, so that a cited measure (《…信息处理费管理办法》)
    /// or work plan (《2022年政务公开工作要点》) is not read as a statement of the report.
    static func removingBookTitles(_ text: String) -> String {
        guard text.unicodeScalars.contains("《") else { return text }
        var view = String.UnicodeScalarView()
        var depth = 0
        for scalar in text.unicodeScalars {
            if scalar == "《" {
                depth += 1
                view.append("《")
            } else if scalar == "》" {
                if depth > 0 { depth -= 1 }
                view.append("》")
            } else if depth == 0 {
                view.append(scalar)
            }
        }
        return String(view)
    }
}
