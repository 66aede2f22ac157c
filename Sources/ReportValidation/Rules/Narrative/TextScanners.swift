/// Scanners for the text-quality warnings TEXT-006, TEXT-007 and TEXT-008 (spec §10). Each works on one
/// paragraph's scalars and returns what it found with a short excerpt for the evidence.
enum TextScanners {
    // MARK: TEXT-006 — Latin words in Chinese prose

    /// Latin words that are ordinary in Chinese administrative prose (compared lower-cased).
    static let latinAllowlist: Set<String> = [
        "app", "apps", "pdf", "oa", "ai", "wps", "led", "qq", "wifi", "wlan", "ofd", "doc", "docx", "xls", "xlsx",
        "ppt", "pptx", "jpg", "png", "html", "http", "https", "www", "url", "ip", "ipv", "email", "mail", "word",
        "excel", "office", "wechat", "weibo", "ios", "android", "ipad", "iphone", "vr", "ar", "gis", "gps", "ca",
        "ukey", "ic", "id", "ui", "pc", "tv", "ocr", "api", "sdk", "faq", "pos", "ems", "sms", "etc", "cbd", "gdp",
        "cpi", "ppp", "epc", "bim", "iso", "mini", "pro", "plus", "web", "saas", "it", "vip", "logo", "cms", "km",
        "kg", "kw", "kwh", "mb", "gb", "no", "vs", "dna", "ct", "ok", "emall", "eid", "etc", "h", "n", "tob", "tog",
    ]

