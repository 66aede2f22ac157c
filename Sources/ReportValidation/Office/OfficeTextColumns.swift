/// Column helpers shared by the office renderings: terminal display width (CJK is two columns) and
/// CSV fields (RFC 4180, with a BOM so Excel and WPS read UTF-8).
enum OfficeText {
    /// The columns `text` takes in a terminal: two for East Asian wide and full-width characters.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return total + (wide ? 2 : 1)
        }
    }

    /// `text` padded with spaces to `columns` display columns.
    static func padded(_ text: String, _ columns: Int) -> String {
        let w = width(text)
        return w >= columns ? text : text + String(repeating: " ", count: columns - w)
    }

    /// Rows laid out in aligned columns, two spaces apart, trailing spaces dropped.
    static func table(_ rows: [[String]]) -> String {
        var widths: [Int] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index == widths.count { widths.append(0) }
                widths[index] = max(widths[index], width(cell))
            }
        }
        return rows.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                line += index == row.count - 1 ? cell : padded(cell, widths[index]) + "  "
            }
            return line
        }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
    }

    /// The UTF-8 byte order mark Excel and WPS need to open a CSV file as UTF-8 rather than GBK.
    static let byteOrderMark = "\u{FEFF}"

    /// One CSV field: quoted when it holds a comma, quote, CR or LF, or starts with a character a
    /// spreadsheet would take for a formula (`=`, `+`, `-`, `@`; then prefixed with `'`).
    static func csvField(_ text: String) -> String {
        // By UTF-8 byte (every character looked for is ASCII): an export is millions of fields.
        var value = text
        if let first = value.utf8.first,
            first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "@")
                || (first == UInt8(ascii: "-") && Int(value) == nil)
        {
            value = "'" + value
        }
        let special: (UInt8) -> Bool = { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard value.utf8.contains(where: special) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    /// CSV text (CRLF line ends, as RFC 4180 and Excel expect) of `rows`, BOM first.
    static func csv(_ rows: [[String]]) -> String {
        var out = byteOrderMark
        out.reserveCapacity(rows.reduce(0) { $0 + $1.count * 4 } + 16)
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { out += "," }
                out += csvField(field)
            }
            out += "\r\n"
        }
        return out
    }
}
