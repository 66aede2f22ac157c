/// TEXT-005: sentences that present the year before or after the report year as the period worked in
/// (spec §9). Only self-referential statements with a work verb count; plans, comparisons, dates and
/// citations do not.
enum YearConsistency {
    static let workVerbs: [Needle] = ["收到", "受理", "办理", "答复", "办结", "公开", "发布", "印发", "制发"]
    static let selfWords: [Needle] = [
        "我镇", "我乡", "我街道", "我县", "我市", "我区", "我局", "我委", "我办", "我中心", "我厅", "我院", "我单位",
        "我部门", "我机关", "本机关", "本单位", "本部门", "本局", "本委", "本办", "本镇", "本乡", "本中心", "全区",
        "全县", "全市", "全镇", "全乡", "全街道",
    ]
    /// Forward-looking words: a plan for Y+1 is expected in section 五.
    static let forwardWords: [Needle] = [
        "将", "计划", "下一步", "拟", "预计", "力争", "今后", "明年", "目标", "争取", "打算", "规划", "展望", "要",
        "着力", "努力", "继续", "持续",
    ]
    /// Comparisons, spans and references that legitimately name another year.
    static let excludeWords: [Needle] = [
        "较", "比", "同比", "上年", "去年", "以来", "截至", "截止", "结转", "报告", "年报", "相比", "至今", "延续", "遗留",
        "自",
    ]
    /// After `YYYY年`: the year is part of a date or a point in time, not a period.
    static let pointInTime: [Needle] = ["底", "初", "末", "前", "后", "以前", "以后", "起", "内"]

    struct Finding {
        var year: Int
        var paragraph: Paragraph
        var fragment: String
    }

    static func findings(_ document: ReportDocument) -> [Finding] {
        guard let year = document.year else { return [] }
        var found: [Finding] = []
        let prefilter = [year - 1, year + 1].flatMap { y in [Needle(String(y)), Needle(fullWidth(y))] }
        for paragraph in document.paragraphs where paragraph.text.hasAny(prefilter) {
            let text = NumberExtraction.removingBookTitles(paragraph.text)
            let st = ScalarText(text)
            for sentence in st.sentences() {
                let years = NumberExtraction.years(in: st, sentence)
                guard let other = years.first(where: { ($0.year == year - 1 || $0.year == year + 1) && isPeriod(st, $0.index) }),
                    !years.contains(where: { $0.year == year })
                else { continue }
                let after = other.index..<sentence.upperBound
                guard st.containsAny(workVerbs, in: after), st.containsAny(selfWords, in: sentence),
                    !st.containsAny(forwardWords, in: sentence), !st.containsAny(excludeWords, in: sentence)
                else { continue }
                found.append(Finding(year: other.year, paragraph: paragraph, fragment: st.excerpt(sentence, limit: 80)))
            }
        }
        return found
    }

    /// `２０２２`: the year in full-width digits.
    static func fullWidth(_ year: Int) -> String {
        String(String.UnicodeScalarView(String(year).unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! }))
    }

    /// `2022年` or `2022年度` used as a period: not followed by a month (`2022年1月`) or a point in time.
    static func isPeriod(_ st: ScalarText, _ index: Int) -> Bool {
        var next = index + 5
        if next < st.count && st[next] == "度" { next += 1 }
        if next < st.count && (st[next].isASCIIDigitScalar || NumberExtraction.isChineseNumeral(st[next])) { return false }
        return !pointInTime.contains { st.hasPrefix($0, at: next) }
    }
}