    /// Stray Latin words (or phrases of them) standing between Chinese characters, e.g. `与企业 and 群众`.
    /// Upper-case acronyms and words with digits (`IPv6`, `5G`) are accepted, as are allowlisted words.
    static func strayLatinWords(_ text: String) -> [String] {
        guard text.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == 0xEF }) else { return [] }
        let s = Array(text.unicodeScalars.lazy.map(ScalarText.fold))
        var found: [String] = []
        var i = 0
        while i < s.count {
            guard s[i].isASCIILetter || s[i].isASCIIDigitScalar else {
                i += 1
                continue
            }
            // A phrase: alphanumeric words separated by single spaces.
            let start = i
            var words: [[Unicode.Scalar]] = [[]]
            while i < s.count {
                if s[i].isASCIILetter || s[i].isASCIIDigitScalar {
                    words[words.count - 1].append(s[i])
                    i += 1
                } else if s[i] == " ", i + 1 < s.count, s[i + 1].isASCIILetter || s[i + 1].isASCIIDigitScalar {
                    words.append([])
                    i += 1
                } else {
                    break
                }
            }
            guard cjkNeighbour(s, from: start - 1, step: -1), cjkNeighbour(s, from: i, step: 1) else { continue }
            if words.contains(where: { !isAcceptedLatin($0) }) {
                found.append(excerpt(s, start..<i, margin: 4))
            }
        }
        return found
    }

    /// The nearest non-blank scalar from `index` in direction `step` is a CJK ideograph.
    static func cjkNeighbour(_ s: [Unicode.Scalar], from index: Int, step: Int) -> Bool {
        var j = index
        while j >= 0 && j < s.count && (s[j] == " " || s[j] == "\u{3000}" || s[j] == "\u{A0}") { j += step }
        return j >= 0 && j < s.count && s[j].isIdeograph
    }

    static func isAcceptedLatin(_ word: [Unicode.Scalar]) -> Bool {
        if word.contains(where: { $0.isASCIIDigitScalar }) { return true }
        if word.count < 2 { return true }
        if word.allSatisfy({ $0.value >= 0x41 && $0.value <= 0x5A }) && word.count <= 6 { return true }
        var lower = String.UnicodeScalarView()
        for scalar in word { lower.append(scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 0x20)! : scalar) }
        return latinAllowlist.contains(String(lower))
    }

    // MARK: TEXT-007 — unbalanced quotes and brackets

    /// The bracket pairs counted per paragraph; ASCII `(`/`)` count with their full-width forms.
    static let pairs: [(open: Unicode.Scalar, close: Unicode.Scalar, alt: (Unicode.Scalar, Unicode.Scalar)?)] = [
        ("“", "”", nil), ("「", "」", nil), ("《", "》", nil), ("（", "）", ("(", ")")),
    ]

    /// For each pair: opens minus closes, and where the first unmatched mark sits. Index `pairs.count` is
    /// the ASCII `"` (1 when odd).
    static func balance(_ text: String) -> [(delta: Int, at: Int?)] {
        if isTriviallyBalanced(text) { return Array(repeating: (0, nil), count: pairs.count + 1) }
        let s = Array(text.unicodeScalars)
        var result: [(delta: Int, at: Int?)] = []
        for pair in pairs {
            var stack: [Int] = []
            var strayClose: Int? = nil
            var closes = 0
            for (k, c) in s.enumerated() {
                if c == pair.open || c == pair.alt?.0 {
                    stack.append(k)
                } else if c == pair.close || c == pair.alt?.1 {
                    if stack.popLast() == nil {
                        closes += 1
                        if strayClose == nil { strayClose = k }
                    }
                }
            }
            result.append((stack.count - closes, stack.first ?? strayClose))
        }
        let quotes = s.indices.filter { s[$0] == "\"" }
        result.append((quotes.count % 2, quotes.count % 2 == 1 ? quotes.last : nil))
        return result
    }

    /// One pass of counting: true when every pair's opens equal its closes and `"` is even (the common case).
    static func isTriviallyBalanced(_ text: String) -> Bool {
        var counts = (0, 0, 0, 0, 0)
        for c in text.unicodeScalars {
            switch c {
            case "“": counts.0 += 1
            case "”": counts.0 -= 1
            case "「": counts.1 += 1
            case "」": counts.1 -= 1
            case "《": counts.2 += 1
            case "》": counts.2 -= 1
            case "（", "(": counts.3 += 1
            case "）", ")": counts.3 -= 1
            case "\"": counts.4 ^= 1
            default: break
            }
        }
        return counts == (0, 0, 0, 0, 0)
    }

    /// Display names for `balance` positions.
    static let pairNames = ["“”", "「」", "《》", "（）", "\"\""]

    // MARK: TEXT-008 — duplicated words

    /// Legitimate reduplications (AA and the halves of AABB forms) that are never flagged.
    static let reduplications: Set<String> = [
        "常常", "人人", "天天", "年年", "日日", "一一", "个个", "层层", "步步", "紧紧", "切切", "实实", "在在",
        "认认", "真真", "事事", "处处", "时时", "家家", "户户", "条条", "件件", "样样", "渐渐", "刚刚", "往往",
        "纷纷", "稍稍", "仅仅", "默默", "深深", "慢慢", "多多", "久久", "明明", "白白", "谢谢", "看看", "好好",
        "早早", "足足", "统统", "恰恰", "频频", "屡屡", "种种", "项项", "级级", "环环", "村村", "月月", "代代",
        "点点", "方方", "面面", "扎扎", "踏踏", "清清", "楚楚", "干干", "净净", "勤勤", "恳恳", "井井", "欣欣",
        "蒸蒸", "源源", "孜孜", "满满", "大大", "小小", "高高", "妈妈", "爸爸", "星星", "岗岗", "户户", "次次",
        "遍遍", "声声", "句句", "字字", "桩桩", "区区", "乡乡", "镇镇", "代代", "世世", "生生", "息息", "相相",
        "平平", "安安", "稳稳", "牢牢", "严严", "细细", "精精", "密密", "麻麻", "整整", "快快", "乐乐", "滚滚",
        // A noun followed by the same word as a verb: 国家有关规定规定应当主动公开的信息.
        "规定规定",
    ]

    /// Duplicated adjacent words: a 2–8 ideograph word repeated (`审核审核`), or one ideograph repeated
    /// across white space or a line wrap (`理由 由`). With `template`, a doubled ideograph that the
    /// template wording does not have counts even without white space (table labels lose their spaces).
    static func duplicates(_ text: String, template: String? = nil) -> [String] {
        let st = ScalarText(text)
        let s = st.scalars
        var found: [String] = []
        var i = 0
        while i + 1 < s.count {
            guard s[i].isIdeograph else {
                i += 1
                continue
            }
            var matched = 0
            for length in 2...8 where i + 2 * length <= s.count && s[i] == s[i + length] {
                var k = 1
                while k < length && s[i + k] == s[i + length + k] && s[i + k].isIdeograph { k += 1 }
                if k == length {
                    let word = String(String.UnicodeScalarView(s[i..<(i + 2 * length)]))
                    if !reduplications.contains(word) && !isAABBHalf(s, i, length) && !isColumnGap(st, i + length) {
                        matched = length
                    }
                    break
                }
            }
            if matched == 0, s[i] == s[i + 1] {
                let pair = String(String.UnicodeScalarView(s[i...(i + 1)]))
                let gap = st.origin[i + 1] > st.origin[i] + 1 && !isColumnGap(st, i + 1)
                let unexpected = template.map { !$0.contains(pair) } ?? false
                if !reduplications.contains(pair) && (gap || unexpected) { matched = 1 }
            }
            if matched > 0 {
                found.append(st.excerpt(max(0, i - 3)..<min(s.count, i + 2 * matched + 3)))
                i += 2 * matched
            } else {
                i += 1
            }
        }
        return found
    }

    /// True when `text` has Chinese punctuation: a line without any (`结果结果其他尚未审结总计`) is table
    /// debris whose header words repeat by design.
    static func looksLikeProse(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "，" || $0 == "。" || $0 == "；" || $0 == "、" || $0 == "：" || $0 == "！" || $0 == "？" }
    }

    /// True when the blanks before folded index `i` look like a gap between table columns (a tab or two
    /// or more spaces on one line), not like a typo or a line wrap.
    static func isColumnGap(_ st: ScalarText, _ i: Int) -> Bool {
        guard i > 0 else { return false }
        let gap = st.original[(st.origin[i - 1] + 1)..<st.origin[i]]
        if gap.contains("\n") || gap.contains("\r") { return false }
        return gap.contains("\t") || gap.count >= 2
    }

    /// True when the repeated 2-ideograph word is itself a doubled character (`哈哈哈哈`, covered by the
    /// single-character check) — avoids reporting the same run twice.
    static func isAABBHalf(_ s: [Unicode.Scalar], _ i: Int, _ length: Int) -> Bool {
        length == 2 && s[i] == s[i + 1]
    }

    /// `range` of `s` with `margin` scalars either side, for evidence.
    static func excerpt(_ s: [Unicode.Scalar], _ range: Range<Int>, margin: Int) -> String {
        let lower = max(0, range.lowerBound - margin)
        let upper = min(s.count, range.upperBound + margin)
        return String(String.UnicodeScalarView(s[lower..<upper]))
    }
}
