/// Recognises the six top-level headings, their aliases and their ordinals, at the start of a line
/// or — in crawler text that glued a whole report onto one line — in the middle of one.
enum HeadingMatcher {
    /// A heading found at the start of `text`, with what follows it on the same line.
    struct Match {
        var heading: SectionHeading
        /// Text after the heading on the same line (the body of glued text), trimmed.
        var remainder: String
    }

    /// Keys of the known wordings of each section; the first is the template's (see `SectionWordings`).
    static let variants = SectionWordings.known

    /// Variants longest first, so the longest wording wins when one is a prefix of another.
    static let orderedVariants: [(kind: SectionKind, key: String, isTemplate: Bool)] = {
        var all: [(SectionKind, String, Bool)] = []
        for (kind, keys) in variants {
            for (index, key) in keys.enumerated() { all.append((kind, key, index == 0)) }
        }
        return all.sorted { $0.1.count > $1.1.count }
    }()

    /// The heading at the start of `text` (after Markdown `#` and emphasis), if any: a known wording, else —
    /// under an ordinal — a wording one or two characters off, else the section's key words (spec §3.2).
    /// `level` is the heading level the container marked on the line (`<h2>`, a Word heading style).
    static func match(_ text: String, line: Int, level containerLevel: Int = 0) -> Match? {
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
        let kind: SectionKind
        let wording: HeadingWording
        let consumed: Substring.Index
        if let (known, isTemplate, end) = matchText(rest) {
            (kind, wording, consumed) = (known, isTemplate ? .template : .alias, end)
        } else if let ordinal, let section = SectionKind(rawValue: ordinal),
            let (meant, end) = matchByMeaning(rest, section: section)
        {
            (kind, wording, consumed) = (section, meant, end)
        } else {
            return nil
        }
        if ordinal == nil {
            // Unnumbered headings only when the line is exactly a distinctive wording.
            guard kind != .overview, TextNormalizer.key(rest[consumed...]).trimmingHeadingTail().isEmpty else { return nil }
        }
        let headingText = TextNormalizer.trim(scalars[..<consumed]).trimmingHeadingTail()
        var remainder = TextNormalizer.trim(rest[consumed...])
        remainder = String(remainder.drop { "。:：*".contains($0) })
        // `五、存在的主要问题及改进情况，我们…`: a sentence that starts like a heading goes on as prose.
        if ordinal != nil, let next = remainder.first, "，,；;、的".contains(next) { return nil }
        return Match(
            heading: SectionHeading(
                kind: kind, ordinal: ordinal, text: headingText, line: line, markdownLevel: max(level, containerLevel),
                wording: wording),
            remainder: TextNormalizer.trim(remainder))
    }

    /// A heading of `section` (the one its ordinal names) that no known wording matches: within a small
    /// edit distance of one (a typo), or a short phrase with the section's key words (a local variant).
    /// Returns how it was recognised and where the heading ends in `text`.
    static func matchByMeaning(_ text: Substring, section: SectionKind) -> (HeadingWording, Substring.Index)? {
        let (key, ends) = keyScalars(text, limit: 48)
        guard !key.isEmpty else { return nil }
        let whole = ends.last.map { TextNormalizer.key(text[$0...]).isEmpty } ?? true
        // A line that is only a short phrase: the heading is the whole line or nothing.
        let isShortLine = whole && key.count <= SectionWordings.maximumKeywordHeading
        var phrase = key[...]
        while let last = phrase.last, "。:.*".unicodeScalars.contains(last) { phrase = phrase.dropLast() }
        let phraseHasKeywords = isShortLine && !phrase.isEmpty && isHeadingPhrase(phrase) && hasKeywords(phrase, of: section)
        // A typo: the closest prefix to a known wording of this section.
        var best: (length: Int, distance: Int)? = nil
        for (kind, wordings) in variants where kind == section {
            for wording in wordings {
                let pattern = Array(wording.unicodeScalars)
                let budget = SectionWordings.typoBudget(forLength: pattern.count)
                guard let found = EditDistance.closestPrefix(of: key[...], to: pattern, budget: budget) else { continue }
                let prefix = key[..<found.length]
                guard isHeadingPhrase(prefix), found.distance == 1 || hasKeywords(prefix, of: section) else { continue }
                // A short line that is a heading phrase as a whole: a typo must account for all of it.
                guard !phraseHasKeywords || found.length >= phrase.count else { continue }
                if best == nil || found.distance < best!.distance { best = found }
            }
        }
        if let best { return (.typo, ends[best.length - 1]) }
        if isShortLine {
            return phraseHasKeywords ? (.keywords, ends[phrase.count - 1]) : nil
        }
        // Text glued onto one line: the heading ends on the first word headings end on.
        for length in 2...min(key.count, SectionWordings.maximumKeywordHeading) {
            let prefix = key[..<length]
            guard isHeadingPhrase(prefix) else { break }
            guard SectionWordings.endings.contains(where: { prefix.reversed().starts(with: $0.unicodeScalars.reversed()) }),
                hasKeywords(prefix, of: section)
            else { continue }
            return (.keywords, ends[length - 1])
        }
        return nil
    }

    /// Scalars that never occur inside a heading: sentence punctuation, brackets and digits.
    static let nonHeadingScalars: Set<Unicode.Scalar> = Set("。,;!?:()0123456789\"《》".unicodeScalars)

    /// True when `key` could be (part of) a heading: no sentence punctuation, brackets or digits.
    static func isHeadingPhrase(_ key: ArraySlice<Unicode.Scalar>) -> Bool {
        !key.contains { nonHeadingScalars.contains($0) }
    }

    /// True when `key` carries every key-word group of `section`.
    static func hasKeywords(_ key: ArraySlice<Unicode.Scalar>, of section: SectionKind) -> Bool {
        let text = String(String.UnicodeScalarView(key))
        return SectionWordings.keywords(section).allSatisfy { group in group.contains { text.contains($0) } }
    }

    /// The normalised scalars of a bounded prefix of `text`, with where each came from in `text`.
    static func keyScalars(_ text: Substring, limit: Int) -> ([Unicode.Scalar], [Substring.Index]) {
        var key: [Unicode.Scalar] = []
        var ends: [Substring.Index] = []
        key.reserveCapacity(limit)
        ends.reserveCapacity(limit)
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex, key.count < limit {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if !TextNormalizer.isBlank(scalar) {
                key.append(TextNormalizer.fold(scalar))
                ends.append(next)
            }
            index = next
        }
        return (key, ends)
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
        // The key of a bounded prefix, remembering where each key scalar came from.
        let (key, ends) = keyScalars(text, limit: 40)
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
                startsHeading(text[scalars.index(after: after)...], ordinal: ChineseNumeral.digitValue(scalar))
            {
                starts.append(index)
            }
            previous = scalar
            index = after
        }
        return starts
    }
}

extension HeadingMatcher {
    /// True when `text`, after the ordinal `ordinal、`, is the text of a top-level heading.
    static func startsHeading(_ text: Substring, ordinal: Int?) -> Bool {
        if matchText(text) != nil { return true }
        guard let section = ordinal.flatMap(SectionKind.init(rawValue:)) else { return false }
        return matchByMeaning(text, section: section) != nil
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
