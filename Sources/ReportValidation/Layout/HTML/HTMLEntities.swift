/// Character references (`&amp;`, `&#123;`, `&#x7B;`) as found in report pages.
///
/// Covers the entities CMS editors and Word actually emit; an unknown name stays literal text, as browsers show it.
enum HTMLEntities {
    /// Named references, case-sensitive as in HTML.
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "AMP": "&", "lt": "<", "LT": "<", "gt": ">", "GT": ">",
        "quot": "\"", "QUOT": "\"", "apos": "'",
        "nbsp": "\u{00A0}", "NBSP": "\u{00A0}", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "thinsp": "\u{2009}", "emsp13": "\u{2004}", "emsp14": "\u{2005}", "numsp": "\u{2007}",
        "zwsp": "\u{200B}", "zwnj": "\u{200C}", "zwj": "\u{200D}", "lrm": "\u{200E}", "rlm": "\u{200F}",
        "shy": "\u{00AD}", "middot": "\u{00B7}", "centerdot": "\u{00B7}", "bull": "\u{2022}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "minus": "\u{2212}", "hyphen": "\u{2010}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "bdquo": "\u{201E}", "sbquo": "\u{201A}", "laquo": "\u{00AB}", "raquo": "\u{00BB}",
        "lsaquo": "\u{2039}", "rsaquo": "\u{203A}", "hellip": "\u{2026}", "times": "\u{00D7}",
        "divide": "\u{00F7}", "plusmn": "\u{00B1}", "copy": "\u{00A9}", "COPY": "\u{00A9}",
        "reg": "\u{00AE}", "REG": "\u{00AE}", "trade": "\u{2122}", "deg": "\u{00B0}",
        "sect": "\u{00A7}", "para": "\u{00B6}", "yen": "\u{00A5}", "cent": "\u{00A2}",
        "pound": "\u{00A3}", "euro": "\u{20AC}", "permil": "\u{2030}", "percnt": "%",
        "prime": "\u{2032}", "Prime": "\u{2033}", "larr": "\u{2190}", "rarr": "\u{2192}",
        "uarr": "\u{2191}", "darr": "\u{2193}", "le": "\u{2264}", "ge": "\u{2265}",
        "ne": "\u{2260}", "asymp": "\u{2248}", "infin": "\u{221E}", "radic": "\u{221A}",
        "sup1": "\u{00B9}", "sup2": "\u{00B2}", "sup3": "\u{00B3}", "frac12": "\u{00BD}",
        "frac14": "\u{00BC}", "frac34": "\u{00BE}", "micro": "\u{00B5}", "iexcl": "\u{00A1}",
        "iquest": "\u{00BF}", "dagger": "\u{2020}", "Dagger": "\u{2021}", "loz": "\u{25CA}",
        "star": "\u{2606}", "starf": "\u{2605}", "check": "\u{2713}", "cross": "\u{2717}",
        "ordm": "\u{00BA}", "ordf": "\u{00AA}", "macr": "\u{00AF}", "acute": "\u{00B4}",
        "uml": "\u{00A8}", "cedil": "\u{00B8}", "circ": "\u{02C6}", "tilde": "\u{02DC}",
        "alpha": "\u{03B1}", "beta": "\u{03B2}", "gamma": "\u{03B3}", "delta": "\u{03B4}",
        "mu": "\u{03BC}", "pi": "\u{03C0}", "sigma": "\u{03C3}", "Omega": "\u{03A9}",
        "eacute": "\u{00E9}", "egrave": "\u{00E8}", "agrave": "\u{00E0}", "uuml": "\u{00FC}",
        "ouml": "\u{00F6}", "auml": "\u{00E4}", "szlig": "\u{00DF}",
        "lowast": "\u{2217}", "sim": "\u{223C}", "oline": "\u{203E}", "frasl": "\u{2044}",
    ]

    /// Names a browser also accepts without the closing `;` (the common legacy subset).
    static let legacyWithoutSemicolon: Set<String> = [
        "amp", "AMP", "lt", "LT", "gt", "GT", "quot", "QUOT", "nbsp", "copy", "COPY", "reg", "REG",
        "times", "middot", "deg", "plusmn", "sect", "para", "yen", "laquo", "raquo",
    ]

    /// Windows-1252 meanings of `&#128;`…`&#159;`, which browsers apply instead of the C1 controls.
    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// A decoded reference and the number of bytes it used.
    struct Match: Equatable {
        var scalar: Unicode.Scalar
        var length: Int
    }

    /// Decodes the reference starting at `bytes[start]` (which is `&`), or nil when it is literal text.
    static func decode(_ bytes: [UInt8], at start: Int) -> Match? {
        let end = bytes.count
        var index = start + 1
        guard index < end else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            return decodeNumeric(bytes, at: start)
        }
        let nameStart = index
        while index < end, index - nameStart < 32, isAlphanumeric(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        if index < end, bytes[index] == UInt8(ascii: ";") {
            guard let scalar = named[name] else { return nil }
            return Match(scalar: scalar, length: index + 1 - start)
        }
        guard legacyWithoutSemicolon.contains(name), let scalar = named[name] else { return nil }
        return Match(scalar: scalar, length: index - start)
    }

    /// `&#123;` or `&#x7B;`, the `;` optional; out-of-range values become U+FFFD as in browsers.
    private static func decodeNumeric(_ bytes: [UInt8], at start: Int) -> Match? {
        let end = bytes.count
        var index = start + 2
        var hex = false
        if index < end, bytes[index] == UInt8(ascii: "x") || bytes[index] == UInt8(ascii: "X") {
            hex = true
            index += 1
        }
        let digitsStart = index
        var value: UInt32 = 0
        while index < end, let digit = digitValue(bytes[index], hex: hex) {
            // Saturate: anything past U+10FFFF is invalid anyway.
            value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < end, bytes[index] == UInt8(ascii: ";") { index += 1 }
        return Match(scalar: scalar(forCodePoint: value), length: index - start)
    }

    private static func scalar(forCodePoint value: UInt32) -> Unicode.Scalar {
        if value >= 0x80, value <= 0x9F, let mapped = Unicode.Scalar(windows1252[Int(value - 0x80)]) {
            return mapped
        }
        if value == 0 { return "\u{FFFD}" }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
