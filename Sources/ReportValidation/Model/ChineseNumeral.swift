/// Chinese numerals as used in headings and narrative (`一`…`十`, `百`, `千`, `万`).
public enum ChineseNumeral {
    public static let ordinals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// The value of a heading ordinal such as `三` or `十一`, or nil.
    public static func ordinalValue(_ text: Substring) -> Int? {
        value(of: text).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The value of a simple Chinese number (`零`, `十二`, `三百零五`, `两千`), or nil if `text` is not one.
    public static func value(of text: Substring) -> Int? {
        guard !text.isEmpty else { return nil }
        var total = 0
        var section = 0
        var digit: Int? = nil
        for ch in text {
            if let d = digitValue(ch) {
                digit = d
            } else if let unit = unitValue(ch) {
                if unit == 10_000 {
                    section += digit ?? 0
                    total += (section == 0 ? 1 : section) * unit
                    section = 0
                } else {
                    section += (digit ?? (unit == 10 ? 1 : 0)) * unit
                }
                digit = nil
            } else {
                return nil
            }
        }
        return total + section + (digit ?? 0)
    }

    static func digitValue(_ ch: Character) -> Int? {
        let scalars = ch.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { return nil }
        return digitValue(scalar)
    }

    /// The digit a single Chinese numeral scalar stands for (`零`…`九`, `两`).
    @inline(__always)
    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "零", "〇": 0
        case "一": 1
        case "二", "两": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    static func unitValue(_ ch: Character) -> Int? {
        switch ch {
        case "十": 10
        case "百": 100
        case "千": 1000
        case "万": 10_000
        default: nil
        }
    }
}
