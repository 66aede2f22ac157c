/// A tolerant, single-pass HTML tokenizer over UTF-8 bytes.
///
/// Follows what browsers do with tag soup (unclosed tags, stray `<`, unterminated comments) closely enough
/// for text extraction, never backtracks, and so runs in time linear in the input.
struct HTMLTokenizer: IteratorProtocol {
    private let bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> HTMLToken? {
        let end = bytes.count
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "<") {
                if let token = markup() { return token }
                continue
            }
            if byte == UInt8(ascii: "&") {
                if let match = HTMLEntities.decode(bytes, at: position) {
                    let offset = position
                    position += match.length
                    return .character(match.scalar, offset: offset)
                }
                position += 1
                return .text(position - 1..<position)
            }
            let start = position
            while position < end, bytes[position] != UInt8(ascii: "<"), bytes[position] != UInt8(ascii: "&") {
                position += 1
            }
            return .text(start..<position)
        }
        return nil
    }

    /// Reads the construct at `<`; returns nil after consuming something that yields no token (a comment).
    private mutating func markup() -> HTMLToken? {
        let start = position
        let end = bytes.count
        guard start + 1 < end else {
            position = end
            return .text(start..<end)
        }
        let following = bytes[start + 1]
        if HTMLBytes.isLetter(following) {
            return startTag()
        }
        switch following {
        case UInt8(ascii: "/"):
            if start + 2 < end, HTMLBytes.isLetter(bytes[start + 2]) { return endTag() }
            // `</>` is dropped, `</ x>` is a bogus comment.
            skipPast(UInt8(ascii: ">"), from: start + 2)
            return nil
        case UInt8(ascii: "!"):
            if HTMLBytes.hasPrefix(bytes, at: start, "<!--") {
                skipComment()
                return nil
            }
            if HTMLBytes.hasPrefix(bytes, at: start, "<![cdata[") {
                return cdata()
            }
            // `<!DOCTYPE …>`, Word's `<![if !supportLists]>` / `<![endif]>`: bogus comments up to `>`.
            skipPast(UInt8(ascii: ">"), from: start + 2)
            return nil
        case UInt8(ascii: "?"):
            skipPast(UInt8(ascii: ">"), from: start + 2)
            return nil
        default:
            position = start + 1
            return .text(start..<start + 1)
        }
    }

    /// `<name attr=value …>`; an unterminated tag swallows the rest of the input, as in browsers.
    private mutating func startTag() -> HTMLToken? {
        let start = position
        let end = bytes.count
        var index = start + 1
        let nameStart = index
        while index < end, !HTMLBytes.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/"),
            bytes[index] != UInt8(ascii: ">")
        {
            index += 1
        }
        let nameEnd = index
        var tag = HTMLStartTag(kind: kind(nameStart..<nameEnd), offset: start)
        tag.headingLevel = HTMLStartTag.headingLevel(bytes, nameStart..<nameEnd)
        var selfClosing = false
        var closed = false
        while index < end {
            let byte = bytes[index]
            if HTMLBytes.isSpace(byte) {
                index += 1
                continue
            }
            if byte == UInt8(ascii: ">") {
                index += 1
                closed = true
                break
            }
            if byte == UInt8(ascii: "/") {
                index += 1
                if index < end, bytes[index] == UInt8(ascii: ">") {
                    selfClosing = true
                    index += 1
                    closed = true
                    break
                }
                continue
            }
            index = attribute(from: index, into: &tag)
        }
        position = index
        guard closed else { return nil }
        if tag.kind == .rawText, !selfClosing {
            skipRawText(name: nameStart..<nameEnd)
        }
        return .startTag(tag)
    }

    /// Reads one attribute starting at `start`, records rowspan/colspan, returns the index after it.
    private func attribute(from start: Int, into tag: inout HTMLStartTag) -> Int {
        let end = bytes.count
        var index = start + 1  // an attribute name has at least one character, even `=`
        while index < end, !HTMLBytes.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/"),
            bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "=")
        {
            index += 1
        }
        let name = start..<index
        while index < end, HTMLBytes.isSpace(bytes[index]) { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: "=") else { return index }
        index += 1
        while index < end, HTMLBytes.isSpace(bytes[index]) { index += 1 }
        guard index < end else { return index }
        let value: Range<Int>
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let close = HTMLBytes.firstIndex(of: quote, in: bytes, from: index + 1)
            value = index + 1..<close
            index = min(close + 1, end)
        } else {
            let valueStart = index
            while index < end, !HTMLBytes.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
            value = valueStart..<index
        }
        if name.count == 7 {
            if HTMLBytes.hasPrefix(bytes, at: name.lowerBound, "rowspan") {
                tag.rowSpan = span(value)
            } else if HTMLBytes.hasPrefix(bytes, at: name.lowerBound, "colspan") {
                tag.colSpan = span(value)
            }
        }
        return index
    }

    /// Leading digits of an attribute value, saturating at 10⁹; 1 when there are none.
    private func span(_ value: Range<Int>) -> Int {
        var index = value.lowerBound
        while index < value.upperBound, HTMLBytes.isSpace(bytes[index]) { index += 1 }
        var number = 0
        var digits = 0
        while index < value.upperBound, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            number = min(number * 10 + Int(bytes[index] - UInt8(ascii: "0")), 1_000_000_000)
            digits += 1
            index += 1
        }
        return digits == 0 ? 1 : number
    }

    /// `</name …>`; attributes of end tags are ignored.
    private mutating func endTag() -> HTMLToken? {
        let start = position
        let end = bytes.count
        var index = start + 2
        let nameStart = index
        while index < end, !HTMLBytes.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/"),
            bytes[index] != UInt8(ascii: ">")
        {
            index += 1
        }
        let kind = kind(nameStart..<index)
        let close = HTMLBytes.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: index)
        position = min(close + 1, end)
        return close < end ? .endTag(kind, offset: start) : nil
    }

    /// `<!-- … -->` (also `<!-->`, `<!--->`); an unterminated comment runs to the end of the input.
    private mutating func skipComment() {
        let end = bytes.count
        var index = position + 2
        while index + 2 < end {
            if bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-"),
                bytes[index + 2] == UInt8(ascii: ">")
            {
                position = index + 3
                return
            }
            index += 1
        }
        position = end
    }

    /// `<![CDATA[ … ]]>`: the content is text.
    private mutating func cdata() -> HTMLToken? {
        let end = bytes.count
        let contentStart = position + 9
        var index = contentStart
        while index + 2 < end {
            if bytes[index] == UInt8(ascii: "]"), bytes[index + 1] == UInt8(ascii: "]"),
                bytes[index + 2] == UInt8(ascii: ">")
            {
                position = index + 3
                return .text(contentStart..<index)
            }
            index += 1
        }
        position = end
        return .text(contentStart..<end)
    }

    /// Moves past the content of a raw-text element, stopping before its `</name`.
    private mutating func skipRawText(name: Range<Int>) {
        let end = bytes.count
        var index = position
        while index < end {
            index = HTMLBytes.firstIndex(of: UInt8(ascii: "<"), in: bytes, from: index)
            guard index + 1 < end else { break }
            if bytes[index + 1] == UInt8(ascii: "/"), matchesName(name, at: index + 2) {
                let after = index + 2 + name.count
                if after >= end || HTMLBytes.isSpace(bytes[after]) || bytes[after] == UInt8(ascii: ">")
                    || bytes[after] == UInt8(ascii: "/")
                {
                    position = index
                    return
                }
            }
            index += 1
        }
        position = end
    }

    private func matchesName(_ name: Range<Int>, at start: Int) -> Bool {
        guard start + name.count <= bytes.count else { return false }
        for offset in 0..<name.count
        where HTMLBytes.lowercased(bytes[start + offset]) != HTMLBytes.lowercased(bytes[name.lowerBound + offset]) {
            return false
        }
        return true
    }

    private mutating func skipPast(_ byte: UInt8, from start: Int) {
        position = min(HTMLBytes.firstIndex(of: byte, in: bytes, from: start) + 1, bytes.count)
    }

    private func kind(_ range: Range<Int>) -> HTMLTagKind {
        HTMLTagKind(bytes, range)
    }
}
