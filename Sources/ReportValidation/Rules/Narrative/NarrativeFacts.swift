/// A quantity the narrative may state and the tables also hold (spec §9).
enum NarrativeQuantity: CaseIterable, Hashable {
    case newApplications, carriedIn, processed, carriedOut, review, litigation

    var zh: String {
        switch self {
        case .newApplications: "收到申请数"
        case .carriedIn: "上年结转数"
        case .processed: "办结（答复）数"
        case .carriedOut: "结转下年度数"
        case .review: "行政复议数"
        case .litigation: "行政诉讼数"
        }
    }

    var en: String {
        switch self {
        case .newApplications: "applications received"
        case .carriedIn: "carried in"
        case .processed: "applications handled"
        case .carriedOut: "carried over"
        case .review: "administrative reviews"
        case .litigation: "lawsuits"
        }
    }
}

/// One number the narrative states for a quantity, with where it was said.
struct NarrativeStatement {
    var quantity: NarrativeQuantity
    var value: Int
    var paragraph: Paragraph
    /// The clause as written, for the evidence.
    var fragment: String
    /// True for "none" statements (未收到…申请, 未发生…行政复议).
    var isZeroStatement: Bool
}

/// A stated total with the parts listed after `其中`, e.g. `申请23件，其中书面申请20件、网上申请3件`.
struct NarrativeBreakdown {
    var total: Int
    var parts: [Int]
    var paragraph: Paragraph
    var fragment: String
}

/// Everything the narrative states about the table quantities. Extraction is conservative: a trigger
/// counts only when exactly one count follows it in its clause, and sentences about other years,
/// comparisons or other kinds of requests (建议, 投诉, 许可…) are skipped.
struct NarrativeFacts: Sendable {
    var statements: [NarrativeStatement] = []
    var breakdowns: [NarrativeBreakdown] = []

    /// Sections whose prose is read (二 holds other counts such as 发布信息1836条).
    static let sections: Set<SectionKind> = [.overview, .applications, .reviewLitigation, .problems, .other]

    /// A paragraph is read only when it has one of these (a cheap byte test).
    static let prefilter: [Needle] = ["收到", "受理", "接收", "新收", "接到", "办结", "办理", "答复", "结转", "转下", "转入", "复议", "诉讼"]
    static let newTriggers: [Needle] = ["收到", "受理", "接收", "新收", "接到"]
    static let processedTriggers: [Needle] = ["办结", "办理完毕", "办理结果总计", "答复"]
    static let carryInTriggers: [Needle] = ["上年结转", "上年度结转", "上一年度结转", "上一年结转"]
    static let carryOutTriggers: [Needle] = ["结转下", "结转至下", "结转到下", "转入下", "转下一年", "转下年", "结转至"]
    static let reviewTriggers: [Needle] = ["行政复议"]
    static let litigationTriggers: [Needle] = ["行政诉讼"]
    static let zeroWords: [Needle] = ["未收到", "没有收到", "未接到", "未受理", "无依申请", "无政府信息公开申请", "未发生", "没有发生", "未出现", "未产生"]
    /// Topics whose counts are not disclosure applications.
    static let otherTopics: [Needle] = [
        "建议", "提案", "诉求", "投诉", "咨询", "信访", "留言", "热线", "许可", "审批", "政务服务", "补正", "来电", "举报",
        "12345", "办件",
    ]
    /// Words that make a count a difference, a rate or a running total.
    static let comparisonWords: [Needle] = ["较", "比", "同比", "环比", "增长", "下降", "增加", "减少", "累计", "上升", "以来", "率"]
    /// Outcome words: `未发生…行政复议纠错` denies a correction, not the review itself.
    static let caseOutcomeWords: [Needle] = ["纠错", "纠正", "败诉", "撤销", "违法", "维持"]
    static let resultWords: [Needle] = ["予以公开", "同意公开", "部分公开", "不予", "无法提供", "其他处理", "告知"]

    init(_ document: ReportDocument) {
        let year = document.year
        for paragraph in document.paragraphs where paragraph.section.map(NarrativeFacts.sections.contains) ?? false {
            guard paragraph.text.hasAny(NarrativeFacts.prefilter) else { continue }
            let st = ScalarText(NumberExtraction.removingBookTitles(paragraph.text))
            for sentence in st.sentences() {
                read(st, sentence, paragraph, year)
            }
        }
    }

