/// How much a finding weighs: an error rejects the report, a warning is a note on an accepted one.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case error
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// The stable code of a rule, as in the rule catalogue (e.g. `T3-SUM-001`).
public struct RuleCode: RawRepresentable, Sendable, Hashable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: RuleCode, rhs: RuleCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Where in the report a finding points: the source line and, where known, the section, table, row and column.
public struct Location: Sendable, Hashable, Codable {
    /// 1-based line in the decoded source text (for HTML, the line of the element).
    public var line: Int?
    public var section: SectionKind?
    public var table: TableKind?
    /// The row label as printed in the official template (e.g. `（七）总计`).
    public var row: String?
    /// The column label (e.g. `自然人`, `行政复议 / 总计`).
    public var column: String?

    public init(
        line: Int? = nil, section: SectionKind? = nil, table: TableKind? = nil,
        row: String? = nil, column: String? = nil
    ) {
        self.line = line
        self.section = section
        self.table = table
        self.row = row
        self.column = column
    }

    public static let document = Location()
}

/// One place a finding covers (a cell, a row, a line) and what was found there: a finding grouped by
/// cause lists every place it stands for, so no location is lost when repeats are folded into one.
public struct FindingItem: Sendable, Hashable, Codable {
    public var location: Location
    public var evidence: String?

    public init(location: Location, evidence: String? = nil) {
        self.location = location
        self.evidence = evidence
    }
}

/// One cell of a broken identity (勾稽关系): where it sits by the template's labels, the integer read
/// there and, for the one cell a side of the identity consists of (a total, a subtotal), the value
/// the other side adds up to.
public struct IdentityCell: Sendable, Hashable, Codable {
    public var table: TableKind
    /// The template row label (`（七）总计`; `行政复议` for table 四's groups).
    public var row: String
    /// The template column label (`自然人`; `结果维持` for table 四).
    public var column: String
    public var value: Int
    /// What the identity says this cell should hold; nil for a cell among several summed terms.
    public var expected: Int?

    public init(table: TableKind, row: String, column: String, value: Int, expected: Int?) {
        self.table = table
        self.row = row
        self.column = column
        self.value = value
        self.expected = expected
    }

    /// The cell's address, as a snapshot keys it.
    public var key: CellKey { CellKey(table, row: row, column: column) }
}

/// One problem found in a report, with everything a person needs to find and fix it.
public struct Finding: Sendable, Hashable, Codable {
    public var code: RuleCode
    public var severity: Severity
    public var message: LocalizedText
    public var location: Location
    /// The numbers or text that prove the finding, e.g. `自然人: 一+二 = 4+0 = 4 ≠ (七)总计+四 = 3+0 = 3`.
    public var evidence: String?
    /// One line on how to fix it.
    public var hint: LocalizedText
    /// Every place this finding stands for (one or more; several when findings of one cause were grouped,
    /// e.g. each blank cell of a table).
    public var items: [FindingItem]
    /// For a broken identity, every cell taking part in it (empty for any other finding).
    public var cells: [IdentityCell] = []

    /// How many places the finding covers.
    public var count: Int { items.count }

    public init(
        code: RuleCode, severity: Severity, message: LocalizedText, location: Location,
        evidence: String?, hint: LocalizedText, items: [FindingItem]? = nil, cells: [IdentityCell] = []
    ) {
        self.cells = cells
        self.code = code
        self.severity = severity
        self.message = message
        self.location = location
        self.evidence = evidence
        self.hint = hint
        self.items = items ?? [FindingItem(location: location, evidence: evidence)]
    }
}
