/// A one-sheet Office Open XML workbook (`.xlsx`) written by hand: the five parts Excel, WPS,
/// LibreOffice and openpyxl need, strings inline (no shared-string table), numbers as numbers.
public struct XLSXWorkbook: Sendable, Hashable {
    /// One cell: text, or a number given as its decimal text (`12`, `-3`, `0.5`).
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(String)
        case empty
    }

    public var sheetName: String
    public var rows: [[Cell]]
    /// How many leading rows stay in view when scrolling (the headings).
    public var frozenRows: Int

    public init(sheetName: String, rows: [[Cell]], frozenRows: Int = 1) {
        self.sheetName = sheetName
        self.rows = rows
        self.frozenRows = frozenRows
    }

    /// The package bytes.
    public func bytes() throws -> [UInt8] {
        var zip = StoredZip()
        try zip.add("[Content_Types].xml", Array(Self.contentTypes.utf8))
        try zip.add("_rels/.rels", Array(Self.packageRelationships.utf8))
        try zip.add("xl/workbook.xml", Array(workbookXML.utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Array(Self.workbookRelationships.utf8))
        try zip.add("xl/styles.xml", Array(Self.styles.utf8))
        try zip.add("xl/worksheets/sheet1.xml", Array(sheetXML.utf8))
        return try zip.archive()
    }

    /// `A`, `B`, … `Z`, `AA`, … for the 0-based column `index`.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Text fit for XML character data: the five markup characters escaped, characters XML 1.0 forbids
    /// (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF) replaced by U+FFFD.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                let v = scalar.value
                if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    var workbookXML: String {
        // Sheet names: at most 31 characters, none of []:*?/\ .
        let name = String(sheetName.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(Self.escaped(name.isEmpty ? "Sheet1" : name))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
    }

    var sheetXML: String {
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            """
        if frozenRows > 0 && rows.count > frozenRows {
            out += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(frozenRows)\" topLeftCell=\"A\(frozenRows + 1)\" "
            out += "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        }
        out += "<sheetData>"
        let names = (0..<(rows.map(\.count).max() ?? 0)).map(Self.columnName)
        for (r, row) in rows.enumerated() {
            out += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                switch cell {
                case .empty: continue
                case .text(let text):
                    out += "<c r=\"\(names[c])\(r + 1)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                    out += Self.escaped(text) + "</t></is></c>"
                case .number(let text):
                    out += "<c r=\"\(names[c])\(r + 1)\"><v>\(Self.escaped(text))</v></c>"
                }
            }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// The smallest style sheet Excel accepts: one font, the two required fills, one border, one format.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
