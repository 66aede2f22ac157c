/// Recognises a statement on 信息处理费 collection (spec §1.3, §3.5): an amount or an explicit "none".
enum FeeStatement {
    static let negations: [Needle] = ["未", "没有", "无", "不", "零", "免"]
    static let feeWords: [Needle] = ["处理费"]
    /// Words that show the fee topic in the looser form "依申请公开…未收取任何费用".
    static let applicationFeeWords: [Needle] = ["费"]
    static let applicationWords: [Needle] = ["申请", "信息公开"]
    /// The ordinary administrative fees of table 二 (第二十条第（八）项), not 信息处理费.
    static let administrativeFee: Needle = "行政事业性收费"
    /// Any mention of fees or fee notices, for FEE-002.
    static let mentionWords: [Needle] = ["处理费", "收费", "费用", "缴费", "缴纳"]

    /// The first sentence of `text` that states how much 信息处理费 was collected, as an excerpt.
    static func statement(in text: String) -> String? {
        guard text.has("费") else { return nil }
        let st = ScalarText(NumberExtraction.removingBookTitles(text))
        for sentence in st.sentences() {
            let aboutFee =
                st.containsAny(feeWords, in: sentence)
                || (st.containsAny(applicationFeeWords, in: sentence) && st.containsAny(applicationWords, in: sentence)
                    && !st.contains(administrativeFee, in: sentence))
            guard aboutFee else { continue }
            if st.containsAny(negations, in: sentence) || hasAmount(st, sentence) {
                return st.excerpt(sentence)
            }
        }
        return nil
    }

    /// True when `text` mentions fees at all (信息处理费, 收费通知, 费用…).
    static func mentionsFee(_ text: String) -> Bool {
        text.hasAny(mentionWords)
    }

    /// An Arabic amount followed by `元`/`万元`, or `为0`.
    static func hasAmount(_ st: ScalarText, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            if let (_, end) = NumberExtraction.arabic(st, at: i, limit: range.upperBound) {
                if end < range.upperBound
                    && (st[end] == "元" || (st[end] == "万" && end + 1 < range.upperBound && st[end + 1] == "元"))
                {
                    return true
                }
                if st.hasSuffix("为", endingAt: i) && st[i] == "0" { return true }
                i = end
            } else {
                i += 1
            }
        }
        return false
    }
}