    private mutating func read(_ st: ScalarText, _ sentence: Range<Int>, _ paragraph: Paragraph, _ year: Int?) {
        let mentionsApplication = st.contains("申请", in: sentence)
        let mentionsReview = st.contains("行政复议", in: sentence) || st.contains("行政诉讼", in: sentence)
        guard mentionsApplication || mentionsReview else { return }
        let years = NumberExtraction.years(in: st, sentence).map(\.year)
        if let year, years.contains(where: { $0 != year && $0 != year + 1 }) { return }
        let clauses = st.clauses(of: sentence)
        // Y+1 is acceptable only as the carry-over target (`结转至2026年6件`).
        if let year {
            for clause in clauses where NumberExtraction.years(in: st, clause).contains(where: { $0.year == year + 1 }) {
                if !st.containsAny(NarrativeFacts.carryOutTriggers, in: clause) { return }
            }
        }
        let disclosure = st.contains("公开", in: sentence)
        var sentenceIsApplications: Bool? = nil
        for clause in clauses {
            let candidates = NarrativeFacts.triggerCandidates(st, clause)
            if candidates.isEmpty || st.containsAny(NarrativeFacts.comparisonWords, in: clause) { continue }
            readClause(st, clause, candidates, paragraph, disclosure: disclosure) {
                if sentenceIsApplications == nil { sentenceIsApplications = NarrativeFacts.isApplicationClause(st, sentence) }
                return sentenceIsApplications!
            }
        }
        if mentionsApplication { readBreakdown(st, sentence, paragraph) }
    }

    /// Every trigger word of every quantity, indexed by its first scalar for a one-pass scan.
    static let triggerTable: [Unicode.Scalar: [(Needle, NarrativeQuantity)]] = {
        var table: [Unicode.Scalar: [(Needle, NarrativeQuantity)]] = [:]
        let groups: [([Needle], NarrativeQuantity)] = [
            (carryInTriggers, .carriedIn), (carryOutTriggers, .carriedOut), (newTriggers, .newApplications),
            (processedTriggers, .processed), (reviewTriggers, .review), (litigationTriggers, .litigation),
        ]
        for (needles, quantity) in groups {
            for needle in needles { table[needle.scalars[0], default: []].append((needle, quantity)) }
        }
        return table
    }()

    /// The trigger words in `clause`, longest first at each position, without overlaps: (quantity, start, length).
    static func triggerCandidates(_ st: ScalarText, _ clause: Range<Int>) -> [(NarrativeQuantity, Int, Int)] {
        var found: [(NarrativeQuantity, Int, Int)] = []
        var i = clause.lowerBound
        while i < clause.upperBound {
            guard let options = triggerTable[st[i]] else {
                i += 1
                continue
            }
            var best: (NarrativeQuantity, Int, Int)? = nil
            for (needle, quantity) in options where i + needle.scalars.count <= clause.upperBound && st.hasPrefix(needle, at: i) {
                if best == nil || needle.scalars.count > best!.2 { best = (quantity, i, needle.scalars.count) }
            }
            if let best {
                found.append(best)
                i += best.2
            } else {
                i += 1
            }
        }
        return found
    }

