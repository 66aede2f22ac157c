/// How a recorded cell's value is written down (the register's columns, the findings JSON's `tables`):
/// its kind, and the number as written for a number.
extension RecordedValue {
    public var storedKind: String {
        switch self {
        case .number: "number"
        case .blank: "blank"
        case .placeholder: "placeholder"
        case .text: "text"
        case .notAssessable: "not-assessable"
        }
    }

    public var storedNumber: String? {
        if case .number(let n) = self { return (n.hasSign && !n.isNegative ? "+" : "") + n.text }
        return nil
    }

    /// The value back from its stored kind and number text; nil for a kind this version does not know.
    public init?(storedKind: String, number: String?) {
        switch storedKind {
        case "number":
            guard let number, let literal = NumberLiteral(storedText: number) else { return nil }
            self = .number(literal)
        case "blank": self = .blank
        case "placeholder": self = .placeholder
        case "text": self = .text
        case "not-assessable": self = .notAssessable
        default: return nil
        }
    }
}

extension NumberLiteral {
    /// Reads back ``NumberLiteral/text`` (`-12`, `+3`, `4.50`).
    public init?(storedText text: String) {
        var rest = Substring(text)
        let sign = rest.first.flatMap { $0 == "-" || $0 == "+" ? $0 : nil }
        if sign != nil { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty, wholeText.allSatisfy(\.isASCII),
            let whole = Int(wholeText)
        else { return nil }
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        self.init(isNegative: sign == "-", whole: whole, fraction: fraction, hasSign: sign != nil)
    }
}
