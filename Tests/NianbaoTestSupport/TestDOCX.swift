/// A report's text as the plainest Word file that still has its tables: for the tests that drive the real
/// program (IntegrationTests, SystemdTests), which cannot reach InboxTests' faithful `DOCXRendering`.
///
/// Every line without a tab is a paragraph (blank lines are dropped), every run of lines with tabs is a
/// table with one row per line and one cell per tab-separated field, blank fields as empty cells. No merged
/// cells, headings or runs split by font: the Word reader expands the grid back to the same cells, so a
/// sample in the tab-separated layout (000–003) gets its text form's verdict.
public enum TestDOCX {
    /// The zipped package (`ZipWriter.docx`) of `text`.
    public static func report(_ text: String) -> [UInt8] {
        ZipWriter.docx(documentXML: ZipWriter.documentXML(body: body(text)))
    }

    /// The `w:body` content: paragraphs and tables in the order of the lines.
    public static func body(_ text: String) -> String {
        var xml = ""
        var rows: [String] = []
        func endTable() {
            guard !rows.isEmpty else { return }
            xml += "<w:tbl>" + rows.joined() + "</w:tbl>"
            rows = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("\t") {
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { "<w:tc>\(paragraph($0))</w:tc>" }
                rows.append("<w:tr>" + cells.joined() + "</w:tr>")
                continue
            }
            endTable()
            if !line.allSatisfy(\.isWhitespace) { xml += paragraph(line) }
        }
        endTable()
        return xml
    }

    /// One `w:p` with one run; an empty cell's paragraph has none.
    static func paragraph(_ text: Substring) -> String {
        text.isEmpty ? "<w:p/>" : #"<w:p><w:r><w:t xml:space="preserve">\#(Markup.escape(String(text)))</w:t></w:r></w:p>"#
    }
}