    private mutating func readClause(
        _ st: ScalarText, _ clause: Range<Int>, _ candidates: [(NarrativeQuantity, Int, Int)], _ paragraph: Paragraph,
        disclosure: Bool, sentenceIsApplications: () -> Bool
    ) {
        var allowed: Set<NarrativeQuantity> = []
        let results = st.containsAny(NarrativeFacts.resultWords, in: clause)
        if NarrativeFacts.isApplicationClause(st, clause) {
            allowed = results ? [.carriedIn, .carriedOut, .newApplications] : [.carriedIn, .carriedOut, .newApplications, .processed]
        } else if !st.containsAny(NarrativeFacts.otherTopics, in: clause) && sentenceIsApplications() {
            // `…收到70件申请，办结68件，1件结转下年度继续办理`: later clauses of a sentence about applications.
            allowed = results ? [.carriedOut] : [.carriedOut, .processed]
        }
        if disclosure && !st.contains("各", in: clause) {
            allowed.formUnion([.review, .litigation])
        }
        let triggers = candidates.filter { allowed.contains($0.0) }
        // `行政复议和行政诉讼案件共3件`: a count shared by both is neither's.
        var sharedCount = false
        for (k, trigger) in triggers.enumerated() {
            let regionEnd = k + 1 < triggers.count ? triggers[k + 1].1 : clause.upperBound
            let after = (trigger.1 + trigger.2)..<regionEnd
            let negated = st.containsAny(NarrativeFacts.zeroWords, in: clause.lowerBound..<min(clause.upperBound, trigger.1 + trigger.2))
            var counts = NumberExtraction.counts(in: st, after)
            if counts.isEmpty && trigger.0 == .carriedOut {
                let before = (k > 0 ? triggers[k - 1].1 + triggers[k - 1].2 : clause.lowerBound)..<trigger.1
                counts = NumberExtraction.counts(in: st, before)
            }
            let isCase = trigger.0 == .review || trigger.0 == .litigation
            if isCase && k + 1 < triggers.count && counts.isEmpty && !negated
                && (triggers[k + 1].0 == .review || triggers[k + 1].0 == .litigation)
            {
                sharedCount = true
                continue
            }
            if isCase && sharedCount { continue }
            let fragment = st.excerpt(clause, limit: 80)
            if negated && isCase && st.containsAny(NarrativeFacts.caseOutcomeWords, in: clause) { continue }
            if negated && counts.isEmpty && trigger.0 != .processed && trigger.0 != .carriedIn {
                statements.append(
                    NarrativeStatement(quantity: trigger.0, value: 0, paragraph: paragraph, fragment: fragment, isZeroStatement: true))
                continue
            }
            guard counts.count == 1, !negated else { continue }
            statements.append(
                NarrativeStatement(
                    quantity: trigger.0, value: counts[0].value, paragraph: paragraph, fragment: fragment, isZeroStatement: false))
        }
    }

    /// The clause speaks of disclosure applications, not of 建议/投诉/许可 or applicants.
    static func isApplicationClause(_ st: ScalarText, _ clause: Range<Int>) -> Bool {
        guard !st.containsAny(NarrativeFacts.otherTopics, in: clause) else { return false }
        var from = clause.lowerBound
        while let i = st.find("申请", in: from..<clause.upperBound) {
            if i + 2 >= clause.upperBound || st[i + 2] != "人" { return true }
            from = i + 2
        }
        return false
    }

    /// `N件，其中A n件、B m件`: the parts listed in the clauses after 其中 (until a clause without a count).
    private mutating func readBreakdown(_ st: ScalarText, _ sentence: Range<Int>, _ paragraph: Paragraph) {
        guard let marker = st.find("其中", in: sentence) else { return }
        let before = sentence.lowerBound..<marker
        guard let totalToken = NumberExtraction.counts(in: st, before).last,
            st.containsAny(NarrativeFacts.newTriggers, in: before), !st.containsAny(NarrativeFacts.otherTopics, in: sentence),
            !st.containsAny(NarrativeFacts.resultWords, in: sentence), !st.containsAny(NarrativeFacts.comparisonWords, in: sentence)
        else { return }
        // The total must belong to the received-applications clause right before 其中.
        let totalClause = st.clauses(of: before).last ?? before
        guard totalClause.contains(totalToken.range.lowerBound), st.containsAny(NarrativeFacts.newTriggers, in: totalClause) else { return }
        var parts: [Int] = []
        var end = marker + 2
        let rest = st.clauses(of: (marker + 2)..<sentence.upperBound)
        for clause in rest {
            let items = st.split(clause) { $0 == "、" }
            var clauseHasCount = false
            for item in items {
                let counts = NumberExtraction.counts(in: st, item)
                guard counts.count == 1 else { continue }
                parts.append(counts[0].value)
                clauseHasCount = true
                end = item.upperBound
            }
            if !clauseHasCount { break }
        }
        guard parts.count >= 2 else { return }
        let fragment = st.excerpt(totalClause.lowerBound..<end, limit: 100)
        breakdowns.append(NarrativeBreakdown(total: totalToken.value, parts: parts, paragraph: paragraph, fragment: fragment))
    }
}
