/// How a report's titled agency was found in the directory.
public enum AgencyMatch: Sendable, Hashable {
    /// The title names the entry exactly.
    case exact(Agency)
    /// The title is one of the entry's aliases.
    case alias(Agency, alias: String)
    /// The title equals the entry's name or an alias after normalisation (spaces, full/half width,
    /// the 人民政府 forms), and no other entry does.
    case normalised(Agency, form: String)
    /// After normalisation the title fits several entries: none is taken.
    case ambiguous([Agency])
    /// No entry fits; the closest ones, best first (possibly none).
    case unknown(closest: [Agency])

    /// The entry matched, nil for ambiguous and unknown.
    public var agency: Agency? {
        switch self {
        case .exact(let a), .alias(let a, _), .normalised(let a, _): a
        case .ambiguous, .unknown: nil
        }
    }
}

extension AgencyDirectory {
    /// Finds the entry `titled` (the agency as a report's title names it) stands for.
    public func match(_ titled: String) -> AgencyMatch {
        let trimmed = TextNormalizer.trim(titled)
        if let agency = agencies.first(where: { $0.name == trimmed }) { return .exact(agency) }
        if let agency = agencies.first(where: { $0.aliases.contains(trimmed) }) { return .alias(agency, alias: trimmed) }
        let key = Self.canonical(trimmed)
        guard !key.isEmpty else { return .unknown(closest: []) }
        let fits = agencies.filter { agency in ([agency.name] + agency.aliases).contains { Self.canonical($0) == key } }
        if fits.count == 1 { return .normalised(fits[0], form: key) }
        if fits.count > 1 { return .ambiguous(fits) }
        return .unknown(closest: closest(to: key))
    }

    /// The canonical form names are compared in: folded full-width forms, no blanks or brackets, and the
    /// long forms of government names shortened (人民政府 → 政府, 政府办公室 → 政府办, 管理委员会 → 管委会,
    /// 街道办事处 → 街道), then a trailing 政府 after 镇/乡/县/市/区/旗 dropped: `XX镇人民政府` ≈ `XX镇`,
    /// `县政府办` ≈ `县人民政府办公室`.
    static func canonical(_ name: String) -> String {
        var key = TextNormalizer.key(name).filter { !"()（）《》“”\"·.。,，、".contains($0) }
        for (long, short) in [("人民政府", "政府"), ("政府办公室", "政府办"), ("管理委员会", "管委会"), ("街道办事处", "街道")] {
            key = key.replacing(long, with: short)
        }
        if key.hasSuffix("政府"), let before = key.dropLast(2).last, "镇乡县市区旗".contains(before) {
            key = String(key.dropLast(2))
        }
        return key
    }

    /// How many suggestions REG-001 names at most.
    static let suggestionLimit = 3

    /// Entries whose name or an alias is close to `key`: within half the longer name's length in edits
    /// (at least one), or sharing two or more characters in a row; nearest edit distance first, then the
    /// longest shared run, then directory order.
    func closest(to key: String) -> [Agency] {
        let target = Array(key.unicodeScalars)
        var scored: [(agency: Agency, distance: Int, common: Int)] = []
        for agency in agencies {
            var best: (distance: Int, common: Int)? = nil
            for label in [agency.name] + agency.aliases {
                let other = Array(Self.canonical(label).unicodeScalars)
                let common = Self.longestCommonRun(target, other)
                let distance = EditDistance.toPrefixes(of: other[...], from: target).last ?? 0
                guard distance <= max(1, max(target.count, other.count) / 2) || common >= 2 else { continue }
                if best.map({ (distance, -common) < ($0.distance, -$0.common) }) ?? true { best = (distance, common) }
            }
            if let best { scored.append((agency, best.distance, best.common)) }
        }
        return scored.sorted {
            ($0.distance, -$0.common, $0.agency.line) < ($1.distance, -$1.common, $1.agency.line)
        }.prefix(Self.suggestionLimit).map(\.agency)
    }

    /// Length of the longest run of scalars `a` and `b` share.
    static func longestCommonRun(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var best = 0
        for i in 1...a.count {
            var row = [Int](repeating: 0, count: b.count + 1)
            for j in 1...b.count where a[i - 1] == b[j - 1] {
                row[j] = previous[j - 1] + 1
                best = max(best, row[j])
            }
            previous = row
        }
        return best
    }
}

/// REG-001: the titled agency is not in the office's directory (only when a directory is given).
extension RuleCatalogue {
    static let agencyRules: [Rule] = [agencyUnknown]

    static let agencyUnknown = Rule(
        "REG-001", .warning,
        summary: .zh(
            "标题中的机关不在机关名录（agencies.csv）中，或与名录中多个机关相符（需要机关名录）",
            en: "The agency the title names is not in the agency directory (agencies.csv), or fits several entries "
                + "(needs a directory)"),
        hint: .zh(
            "标题写机关全称；名录中确无此机关时，由管理员在名录中加上它或为其加别名",
            en: "Give the agency's full name in the title; if it is really missing, the administrator adds it "
                + "(or an alias) to the directory")
    ) { context in
        guard let directory = context.agencies, let document = context.readableDocument,
            let title = document.title, let unit = title.unit, !TextNormalizer.trim(unit).isEmpty
        else { return [] }
        let location = Location(line: title.line)
        switch directory.match(unit) {
        case .exact, .alias, .normalised:
            return []
        case .ambiguous(let entries):
            let names = entries.map(\.name).joined(separator: "、")
            return [
                Violation(
                    zh: "标题中的机关“\(unit)”与机关名录中多个机关相符：\(names)",
                    en: "The agency “\(unit)” in the title fits several directory entries: \(names)",
                    at: location,
                    evidence: "\(directory.fileName): " + entries.map { "\($0.name)（第\($0.line)行）" }.joined(separator: "、"))
            ]
        case .unknown(let closest):
            let names = closest.map(\.name).joined(separator: "、")
            return [
                Violation(
                    zh: "标题中的机关“\(unit)”不在机关名录中" + (closest.isEmpty ? "" : "；最接近的是：\(names)"),
                    en: "The agency “\(unit)” in the title is not in the directory"
                        + (closest.isEmpty ? "" : "; closest entries: \(names)"),
                    at: location,
                    evidence: "\(directory.fileName)（共 \(directory.agencies.count) 个机关）"
                        + (closest.isEmpty ? "" : "：" + closest.map { "\($0.name)（第\($0.line)行）" }.joined(separator: "、")))
            ]
        }
    }
}
