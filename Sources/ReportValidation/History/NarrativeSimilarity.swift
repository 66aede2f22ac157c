/// How much of this year's narrative repeats last year's (DUP-001), measured the documented way:
///
/// 1. The prose of sections 一 and 五 (no headings, no table rows) is normalised: full-width forms
///    folded, Latin letters lower-cased, and everything but CJK characters and letters dropped —
///    digits too, so changed figures and years do not hide a copied sentence.
/// 2. Each text becomes its set of character 5-grams ("shingles").
/// 3. Shingles of the national template's own wording (headings, the five aspects, table labels, the
///    Regulation's name) are removed from both sets: every report shares them.
/// 4. The score is the containment of this year's set in last year's, |A ∩ B| / |A|: the share of
///    this year's text that was already there last year. Above 0.5 is DUP-001.
public struct NarrativeSimilarity: Sendable, Hashable {
    /// Distinct shingles of this year's narrative after boilerplate removal.
    public var shingles: Int
    /// How many of them also occur in last year's.
    public var shared: Int
    /// The longest stretch of this year's normalised text made only of shared shingles, as an example.
    public var longestSharedPassage: String

    public var containment: Double { shingles == 0 ? 0 : Double(shared) / Double(shingles) }

    /// Shingle length in characters.
    public static let shingleLength = 5
    /// Containment above which DUP-001 fires.
    public static let threshold = 0.5
    /// Fewer distinct shingles than this in this year's text is too little prose to judge.
    public static let minimumShingles = 40

    /// Compares `current` with `previous` (each the joined prose of sections 一 and 五).
    public static func measure(current: String, previous: String) -> NarrativeSimilarity {
        let now = normalise(current)
        let before = Set(shingles(of: normalise(previous))).subtracting(boilerplate)
        var distinct: Set<Shingle> = []
        var shared: Set<Shingle> = []
        // Per position of `now`: whether the shingle starting there is shared (boilerplate counts as neither).
        var runStart = 0
        var bestStart = 0
        var bestLength = 0
        var runLength = 0
        let positions = shingles(of: now)
        for (index, shingle) in positions.enumerated() {
            if boilerplate.contains(shingle) {
                runLength = 0
                continue
            }
            distinct.insert(shingle)
            if before.contains(shingle) {
                shared.insert(shingle)
                if runLength == 0 { runStart = index }
                runLength += 1
                if runLength > bestLength {
                    bestLength = runLength
                    bestStart = runStart
                }
            } else {
                runLength = 0
            }
        }
        let passage =
            bestLength == 0
            ? "" : String(String.UnicodeScalarView(now[bestStart..<(bestStart + bestLength + shingleLength - 1)]))
        return NarrativeSimilarity(shingles: distinct.count, shared: shared.count, longestSharedPassage: passage)
    }

    /// Five consecutive scalars of normalised text.
    struct Shingle: Hashable {
        var a, b, c, d, e: Unicode.Scalar
    }

    /// Step 1: folded, lower-cased, only CJK ideographs and letters kept.
    static func normalise(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for raw in text.unicodeScalars {
            let scalar = TextNormalizer.fold(raw)
            switch scalar.value {
            case 0x41...0x5A: out.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x61...0x7A: out.append(scalar)
            default: if TextNormalizer.isCJK(scalar) { out.append(scalar) }
            }
        }
        return out
    }

    static func shingles(of scalars: [Unicode.Scalar]) -> [Shingle] {
        guard scalars.count >= shingleLength else { return [] }
        return (0...(scalars.count - shingleLength)).map { i in
            Shingle(a: scalars[i], b: scalars[i + 1], c: scalars[i + 2], d: scalars[i + 3], e: scalars[i + 4])
        }
    }

    /// Step 3: the template's own wording, which every report of any agency contains.
    static let boilerplate: Set<Shingle> = {
        var phrases: [String] = SectionKind.allCases.map(\.templateHeading)
        phrases += ApplicationRow.allCases.map(\.templateLabel)
        phrases += ApplicantColumn.allCases.map(\.label)
        for version in FormatVersion.allCases {
            for item in DisclosureItem.allCases {
                for spec in item.requiredRows(for: version) { phrases += [spec.label] + spec.columns }
            }
        }
        phrases += [
            "主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "政府信息公开平台", "监督保障",
            "中华人民共和国政府信息公开条例", "政府信息公开工作年度报告", "政府信息公开工作", "政府信息公开申请",
            "存在的主要问题及改进情况", "行政复议", "行政诉讼", "信息处理费",
        ]
        return Set(phrases.flatMap { shingles(of: normalise($0)) })
    }()
}
