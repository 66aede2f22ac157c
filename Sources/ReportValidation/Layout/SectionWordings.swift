/// What the six top-level headings say, as data: the template wording, wordings known from real reports,
/// and the key words a reviewer recognises a section by (spec §3.2, §15).
enum SectionWordings {
    /// Keys (normalised, see `TextNormalizer.key`) of the wordings known for each section; the first is the
    /// template's. Both format versions share them.
    static let known: [(SectionKind, [String])] = [
        (.overview, ["总体情况", "政府信息公开总体情况", "政府信息公开工作总体情况", "政府信息公开工作的总体情况", "基本情况", "概述"]),
        (.proactive, ["主动公开政府信息情况", "主动公开政府信息的情况", "主动公开政府信息工作情况", "政府信息主动公开情况"]),
        (
            .applications,
            [
                "收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况", "收到和处理政府信息公开申请工作情况",
                "依申请公开政府信息情况",
            ]
        ),
        (
            .reviewLitigation,
            [
                "政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                "因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "政府信息公开行政复议、行政诉讼的情况",
                "因政府信息公开申请行政复议、提起行政诉讼的情况", "因政府信息公开申请行政复议、提起行政诉讼情况",
                "政府信息公开行政复议和行政诉讼情况", "政府信息公开行政复议,行政诉讼情况",
            ]
        ),
        (
            .problems,
            [
                "存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", "存在的主要问题和改进情况",
                "政府信息公开工作存在的主要问题和改进情况", "存在的主要问题及改进措施", "存在的主要问题和改进措施",
                "主要问题及改进情况", "工作存在的主要问题及改进情况", "存在的主要问题及整改措施", "存在的主要问题和整改措施",
                "存在的主要问题及整改情况", "政府信息公开工作存在的主要问题及整改措施", "存在的主要问题及明年工作计划",
                "存在的主要问题及下一步工作打算", "存在的主要问题及下一步工作计划",
            ]
        ),
        (.other, ["其他需要报告的事项", "其它需要报告的事项", "其他需要报告事项"]),
    ]

    /// The key words of each section's template text: every group must be present, any word of a group
    /// will do (六 needs both 其他/其它 and 事项).
    static func keywords(_ section: SectionKind) -> [[String]] {
        switch section {
        case .overview: [["总体", "概述", "概况", "基本情况"]]
        case .proactive: [["主动公开"]]
        case .applications: [["申请"]]
        case .reviewLitigation: [["复议", "诉讼"]]
        case .problems: [["问题", "不足"]]
        case .other: [["其他", "其它"], ["事项"]]
        }
    }

    /// Words a heading ends on (`…情况`, `…措施`, `…事项`): where a heading stops in text glued onto one line.
    static let endings = ["情况", "事项", "措施", "计划", "打算", "安排", "举措", "思路", "方向"]

    /// Longest key of a heading read by its key words; longer text is a sentence, not a heading.
    static let maximumKeywordHeading = 32

    /// How many characters a heading of `length` may differ from a known wording and still be that wording:
    /// one for short wordings, two from eight characters on, none under four.
    static func typoBudget(forLength length: Int) -> Int {
        length >= 8 ? 2 : length >= 4 ? 1 : 0
    }
}
