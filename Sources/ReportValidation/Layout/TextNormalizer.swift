/// Normalisation for matching labels (spec §12.2): full-width forms folded to ASCII, white space and
/// zero-width characters removed, quote variants unified. The original text is kept for messages.
public enum TextNormalizer {
    /// Folds full-width ASCII (`（）：，０-９Ａ-ｚ`) and the ideographic space to ASCII, unifies quotes.
    public static func fold(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(fold(scalar))
        }
        return String(out)
    }

    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0)!
        case 0x3000, 0x00A0: return " "
        case 0x201C, 0x201D, 0x300C, 0x300D, 0x2018, 0x2019, 0x0027: return "\""
        case 0xFF0E: return "."
        case 0x2014, 0x2015, 0x2013, 0x2212: return "-"
        default: return scalar
        }
    }

    /// True for white space and invisible format characters (zero-width space, BOM, joiners).
    @inline(__always)
    public static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x3000, 0x2000...0x200F, 0x2028, 0x2029, 0x202F, 0x205F,
            0xFEFF:
            return true
        default: return false
        }
    }

    /// The key used for label matching: folded, no white space, `、`/`．` after a digit as `.`.
    public static func key(_ text: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousDigit = false
        for raw in text.unicodeScalars {
            if isBlank(raw) { continue }
            var scalar = fold(raw)
            if previousDigit && (scalar == "、" || scalar == ".") { scalar = "." }
            previousDigit = scalar.value >= 0x30 && scalar.value <= 0x39
            appendUTF8(scalar, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// `key` with a leading enumerator removed (`一、`, `(三)`, `1.`, `（七）`), for anchor matching.
    public static func stripEnumerator(_ key: String) -> String {
        var s = Substring(key)
        while true {
            if let rest = dropEnumerator(s) { s = rest } else { break }
        }
        return String(s)
    }

    static func dropEnumerator(_ s: Substring) -> Substring? {
        if s.first == "(" {
            if let close = s.firstIndex(of: ")") {
                let inner = s[s.index(after: s.startIndex)..<close]
                if !inner.isEmpty, inner.count <= 3,
                    inner.allSatisfy({ ChineseNumeral.digitValue($0) != nil || $0 == "十" || $0.isASCIIDigit })
                {
                    return s[s.index(after: close)...]
                }
            }
            return nil
        }
        var index = s.startIndex
        while index < s.endIndex, s[index].isASCIIDigit || ChineseNumeral.digitValue(s[index]) != nil || s[index] == "十" {
            index = s.index(after: index)
        }
        guard index != s.startIndex, index < s.endIndex, s.distance(from: s.startIndex, to: index) <= 2 else { return nil }
        if s[index] == "、" || s[index] == "." { return s[s.index(after: index)...] }
        return nil
    }

    /// True when `text` has a CJK ideograph.
    public static func hasCJK(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { isCJK($0) }
    }

    @inline(__always)
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }

    /// Removes leading and trailing white space (including U+3000 and zero-width characters).
    public static func trim(_ text: some StringProtocol) -> String {
        let string = String(text)
        if let first = string.utf8.first, let last = string.utf8.last, first > 0x20, first < 0x80, last > 0x20,
            last < 0x80
        {
            return string
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
