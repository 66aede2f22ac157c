/// What the title says about the issuing unit, and how the report refers to itself (TEXT-010, TEXT-012).
struct UnitProfile {
    /// The unit name from the title, blanks removed.
    let unit: String

    init?(_ document: ReportDocument) {
        guard let raw = document.title?.unit else { return nil }
        let key = TextNormalizer.key(raw)
        guard !key.isEmpty else { return nil }
        unit = key
    }

    /// A people's government or a township-level unit: Art. 50(4) asks for 考核/评议/责任追究 results.
    var isGovernment: Bool {
        let suffixes = ["人民政府", "政府", "镇", "乡", "街道", "街道办事处", "办事处"]
        return suffixes.contains { unit.hasSuffix($0) }
    }

    /// The administrative level of a 县/市/区 government, e.g. `县` for 温县人民政府; nil for any other unit.
    var governmentLevel: Character? {
        for suffix in ["人民政府", "政府"] where unit.hasSuffix(suffix) {
            let stem = unit.dropLast(suffix.count)
            if let last = stem.last, last == "县" || last == "市" || last == "区" { return last }
        }
        return nil
    }

    /// One way a report calls itself, and the unit-name fragments that make it fit.
    struct SelfReference {
        let word: Needle
        let display: String
        let fits: [String]
        /// Scalars after the word that make it a different word (`我办理`, `我委托`).
        let notFollowedBy: Set<Unicode.Scalar>
        /// True for 我县/我市/我区, checked only against a county/city/district government.
        let geographic: Bool
    }

    static let references: [SelfReference] = [
        .init(word: "我镇", display: "我镇", fits: ["镇"], notFollowedBy: [], geographic: false),
        .init(word: "我乡", display: "我乡", fits: ["乡"], notFollowedBy: ["村"], geographic: false),
        .init(word: "我街道", display: "我街道", fits: ["街道", "街"], notFollowedBy: [], geographic: false),
        .init(word: "我中心", display: "我中心", fits: ["中心"], notFollowedBy: [], geographic: false),
        .init(word: "我局", display: "我局", fits: ["局"], notFollowedBy: ["限", "面", "部"], geographic: false),
        .init(word: "我委", display: "我委", fits: ["委"], notFollowedBy: ["托", "屈", "婉"], geographic: false),
        .init(word: "我办", display: "我办", fits: ["办"], notFollowedBy: ["理", "事", "结", "件", "好", "成"], geographic: false),
        .init(word: "我厅", display: "我厅", fits: ["厅"], notFollowedBy: [], geographic: false),
        .init(word: "我院", display: "我院", fits: ["院"], notFollowedBy: [], geographic: false),
        .init(word: "我署", display: "我署", fits: ["署"], notFollowedBy: [], geographic: false),
        .init(word: "我县", display: "我县", fits: ["县"], notFollowedBy: [], geographic: true),
        .init(word: "我区", display: "我区", fits: ["区"], notFollowedBy: ["分", "别"], geographic: true),
        .init(word: "我市", display: "我市", fits: ["市"], notFollowedBy: ["场"], geographic: true),
    ]

    /// Whether `reference` is out of place in this unit's report.
    func misfits(_ reference: SelfReference) -> Bool {
        if reference.fits.contains(where: { unit.contains($0) }) { return false }
        guard reference.geographic else { return true }
        // Only a county/city/district government is judged; its parent city (我市) is a normal reference.
        guard let level = governmentLevel else { return false }
        return reference.display != "我市" && !reference.display.hasSuffix(String(level))
    }

    /// Each self-reference found in `paragraphs`: first paragraph, count, and an excerpt.
    static func selfReferences(in paragraphs: [Paragraph]) -> [(ref: SelfReference, first: Paragraph, count: Int, excerpt: String)] {
        var result: [(ref: SelfReference, first: Paragraph, count: Int, excerpt: String)] = []
        for paragraph in paragraphs {
            guard paragraph.text.has("我") else { continue }
            let st = ScalarText(paragraph.text)
            for ref in references {
                var from = 0
                while let i = st.find(ref.word, in: from..<st.count) {
                    from = i + 1
                    let end = i + ref.word.scalars.count
                    if end < st.count && ref.notFollowedBy.contains(st[end]) { continue }
                    if let k = result.firstIndex(where: { $0.ref.display == ref.display }) {
                        result[k].count += 1
                    } else {
                        let excerpt = st.excerpt(max(0, i - 6)..<min(st.count, end + 10))
                        result.append((ref, paragraph, 1, excerpt))
                    }
                }
            }
        }
        return result
    }
}

/// Keyword checks on sections 一 and 五 (TEXT-009, TEXT-011, TEXT-012), kept lenient on purpose.
enum ContentKeywords {
    /// The five aspects of section 一 (spec §3.3), each with the words that show it is covered.
    static let aspects: [(zh: String, en: String, words: [Needle])] = [
        ("主动公开", "proactive disclosure", ["主动公开"]),
        ("依申请公开", "disclosure on application", ["依申请", "政府信息公开申请", "信息公开申请"]),
        ("政府信息管理", "information management", ["信息管理", "管理", "审核", "审查", "保密"]),
        ("政府信息公开平台建设", "disclosure platforms", ["平台", "网站", "公开栏", "新媒体", "公众号", "专区", "网"]),
        ("监督保障", "supervision and safeguards", ["监督", "保障", "考核", "评议", "培训", "责任"]),
    ]

    /// Art. 50(4) results words for people's governments.
    static let accountabilityWords: [Needle] = ["考核", "评议", "责任追究"]

    /// Words that show section 五 names improvements, not only problems.
    static let improvementWords: [Needle] = [
        "改进", "整改", "加强", "完善", "提升", "提高", "推进", "强化", "健全", "规范", "优化", "措施", "下一步",
        "将", "努力", "进一步", "加大", "持续", "继续", "落实",
    ]

    /// Bare "none" answers for section 五.
    static let noneAnswers: Set<String> = ["无", "无。", "暂无", "暂无。", "无问题", "无。。", "/", "-", "—", "略", "无."]
}
