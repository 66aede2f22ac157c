extension HTMLReader {
    /// The HTML markup held in a JavaScript string literal (`let content = "<p …>…";`), unescaped.
    ///
    /// Some sites ship the report inside a script. Returns the longest literal containing `<table` or `<p`,
    /// or nil when `text` is itself markup (starts with `<`) or holds no such literal.
    public static func extractEmbeddedHTML(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, HTMLBytes.isSpace(bytes[start]) { start += 1 }
        guard start < bytes.count, bytes[start] != UInt8(ascii: "<") else { return nil }
        guard let literal = JavaScriptLiterals.longestMarkupLiteral(in: bytes) else { return nil }
        return JavaScriptLiterals.unescape(bytes, literal)
    }
}

/// Finds and decodes JavaScript string literals without evaluating any script.
enum JavaScriptLiterals {
    /// The content range (quotes excluded) of the longest `"…"`, `'…'` or `` `…` `` literal holding markup.
    static func longestMarkupLiteral(in bytes: [UInt8]) -> Range<Int>? {
        var best: Range<Int>?
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "/"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "/") {
                index = HTMLBytes.firstIndex(of: 0x0A, in: bytes, from: index)
                continue
            }
            if byte == UInt8(ascii: "/"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "*") {
                index = blockCommentEnd(bytes, from: index + 2)
                continue
            }
            guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") else {
                index += 1
                continue
            }
            let contentStart = index + 1
            var cursor = contentStart
            while cursor < end, bytes[cursor] != byte {
                if bytes[cursor] == UInt8(ascii: "\\") {
                    cursor += 2
                    continue
                }
                // An ordinary string cannot span lines: treat the newline as its (broken) end.
                if bytes[cursor] == 0x0A, byte != UInt8(ascii: "`") { break }
                cursor += 1
            }
            let content = contentStart..<min(cursor, end)
            if content.count > (best?.count ?? 0), holdsMarkup(bytes, content) { best = content }
            index = cursor + 1
        }
        return best
    }

    /// Decodes the escapes of a literal's content: `\"`, `\n`, `\t`, `\/`, `\uXXXX` (with surrogate pairs),
    /// `\u{…}`, `\xHH`, line continuations; an unknown escape stands for the character itself.
    static func unescape(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < end else {
                output.append(byte)
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "v"): output.append(0x0B)
            case UInt8(ascii: "0"): output.append(0x00)
            case 0x0A: break  // line continuation
            case 0x0D:
                if index < end, bytes[index] == 0x0A { index += 1 }
            case UInt8(ascii: "x"):
                if let value = hexValue(bytes, index..<min(index + 2, end)), index + 2 <= end {
                    appendScalar(value, to: &output)
                    index += 2
                } else {
                    output.append(escaped)
                }
            case UInt8(ascii: "u"):
                index = unicodeEscape(bytes, from: index, end: end, into: &output)
            default:
                output.append(escaped)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes what follows `\u` at `index`; returns the index after it.
    private static func unicodeEscape(_ bytes: [UInt8], from index: Int, end: Int, into output: inout [UInt8]) -> Int {
        if index < end, bytes[index] == UInt8(ascii: "{") {
            let close = HTMLBytes.firstIndex(of: UInt8(ascii: "}"), in: bytes, from: index + 1)
            if close < end, close - index <= 7, let value = hexValue(bytes, index + 1..<close) {
                appendScalar(value, to: &output)
                return close + 1
            }
            output.append(UInt8(ascii: "u"))
            return index
        }
        guard index + 4 <= end, let unit = hexValue(bytes, index..<index + 4) else {
            output.append(UInt8(ascii: "u"))
            return index
        }
        var next = index + 4
        var value = unit
        if (0xD800...0xDBFF).contains(unit), next + 6 <= end, bytes[next] == UInt8(ascii: "\\"),
            bytes[next + 1] == UInt8(ascii: "u"), let low = hexValue(bytes, next + 2..<next + 6),
            (0xDC00...0xDFFF).contains(low)
        {
            value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        }
        appendScalar(value, to: &output)
        return next
    }

    private static func appendScalar(_ value: UInt32, to output: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        if let encoded = UTF8.encode(scalar) { output.append(contentsOf: encoded) }
    }

    private static func hexValue(_ bytes: [UInt8], _ range: Range<Int>) -> UInt32? {
        guard !range.isEmpty, range.upperBound <= bytes.count else { return nil }
        var value: UInt32 = 0
        for index in range {
            let byte = HTMLBytes.lowercased(bytes[index])
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    private static func holdsMarkup(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index + 1 < range.upperBound {
            if bytes[index] == UInt8(ascii: "<") {
                if HTMLBytes.hasPrefix(bytes, at: index, "<table") { return true }
                if HTMLBytes.lowercased(bytes[index + 1]) == UInt8(ascii: "p") {
                    let after = index + 2 < range.upperBound ? bytes[index + 2] : UInt8(ascii: ">")
                    if HTMLBytes.isSpace(after) || after == UInt8(ascii: ">") || after == UInt8(ascii: "/") {
                        return true
                    }
                }
            }
            index += 1
        }
        return false
    }

    private static func blockCommentEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") { return index + 2 }
            index += 1
        }
        return bytes.count
    }
}
