/// A number as written in a table cell: sign, whole part and decimal fraction, compared exactly.
public struct NumberLiteral: Sendable, Hashable {
    public var isNegative: Bool
    public var whole: Int
    /// Decimal digits after the point, as written ("" for an integer).
    public var fraction: String
    /// True when the text had an explicit sign (`+3`, `-8`).
    public var hasSign: Bool

    public init(isNegative: Bool = false, whole: Int, fraction: String = "", hasSign: Bool = false) {
        self.isNegative = isNegative
        self.whole = whole
        self.fraction = fraction
        self.hasSign = hasSign
    }

    /// The value when it is an integer, nil otherwise.
    public var integer: Int? {
        guard fraction.allSatisfy({ $0 == "0" }) else { return nil }
        return isNegative ? -whole : whole
    }

    public var isInteger: Bool { integer != nil }
    public var isZero: Bool { whole == 0 && fraction.allSatisfy { $0 == "0" } }

    /// The number as written, normalised (`1,234` → `1234`).
    public var text: String {
        (isNegative ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }
}

/// What a table cell holds. Blank and placeholder cells are never numbers: identities touching them are not assessable.
public enum CellValue: Sendable, Hashable {
    case number(NumberLiteral)
    /// Nothing in the cell.
    case blank
    /// `/`, `-`, `—`, `无`, `不适用`, `N/A` and the like: an explicit "no value", still not 0.
    case placeholder
    /// Anything else, e.g. `详见附件` or `12件`.
    case text

    public var number: NumberLiteral? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The value as a non-negative or signed integer, nil for anything else.
    public var integer: Int? { number?.integer }

    public var isMissing: Bool {
        switch self {
        case .blank, .placeholder: true
        default: false
        }
    }
}

/// One cell of a table with where it came from.
public struct Cell: Sendable, Hashable {
    /// The cell text as printed (trimmed).
    public var raw: String
    public var value: CellValue
    /// 1-based source line.
    public var line: Int

    public init(raw: String, value: CellValue, line: Int) {
        self.raw = raw
        self.value = value
        self.line = line
    }

    public init(raw: String, line: Int) {
        self.init(raw: raw, value: CellClassifier.classify(raw), line: line)
    }
}

/// How confidently a table row's values were read.
public enum Reading: Sendable, Hashable {
    /// One value per cell, as laid out.
    case direct
    /// Digits of several cells ran together and exactly one split satisfies the table's identities.
    case splitFromRun(original: String)
    /// Digits ran together and several splits are possible; the values are not assessable.
    case ambiguous(original: String, readings: Int)
    /// Digits ran together and no split satisfies the identities of this row.
    case unsplittable(original: String)
    /// The row carries fewer values than cells (blank cells whose place the layout lost: glued or
    /// space-separated text, a leading blank taken for padding) and, wherever the `missing` blanks are
    /// put, every identity touching the row holds: blank cells, not a broken row (spec §12.3 refinement).
    case blankCells(original: String, missing: Int)
    /// As `blankCells`, but where the blanks go decides whether the identities hold: the row is not
    /// assessable, and no placement is picked.
    case blanksUnplaceable(original: String, missing: Int, placements: Int)

    /// True when the cells, as read, sit in their columns.
    public var isPositional: Bool {
        switch self {
        case .direct, .splitFromRun: true
        case .ambiguous, .unsplittable, .blankCells, .blanksUnplaceable: false
        }
    }
}

extension String {
    /// Number of ASCII digits, for judging whether run-together digits could fill a row.
    var digitCount: Int { utf8.lazy.filter { $0 >= 48 && $0 <= 57 }.count }
}
