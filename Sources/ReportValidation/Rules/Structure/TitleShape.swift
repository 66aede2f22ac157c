/// The title compared with the template shape `<机关全称>YYYY年政府信息公开工作年度报告` (spec §3.1), after
/// white space, line breaks and Markdown marks are removed.
struct TitleShape: Sendable, Equatable {
    static let templateTail = "政府信息公开工作年度报告"

    /// How a title departs from the template shape.
    enum Deviation: Sendable, Equatable {
        /// `…工作报告`: the word 年度 is missing (seed 002).
        case missingAnnual
        /// No `YYYY年` in the title.
        case missingYear
        /// Nothing before the year: the issuing unit is not named.
        case missingUnit
        /// The words after the year are not the template's.
        case otherWording
    }

    /// The title as compared: folded, no white space, no Markdown marks.
    let normalized: String
    let deviation: Deviation?

    init(_ title: String) {
        let key = TextNormalizer.key(title).filter { !"#*_`>".contains($0) }
        normalized = key
        deviation = Self.deviation(of: key)
    }

    private static func deviation(of key: String) -> Deviation? {
        let characters = Array(key)
        guard let yearStart = firstYear(in: characters) else { return .missingYear }
        var tail = String(characters[(yearStart + 5)...])
        // `2023年度政府信息公开工作年度报告`: 年度 after the year is the common, accepted spelling.
        if tail.hasPrefix("度") && tail.dropFirst() == templateTail { tail = templateTail }
        if tail != templateTail {
            return tail == "政府信息公开工作报告" ? .missingAnnual : .otherWording
        }
        return yearStart == 0 ? .missingUnit : nil
    }

    /// Index of the first `DDDD年`.
    private static func firstYear(in characters: [Character]) -> Int? {
        guard characters.count >= 5 else { return nil }
        for start in 0...(characters.count - 5)
        where characters[start..<(start + 4)].allSatisfy(\.isASCIIDigit) && characters[start + 4] == "年" {
            if start > 0, characters[start - 1].isASCIIDigit { continue }
            return start
        }
        return nil
    }

    var explanation: LocalizedText {
        switch deviation {
        case .missingAnnual?: .zh("缺少“年度”二字", en: "the word 年度 (annual) is missing")
        case .missingYear?: .zh("缺少“YYYY年”", en: "the year (YYYY年) is missing")
        case .missingUnit?: .zh("年份前缺少机关全称", en: "the issuing unit is missing before the year")
        case .otherWording?: .zh("年份后的文字与模板不同", en: "the words after the year differ from the template")
        case nil: .zh("符合模板", en: "matches the template")
        }
    }
}
