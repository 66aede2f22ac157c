/// What a tag means to the reader; everything not listed is inline and only carries text.
enum HTMLTagKind: Sendable, Equatable {
    case table
    case row
    /// `<td>` and `<th>`.
    case cell
    /// `<thead>`, `<tbody>`, `<tfoot>`: row spans stop at their boundary.
    case rowGroup
    /// `<br>`: a line break, no block of its own.
    case lineBreak
    /// Elements that start and end a line of text (`<p>`, `<div>`, `<h1>`, `<li>`, …).
    case block
    /// Elements whose content is not page text (`<script>`, `<style>`, `<title>`, …); the tokenizer skips it.
    case rawText
    case inline

    /// Classifies a lowercased tag name.
    init(name: String) {
        self = Self.byName[name] ?? .inline
    }

    /// Classifies the tag name `bytes[range]` (any case) without building a string for short names.
    init(_ bytes: [UInt8], _ range: Range<Int>) {
        guard range.count <= 8 else {
            guard range.count <= 10 else {
                self = .inline
                return
            }
            let lower = range.map { HTMLBytes.lowercased(bytes[$0]) }
            self.init(name: String(decoding: lower, as: UTF8.self))
            return
        }
        var key: UInt64 = 0
        for index in range { key = key << 8 | UInt64(HTMLBytes.lowercased(bytes[index])) }
        self = Self.byPackedName[key] ?? .inline
    }

    private static let byName: [String: HTMLTagKind] = {
        var table: [String: HTMLTagKind] = [
            "table": .table, "tr": .row, "td": .cell, "th": .cell,
            "thead": .rowGroup, "tbody": .rowGroup, "tfoot": .rowGroup, "br": .lineBreak,
        ]
        for name in ["script", "style", "title", "textarea", "xmp", "noembed", "noframes", "iframe", "template"] {
            table[name] = .rawText
        }
        for name in [
            "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
            "hr", "blockquote", "pre", "section", "article", "header", "footer", "nav", "aside", "main",
            "address", "figure", "figcaption", "form", "fieldset", "legend", "center", "caption",
            "body", "html", "head", "option", "details", "summary", "colgroup", "frameset", "frame",
        ] {
            table[name] = .block
        }
        return table
    }()

    /// `byName` keyed by the name's bytes packed big-endian into a UInt64 (names of ≤ 8 bytes).
    private static let byPackedName: [UInt64: HTMLTagKind] = {
        var table: [UInt64: HTMLTagKind] = [:]
        for (name, kind) in byName where name.utf8.count <= 8 {
            table[name.utf8.reduce(0) { $0 << 8 | UInt64($1) }] = kind
        }
        return table
    }()
}

/// A start tag with the only attributes the reader needs.
struct HTMLStartTag: Sendable, Equatable {
    var kind: HTMLTagKind
    /// Byte offset of `<` in the source.
    var offset: Int
    /// `rowspan` as written (≥ 1 after clamping by the grid), 1 when absent or unreadable.
    var rowSpan: Int = 1
    /// `colspan` as written, 1 when absent or unreadable.
    var colSpan: Int = 1
    /// 1…6 for `<h1>`…`<h6>`, 0 for every other tag.
    var headingLevel: Int = 0

    /// The level of the heading tag named `bytes[range]` (`h2` → 2), 0 when it is none.
    static func headingLevel(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        guard range.count == 2, HTMLBytes.lowercased(bytes[range.lowerBound]) == UInt8(ascii: "h") else { return 0 }
        let digit = bytes[range.lowerBound + 1]
        return digit >= UInt8(ascii: "1") && digit <= UInt8(ascii: "6") ? Int(digit - UInt8(ascii: "0")) : 0
    }
}

/// One lexical item of an HTML page.
enum HTMLToken: Sendable, Equatable {
    case startTag(HTMLStartTag)
    case endTag(HTMLTagKind, offset: Int)
    /// Raw UTF-8 bytes of page text (no markup, no references); offsets into the source.
    case text(Range<Int>)
    /// A decoded character reference at `offset`.
    case character(Unicode.Scalar, offset: Int)
}

/// ASCII helpers shared by the HTML scanners.
enum HTMLBytes {
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// True when `bytes[at...]` starts with `lowercasePattern`, ignoring ASCII case.
    static func hasPrefix(_ bytes: [UInt8], at start: Int, _ lowercasePattern: StaticString) -> Bool {
        let count = lowercasePattern.utf8CodeUnitCount
        guard start >= 0, start + count <= bytes.count else { return false }
        let pattern = lowercasePattern.utf8Start
        for offset in 0..<count where lowercased(bytes[start + offset]) != pattern[offset] {
            return false
        }
        return true
    }

    /// The first index ≥ `start` of `byte`, or `bytes.count`.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != byte { index += 1 }
        return index
    }
}
