import NianbaoTestSupport

/// A sample report as a Word document (.docx): `word/document.xml`, `word/styles.xml` (with its relationship),
/// `[Content_Types].xml` and `_rels/.rels` in a stored ZIP. The styles define the headings as Word does, so a
/// word processor that opens the file (LibreOffice, making the `.doc` fixtures) keeps them headings.
///
/// The body is WordprocessingML as Word writes it: the title centred and bold, headings with a heading
/// style, prose as `w:p`, text split into runs at every change between ASCII and Chinese (Word starts a new
/// run where the font changes), `xml:space="preserve"` on every `w:t`. Tables are ``TableLayout``s: a
/// `colspan` is `w:gridSpan`, a `rowspan` is `w:vMerge w:val="restart"` on the top cell and a bare
/// `w:vMerge` on a cell in each row below it (same `w:gridSpan`); a cell continued on another line gets a
/// second paragraph.
enum DOCXRendering {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// The zipped package (stored entries: content types, package relationships, `word/document.xml`, styles).
    static func package(_ layout: SampleLayout) -> [UInt8] {
        ZipWriter.docx(documentXML: documentXML(layout), stylesXML: stylesXML)
    }

    /// `Normal` and Word's built-in `heading 1`–`heading 3` (style ids `Heading1`… as Word writes them).
    static let stylesXML: String = {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<w:styles xmlns:w="\#(wordNamespace)"><w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#
        xml += #"<w:name w:val="Normal"/></w:style>"#
        for level in 1...3 {
            xml += #"<w:style w:type="paragraph" w:styleId="Heading\#(level)"><w:name w:val="heading \#(level)"/>"#
            xml += #"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:outlineLvl w:val="\#(level - 1)"/></w:pPr></w:style>"#
        }
        return xml + "</w:styles>"
    }()

    static func documentXML(_ layout: SampleLayout) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<w:document xmlns:w="\#(wordNamespace)" "#
        xml += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
        for (index, block) in layout.blocks.enumerated() {
            switch block {
            case .title(let text):
                xml += paragraph([text], properties: #"<w:jc w:val="center"/>"#, bold: true)
            case .heading(let text, let level):
                xml += paragraph([text], properties: #"<w:pStyle w:val="Heading\#(level)"/>"#)
            case .paragraph(let text):
                xml += paragraph([text], properties: #"<w:ind w:firstLineChars="200" w:firstLine="640"/>"#)
            case .table(let table):
                xml += self.table(TableLayout(table))
                // A table cannot end the body: Word always follows the last one with a paragraph.
                if index == layout.blocks.count - 1 { xml += "<w:p/>" }
            }
        }
        xml += #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" "#
        xml += #"w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#
        return xml
    }

    /// One paragraph per line of `lines` (a table cell continued on another line has several).
    static func paragraph(_ lines: [String], properties: String = "", bold: Bool = false) -> String {
        lines.map { line in
            let runs = runs(of: line).map { run in
                (bold ? "<w:r><w:rPr><w:b/></w:rPr>" : "<w:r>") + #"<w:t xml:space="preserve">\#(escape(run))</w:t></w:r>"#
            }
            let pPr = properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>"
            return "<w:p>\(pPr)\(runs.joined())</w:p>"
        }.joined()
    }

    static func table(_ layout: TableLayout) -> String {
        let width = layout.width
        // Fixed column widths, as Word writes a table whose columns were set: a word processor that lays the
        // table out again (LibreOffice, making the .doc fixtures) keeps the grid instead of fitting it to the text.
        var xml = #"<w:tbl><w:tblPr><w:tblW w:w="\#(600 * width)" w:type="dxa"/><w:tblBorders>"#
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            xml += #"<w:\#(side) w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        }
        xml += #"</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
        xml += String(repeating: #"<w:gridCol w:w="600"/>"#, count: width)
        xml += "</w:tblGrid>"
        for (r, row) in layout.rows.enumerated() {
            xml += "<w:tr>"
            let rowEnd = row.map { $0.column + $0.colSpan }.max() ?? 0
            var column = 0
            while true {
                if let cell = row.first(where: { $0.column == column }) {
                    xml += self.cell(cell.lines, colSpan: cell.colSpan, merge: cell.rowSpan > 1 ? "restart" : nil)
                    column += cell.colSpan
                } else if let above = layout.coveringFromAbove(row: r, column: column) {
                    xml += self.cell([""], colSpan: above.colSpan, merge: "")
                    column += above.colSpan
                } else {
                    break
                }
            }
            precondition(column >= rowEnd, "row \(r) has a gap at column \(column)")
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }

    /// A `w:tc`; `merge` is nil (no vertical merge), `"restart"` or `""` (a bare `w:vMerge`: continued).
    static func cell(_ lines: [String], colSpan: Int, merge: String?) -> String {
        var properties = #"<w:tcW w:w="\#(600 * colSpan)" w:type="dxa"/>"#
        if colSpan > 1 { properties += #"<w:gridSpan w:val="\#(colSpan)"/>"# }
        if let merge { properties += merge.isEmpty ? "<w:vMerge/>" : #"<w:vMerge w:val="\#(merge)"/>"# }
        let content = lines.allSatisfy(\.isEmpty) ? "<w:p/>" : paragraph(lines, properties: #"<w:jc w:val="center"/>"#)
        return "<w:tc><w:tcPr>\(properties)</w:tcPr>\(content)</w:tc>"
    }

    /// The text split where it changes between ASCII and other characters, as Word's runs split at fonts.
    static func runs(of text: String) -> [String] {
        var runs: [String] = []
        var current = ""
        var currentIsASCII: Bool? = nil
        for character in text {
            let isASCII = character.isASCII
            if let kind = currentIsASCII, kind != isASCII {
                runs.append(current)
                current = ""
            }
            current.append(character)
            currentIsASCII = isASCII
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    static func escape(_ text: String) -> String {
        Markup.escape(text, also: ["\"": "&quot;"])
    }
}
