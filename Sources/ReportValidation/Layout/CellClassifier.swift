/// Classifies a cell's text as number, blank, placeholder or text (spec §8.1). Never coerces to 0.
public enum CellClassifier {
    static let placeholders: Set<String> = [
        "/", "-", "--", "---", "—", "——", "－", "无", "不适用", "N/A", "n/a", "NA", "\\", "空", "/ ", "×", "-/-",
    ]

    public static func classify(_ raw: String) -> CellValue {
        // Fast path: plain ASCII digits, the common case.
        let utf8 = raw.utf8
        if utf8.isEmpty { return .blank }
        if utf8.count <= 15, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let whole = Int(raw) {
            return .number(NumberLiteral(whole: whole))
        }
        let key = TextNormalizer.key(raw)
        if key.isEmpty { return .blank }
        if placeholders.contains(key) || key.allSatisfy({ $0 == "-" }) || key.allSatisfy({ $0 == "/" }) {
            return .placeholder
        }
        if key == "零" { return .number(NumberLiteral(whole: 0)) }
        if let number = parseNumber(Substring(key)) { return .number(number) }
        return .text
    }

    /// Parses `123`, `1,234`, `12.5`, `+3`, `-8`; nil for anything else.
    public static func parseNumber(_ key: Substring) -> NumberLiteral? {
        var s = key
        var negative = false
        var hasSign = false
        if let first = s.first, first == "-" || first == "+" {
            negative = first == "-"
            hasSign = true
            s = s.dropFirst()
        }
        guard !s.isEmpty else { return nil }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let wholeText = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        if parts.count > 1 && (fraction.isEmpty || !fraction.allSatisfy(\.isASCIIDigit)) { return nil }
        guard !wholeText.isEmpty else { return nil }
        var digits = ""
        if wholeText.contains(",") {
            let groups = wholeText.split(separator: ",", omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count), head.allSatisfy(\.isASCIIDigit),
                groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) })
            else { return nil }
            digits = groups.joined()
        } else {
            guard wholeText.allSatisfy(\.isASCIIDigit) else { return nil }
            digits = String(wholeText)
        }
        guard digits.count <= 15, let whole = Int(digits) else { return nil }
        return NumberLiteral(
            isNegative: negative && (whole != 0 || !fraction.allSatisfy { $0 == "0" }), whole: whole, fraction: String(fraction),
            hasSign: hasSign)
    }
}
