/// Reads report pages written in HTML into the lines the text reader understands.
///
/// A table row becomes one line of tab-separated cells on a grid with spans expanded (a spanned cell's text at
/// its top-left position, covered positions empty); other text becomes one line per block. Line numbers
/// point into the HTML source.
public enum HTMLReader {
    /// The page's text as lines: tab-joined table rows and one line per paragraph, heading, list item or
    /// `<br>`-separated run; whitespace collapsed, empty lines dropped.
    public static func lines(_ html: String) -> [SourceLine] {
        let bytes = Array(html.utf8)
        var tokenizer = HTMLTokenizer(bytes: bytes)
        var collector = HTMLLineCollector(bytes: bytes)
        while let token = tokenizer.next() { collector.consume(token) }
        let index = SourceLineIndex(bytes)
        return collector.finish().map {
            SourceLine(number: index.line(at: $0.offset), text: $0.text, headingLevel: $0.headingLevel)
        }
    }

    /// The charset a page declares in `<meta charset=…>` or `<meta http-equiv="Content-Type"
    /// content="…; charset=…">` within its first 1024 bytes, lowercased (`gbk`, `utf-8`, …).
    public static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let window = Array(bytes.prefix(1024))
        // A tag that starts in the window may finish a little after it.
        let tagLimit = min(bytes.count, 2048)
        var index = 0
        while index < window.count {
            guard HTMLBytes.hasPrefix(window, at: index, "<meta") else {
                index += 1
                continue
            }
            var tagEnd = index + 5
            while tagEnd < tagLimit, bytes[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
            if let label = charsetLabel(Array(bytes[index..<tagEnd])) { return label }
            index = tagEnd
        }
        return nil
    }

    /// The value after `charset` `=` in one meta tag's bytes.
    private static func charsetLabel(_ tag: [UInt8]) -> String? {
        var index = 0
        while index < tag.count {
            guard HTMLBytes.hasPrefix(tag, at: index, "charset") else {
                index += 1
                continue
            }
            var cursor = index + 7
            while cursor < tag.count, HTMLBytes.isSpace(tag[cursor]) { cursor += 1 }
            guard cursor < tag.count, tag[cursor] == UInt8(ascii: "=") else {
                index = cursor
                continue
            }
            cursor += 1
            while cursor < tag.count,
                HTMLBytes.isSpace(tag[cursor]) || tag[cursor] == UInt8(ascii: "\"")
                    || tag[cursor] == UInt8(ascii: "'")
            {
                cursor += 1
            }
            var label: [UInt8] = []
            while cursor < tag.count, isLabelByte(tag[cursor]) {
                label.append(HTMLBytes.lowercased(tag[cursor]))
                cursor += 1
            }
            if !label.isEmpty { return String(decoding: label, as: UTF8.self) }
            index = cursor
        }
        return nil
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        HTMLBytes.isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: ".")
    }
}
