/// Recognises the six top-level headings, their aliases and their ordinals, at the start of a line
/// or — in crawler text that glued a whole report onto one line — in the middle of one.
enum HeadingMatcher {
    /// A heading found at the start of `text`, with what follows it on the same line.
    struct Match {
        var heading: SectionHeading
        /// Text after the heading on the same line (the body of glued text), trimmed.
        var remainder: String
    }

    /// Keys (normalised, see `TextNormalizer.key`) of the wordings accepted for each section; the first is the template's.
    static let variants: [(SectionKind, [String])] = [
        (.overview, ["总体情况", "政府信息公开总体情况", "政府信息公开工作总体情况", "政府信息公开工作的总体情况", "基本情况", "概述"]),
        (.proactive, ["主动公开政府信息情况", "主动公开政府信息的情况", "主动公开政府信息工作情况", "政府信息主动公开情况"]),
        (.applications, [
            "收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况", "收到和处理政府信息公开申请工作情况",
            "依申请公开政府信息情况",
        ]),
        (.reviewLitigation, [
            "政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "政府信息公开行政复议、行政诉讼的情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况", "因政府信息公开申请行政复议、提起行政诉讼情况",
            "政府信息公开行政复议和行政诉讼情况", "政府信息公开行政复议,行政诉讼情况",
        ]),
        (.problems, [
            "存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", "存在的主要问题和改进情况",
            "政府信息公开工作存在的主要问题和改进情况", "存在的主要问题及改进措施", "存在的主要问题和改进措施",
            "主要问题及改进情况", "工作存在的主要问题及改进情况", "存在的主要问题及整改措施", "存在的主要问题和整改措施",
            "存在的主要问题及整改情况", "政府信息公开工作存在的主要问题及整改措施",
        ]),
        (.other, ["其他需要报告的事项", "其它需要报告的事项", "其他需要报告事项"]),
    ]

    /// Variants longest first, so the longest wording wins when one is a prefix of another.
    static let orderedVariants: [(kind: SectionKind, key: String, isTemplate: Bool)] = {
        var all: [(SectionKind, String, Bool)] = []
        for (kind, keys) in variants {
            for (index, key) in keys.enumerated() { all.append((kind, key, index == 0)) }
        }
        return all.sorted { $0.1.count > $1.1.count }
    }()

    /// The heading at the start of `text` (after Markdown `#` and emphasis), if any.
    static func match(_ text: String, line: Int) -> Match? {
        guard mayStartHeading(text) else { return nil }
        var scalars = Substring(text)
        var level = 0
        scalars = scalars.drop { TextNormalizer.isBlank($0.unicodeScalars.first!) }
        while scalars.first == "#" {
            level += 1
            scalars = scalars.dropFirst()
        }
        scalars = scalars.drop { $0 == "*" || $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        guard let first = scalars.first else { return nil }
        var ordinal: Int? = nil
        var rest = scalars
        if ChineseNumeral.digitValue(first) != nil || first == "十" {
            // `三、` with optional blanks around the comma.
            var index = scalars.startIndex
            while index < scalars.endIndex, ChineseNumeral.digitValue(scalars[index]) != nil || scalars[index] == "十" {
                index = scalars.index(after: index)
            }
            let digits = scalars[scalars.startIndex..<index]
            var after = scalars[index...].drop { $0 == " " || $0 == "\u{3000}" }
            guard digits.count <= 2, let separator = after.first, separator == "、" || separator == "." || separator == "．"
            else { return nil }
            after = after.dropFirst()
            ordinal = ChineseNumeral.ordinalValue(digits)
            rest = after
        }
        guard let (kind, isTemplate, consumed) = matchText(rest) else { return nil }
        if ordinal == nil {
            // Unnumbered headings only when the line is exactly a distinctive wording.
            guard kind != .overview, TextNormalizer.key(rest[consumed...]).trimmingHeadingTail().isEmpty else { return nil }
        }
        let headingText = TextNormalizer.trim(scalars[..<consumed]).trimmingHeadingTail()
        var remainder = TextNormalizer.trim(rest[consumed...])
        remainder = String(remainder.drop { "。:：*".contains($0) })
        return Match(
            heading: SectionHeading(
                kind: kind, ordinal: ordinal, text: headingText, line: line, markdownLevel: level,
                isTemplateWording: isTemplate),
            remainder: TextNormalizer.trim(remainder))
    }

    /// Cheap test on the first scalars: a heading starts (after `#`, `*` and blanks) with a Chinese
    /// numeral, or — unnumbered — with the first character of a wording, on a short line.
    static func mayStartHeading(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            if scalar == "#" || scalar == "*" || TextNormalizer.isBlank(scalar) { continue }
            if ChineseNumeral.digitValue(scalar) != nil || scalar == "十" { return true }
            return text.utf8.count <= 120 && variantFirstScalars.contains(scalar)
        }
        return false
    }

    static let variantFirstScalars: Set<Unicode.Scalar> = Set(orderedVariants.compactMap { $0.key.unicodeScalars.first })

    /// Variant keys as scalars, longest first.
    static let variantScalars: [(kind: SectionKind, key: [Unicode.Scalar], isTemplate: Bool)] =
        orderedVariants.map { ($0.kind, Array($0.key.unicodeScalars), $0.isTemplate) }

    /// Matches a wording at the start of `text` ignoring white space; returns the end of the match in `text`.
    static func matchText(_ text: Substring) -> (SectionKind, Bool, Substring.Index)? {
        // Build the key of a bounded prefix, remembering where each key scalar came from.
        var key: [Unicode.Scalar] = []
        var ends: [Substring.Index] = []
        key.reserveCapacity(40)
        ends.reserveCapacity(40)
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex, key.count < 40 {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if !TextNormalizer.isBlank(scalar) {
                key.append(TextNormalizer.fold(scalar))
                ends.append(next)
            }
            index = next
        }
        guard let first = key.first, variantFirstScalars.contains(first) else { return nil }
        for variant in variantScalars where variant.key.count <= key.count && variant.key[0] == first {
            if key[0..<variant.key.count].elementsEqual(variant.key) {
                return (variant.kind, variant.isTemplate, ends[variant.key.count - 1])
            }
        }
        return nil
    }

    /// Positions in a long line where a numbered heading starts (for crawler text glued onto one line).
    static func inlineHeadingStarts(_ text: String) -> [String.Index] {
        var starts: [String.Index] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var previous: Unicode.Scalar? = nil
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let after = scalars.index(after: index)
            if after < scalars.endIndex, scalars[after] == "、", ChineseNumeral.digitValue(scalar) != nil,
                index != scalars.startIndex,
                previous.map({ !(ChineseNumeral.digitValue($0) != nil || $0 == "第" || $0 == "十") }) ?? true,
                matchText(text[scalars.index(after: after)...]) != nil
            {
                starts.append(index)
            }
            previous = scalar
            index = after
        }
        return starts
    }
}

extension StringProtocol {
    /// Drops a trailing `。`, `：`, `:` or Markdown emphasis from a heading.
    func trimmingHeadingTail() -> String {
        var s = Substring(self)
        while let last = s.last, "。:：*.".contains(last) || last == " " { s = s.dropLast() }
        return String(s)
    }
}
