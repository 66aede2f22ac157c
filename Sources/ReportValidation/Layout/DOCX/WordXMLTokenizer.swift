/// One piece of an XML document, as byte ranges into it.
enum XMLToken: Equatable {
    /// `<name attributes>` or `<name attributes/>` (`isEmpty`).
    case startTag(name: Range<Int>, attributes: Range<Int>, isEmpty: Bool)
    case endTag(name: Range<Int>)
    /// Character data between tags, entities still encoded (CDATA content is yielded raw, `isRaw`).
    case text(Range<Int>, isRaw: Bool)
}

/// A small, tolerant XML tokenizer over bytes, enough for WordprocessingML.
///
/// It yields tags and text in document order and keeps no element stack, so nesting depth costs nothing.
/// Comments, processing instructions and the DOCTYPE are skipped; DTD entities are never expanded (only the
/// five predefined ones and character references are decoded, by ``XMLText``), so no entity expansion bomb
/// is possible. Malformed markup ends the token stream or is read as text, never as an error.
struct WordXMLTokenizer {
    private let bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> XMLToken? {
        let end = bytes.count
        while position < end {
            let start = position
            guard bytes[start] == UInt8(ascii: "<") else {
                position = Self.firstIndex(of: UInt8(ascii: "<"), in: bytes, from: start)
                return .text(start..<position, isRaw: false)
            }
            guard start + 1 < end else {
                position = end
                return nil
            }
            switch bytes[start + 1] {
            case UInt8(ascii: "/"):
                return endTag()
            case UInt8(ascii: "?"):
                position = Self.index(after: [UInt8(ascii: "?"), UInt8(ascii: ">")], in: bytes, from: start + 2)
            case UInt8(ascii: "!"):
                if let token = markupDeclaration() { return token }
            default:
                if let token = startTag() { return token }
            }
        }
        return nil
    }

    /// `<name attr="v" …>` or `<name …/>`; a `>` inside a quoted value does not end the tag.
    private mutating func startTag() -> XMLToken? {
        let end = bytes.count
        let nameStart = position + 1
        var index = nameStart
        while index < end, !Self.isNameEnd(bytes[index]) { index += 1 }
        let name = nameStart..<index
        let attributesStart = index
        var quote: UInt8 = 0
        while index < end {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            index += 1
        }
        guard index < end else {
            position = end
            return nil
        }
        position = index + 1
        let isEmpty = index > attributesStart && bytes[index - 1] == UInt8(ascii: "/")
        guard !name.isEmpty else { return nil }
        return .startTag(name: name, attributes: attributesStart..<(isEmpty ? index - 1 : index), isEmpty: isEmpty)
    }

    /// `</name>`.
    private mutating func endTag() -> XMLToken? {
        let end = bytes.count
        let nameStart = position + 2
        var index = nameStart
        while index < end, !Self.isNameEnd(bytes[index]) { index += 1 }
        let close = Self.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: index)
        position = min(close + 1, end)
        return close < end ? .endTag(name: nameStart..<index) : nil
    }

    /// `<!-- … -->`, `<![CDATA[ … ]]>` (yielded as raw text) or `<!DOCTYPE … [ … ]>` (skipped).
    private mutating func markupDeclaration() -> XMLToken? {
        let start = position
        if Self.hasPrefix(bytes, at: start, "<!--") {
            position = Self.index(after: Array("-->".utf8), in: bytes, from: start + 4)
            return nil
        }
        if Self.hasPrefix(bytes, at: start, "<![CDATA[") {
            let contentStart = start + 9
            let close = Self.index(after: Array("]]>".utf8), in: bytes, from: contentStart)
            position = close
            return .text(contentStart..<max(contentStart, close == bytes.count ? close : close - 3), isRaw: true)
        }
        // A DOCTYPE may hold an internal subset in brackets, itself holding `>`.
        var index = start + 2
        var inSubset = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "[") { inSubset = true }
            if byte == UInt8(ascii: "]") { inSubset = false }
            if byte == UInt8(ascii: ">"), !inSubset { break }
            index += 1
        }
        position = min(index + 1, bytes.count)
        return nil
    }

    private static func isNameEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x20 || byte == 0x09 || byte == 0x0A
            || byte == 0x0D
    }

    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != byte { index += 1 }
        return index
    }

    /// The index just past the first `pattern` at or after `start`, or the end of the input.
    private static func index(after pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<index + pattern.count].elementsEqual(pattern) {
                return index + pattern.count
            }
            index += 1
        }
        return bytes.count
    }

    private static func hasPrefix(_ bytes: [UInt8], at start: Int, _ prefix: String) -> Bool {
        let pattern = prefix.utf8
        guard start + pattern.count <= bytes.count else { return false }
        return bytes[start..<start + pattern.count].elementsEqual(pattern)
    }
}

/// Character data and attribute values of XML: the five predefined entities and character references.
enum XMLText {
    /// Appends `bytes[range]` to `text`, decoding references; an unknown or malformed one stays literal.
    static func append(_ bytes: [UInt8], _ range: Range<Int>, to text: inout CollapsedText) {
        var runStart = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            guard bytes[index] == UInt8(ascii: "&"),
                let (scalar, length) = reference(bytes, at: index, end: range.upperBound)
            else {
                index += 1
                continue
            }
            if runStart < index { text.append(bytes, runStart..<index) }
            text.append(scalar, offset: index)
            index += length
            runStart = index
        }
        if runStart < range.upperBound { text.append(bytes, runStart..<range.upperBound) }
    }

    /// The reference starting at `bytes[start]` (`&`) and its length in bytes, if well formed.
    static func reference(_ bytes: [UInt8], at start: Int, end: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        while index < end, index - start <= 12, bytes[index] != UInt8(ascii: ";") { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: ";"), index > start + 1 else { return nil }
        let body = bytes[start + 1..<index]
        let length = index + 1 - start
        switch String(decoding: body, as: UTF8.self) {
        case "amp": return ("&", length)
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "quot": return ("\"", length)
        case "apos": return ("'", length)
        default: break
        }
        guard body.first == UInt8(ascii: "#"), body.count >= 2 else { return nil }
        let isHex = body[body.startIndex + 1] == UInt8(ascii: "x")
        let digits = body.dropFirst(isHex ? 2 : 1)
        guard !digits.isEmpty, let value = UInt32(String(decoding: digits, as: UTF8.self), radix: isHex ? 16 : 10),
            value != 0, let scalar = Unicode.Scalar(value)
        else { return nil }
        return (scalar, length)
    }
}

/// Attributes of a start tag, as name and value ranges (values still encoded; the ones Word readers need
/// — numbers, `restart`, namespace URIs — hold no references).
enum XMLAttributes {
    /// Calls `body` with each `name="value"` (or `'value'`) pair in `bytes[range]`, in order.
    static func forEach(in bytes: [UInt8], _ range: Range<Int>, _ body: (Range<Int>, Range<Int>) -> Void) {
        var index = range.lowerBound
        let end = range.upperBound
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while index < end {
            while index < end, isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < end, bytes[index] != UInt8(ascii: "="), !isSpace(bytes[index]) { index += 1 }
            let name = nameStart..<index
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "=") else {
                index += 1
                continue
            }
            index += 1
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { continue }
            let quote = bytes[index]
            let valueStart = index + 1
            index = valueStart
            while index < end, bytes[index] != quote { index += 1 }
            if !name.isEmpty { body(name, valueStart..<index) }
            index += 1
        }
    }
}
