/// Shared evaluation helpers of the table rules: exact identities between cells, and the wording of
/// their evidence, so every rule sums, skips and explains in the same way (spec §8.1).

/// Where a cell sits, by the labels a finding names: the template row label and the column label.
struct CellPosition: Hashable, Sendable {
    var row: String
    var column: String
}

/// One cell taking part in an identity.
struct SumTerm: Sendable {
    /// Short name used in evidence, e.g. `一`, `(七)总计`, `自然人`.
    var name: String
    var position: CellPosition
    /// nil when the row is missing or unreadable; a structure rule reports that.
    var cell: Cell?
    /// The cell's address by template labels when it differs from `position` (table 四 names its cells
    /// by column only); nil means `position`'s row and column.
    var key: CellKey? = nil

    /// The exact integer value, nil when the identity cannot use this cell (blank, placeholder, text, decimal).
    var integer: Int? { cell?.value.integer }
}

/// One side of an identity: the terms that are added and the name the evidence gives their sum.
struct SumSide: Sendable {
    var name: String
    var terms: [SumTerm]

    init(_ name: String, _ terms: [SumTerm]) {
        self.name = name
        self.terms = terms
    }

    /// A side of one term, named by that term.
    init(_ term: SumTerm) {
        self.init(term.name, [term])
    }
}

/// What evaluating an identity found.
enum SumOutcome: Sendable, Equatable {
    case holds
    case fails(left: Int, right: Int)
    /// Some term is not an integer; the identity says nothing (spec §8.1: never coerce to 0).
    case notAssessable
}

/// An exact identity `Σ left = Σ right` between integer cells (tolerance 0, spec §8.1).
struct SumIdentity: Sendable {
    var code: RuleCode
    /// What the identity is about, e.g. the column `自然人` or the row `（一）予以公开`.
    var scope: String
    var left: SumSide
    var right: SumSide
    /// Where a failure is reported.
    var location: Location

    var terms: [SumTerm] { left.terms + right.terms }

    func evaluate() -> SumOutcome {
        let leftValues = left.terms.map(\.integer)
        let rightValues = right.terms.map(\.integer)
        guard !leftValues.contains(nil), !rightValues.contains(nil) else { return .notAssessable }
        let l = leftValues.reduce(0) { $0 + $1! }
        let r = rightValues.reduce(0) { $0 + $1! }
        return l == r ? .holds : .fails(left: l, right: r)
    }

    /// The evidence of a failure, e.g. `自然人: 一+二 = 4+0 = 4 ≠ (七)总计+四 = 3+0 = 3`.
    func evidence(left l: Int, right r: Int) -> String {
        "\(scope): \(Self.describe(left, sum: l)) ≠ \(Self.describe(right, sum: r))"
    }

    /// Every term of a failing identity; a side of one term (a total) expects the other side's sum.
    func cells(left l: Int, right r: Int) -> [IdentityCell] {
        guard let table = location.table else { return [] }
        func cells(_ side: SumSide, expected: Int) -> [IdentityCell] {
            side.terms.compactMap { term in
                guard let value = term.integer else { return nil }
                let key = term.key ?? CellKey(table, row: term.position.row, column: term.position.column)
                return IdentityCell(
                    table: key.table, row: key.row, column: key.column, value: value,
                    expected: side.terms.count == 1 ? expected : nil)
            }
        }
        return cells(left, expected: r) + cells(right, expected: l)
    }

    /// A short reference for lists of identities, e.g. `T3-SUM-001 自然人`.
    var reference: String { "\(code.rawValue) \(scope)" }

    /// True when one of its terms sits at `position`.
    func touches(_ positions: Set<CellPosition>) -> Bool {
        terms.contains { positions.contains($0.position) }
    }

    private static func describe(_ side: SumSide, sum: Int) -> String {
        let values = side.terms.map { String($0.integer ?? 0) }
        if values.count == 1 { return "\(side.name) = \(sum)" }
        return "\(side.name) = \(values.joined(separator: "+")) = \(sum)"
    }
}

extension Array where Element == SumIdentity {
    /// One violation per failing identity with `code`; `message` words it from the two sums.
    func violations(
        of code: RuleCode, message: (SumIdentity, _ left: Int, _ right: Int) -> LocalizedText
    ) -> [Violation] {
        filter { $0.code == code }.compactMap { identity in
            guard case .fails(let l, let r) = identity.evaluate() else { return nil }
            var violation = Violation(
                message(identity, l, r), at: identity.location, evidence: identity.evidence(left: l, right: r))
            violation.cells = identity.cells(left: l, right: r)
            return violation
        }
    }

    /// The identities, among these, that a missing cell at one of `positions` leaves not assessable.
    func blocked(by positions: Set<CellPosition>) -> [SumIdentity] {
        filter { $0.touches(positions) }
    }
}

/// Wording shared by the table rules' evidence.
enum Evidence {
    /// How a blank or placeholder cell is shown: `空白` for nothing, the text in quotes otherwise.
    static func missing(_ cell: Cell?) -> String {
        guard let cell, !cell.raw.isEmpty else { return "空白" }
        return "“\(cell.raw)”"
    }

    /// What a missing value keeps from being checked, said in words (the codes stay in the finding's
    /// label): `因此无法核对：“自然人”列的办理结果合计、该行的总计`.
    static func blockedIdentities(_ identities: [SumIdentity]) -> LocalizedText {
        guard !identities.isEmpty else {
            return .zh("不影响勾稽关系核验", en: "no identity is affected")
        }
        var codes: [RuleCode] = []
        var scopes: [RuleCode: [String]] = [:]
        for identity in identities {
            if scopes[identity.code] == nil { codes.append(identity.code) }
            scopes[identity.code, default: []].append(identity.scope)
        }
        let zh = codes.map { code in identityWords(code, scopes[code] ?? []).zh }.joined(separator: "、")
        let en = codes.map { code in identityWords(code, scopes[code] ?? []).en }.joined(separator: "; ")
        return .zh("因此无法核对\(zh)", en: "so \(en) cannot be checked")
    }

    /// One kind of identity over its scopes, in words.
    static func identityWords(_ code: RuleCode, _ scopes: [String]) -> LocalizedText {
        let zhScopes = scopes.map { "“\($0)”" }.joined(separator: "、")
        let enScopes = scopes.joined(separator: ", ")
        switch code.rawValue {
        case "T3-SUM-001":
            return .zh("\(zhScopes)列的收支平衡（一加二等于（七）加四）", en: "the balance of column \(enScopes) (一+二 = (七)+四)")
        case "T3-SUM-002": return .zh("\(zhScopes)列的办理结果合计", en: "the result total of column \(enScopes)")
        case "T3-SUM-003": return .zh("\(zhScopes)行的总计", en: "the row total of \(enScopes)")
        case "T3-SUM-004": return .zh("小计\(zhScopes)", en: "the subtotal \(enScopes)")
        default: return .zh("\(zhScopes)的合计", en: "the sum of \(enScopes)")
        }
    }

    /// Source lines as `3, 5, 9`, the first `limit` of them and `…` for the rest.
    static func lines(_ lines: [Int], limit: Int = 8) -> String {
        lines.prefix(limit).map(String.init).joined(separator: ", ") + (lines.count > limit ? ", …" : "")
    }
}

extension NumberLiteral {
    /// A count as the format wants it: an integer ≥ 0.
    var isNonNegativeInteger: Bool { (integer ?? -1) >= 0 }
}

extension RuleContext {
    /// The document when its input could be read; content rules stay silent otherwise (an input rule reports it).
    var readableDocument: ReportDocument? {
        document.inputProblem == nil ? document : nil
    }
}
