/// Writes small, valid PDFs with a real text layer, for the conversion tests.
///
/// Text is shown with one Type0 font (`/Identity-H`, a CIDFontType2 descendant without embedded
/// glyphs) whose `/ToUnicode` CMap maps each CID to its Unicode scalar, so `pdftotext` extracts any
/// text, Chinese included, without a font file. CIDs are handed out in order of first use; ASCII
/// is half an em wide, everything else one em. The cross-reference offsets are exact.
///
/// Shared by the conversion and rendering tests (InboxTests) and the tests that drive the real program
/// (IntegrationTests, SystemdTests), which drop these PDFs on `nianbao check` and the daemon.
public enum TestPDF {
    /// A run of text whose baseline starts at `x`, `y` (points from the bottom left).
    public struct Placed: Sendable {
        public var x: Double
        public var y: Double
        public var text: String

        public init(x: Double, y: Double, text: String) {
            self.x = x
            self.y = y
            self.text = text
        }
    }

    /// A page: its text, and whether to paint a grey block (what a scan's image looks like to a text tool).
    public struct Page: Sendable {
        public var texts: [Placed]
        public var paintsImage: Bool

        public init(texts: [Placed] = [], paintsImage: Bool = false) {
            self.texts = texts
            self.paintsImage = paintsImage
        }
    }

    public static let fontSize = 10.0
    public static let lineHeight = 14.0
    public static let margin = 72.0
    /// Table cells start on a grid of this many points (they move right when a cell is wider).
    public static let columnWidth = 60.0
    /// Space kept between a cell's end and the next cell.
    public static let cellGap = 20.0

    /// Width of `text` in points at ``fontSize``.
    public static func width(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 0.5 : 1) } * fontSize
    }

    /// A one-page PDF with `lines` one under the other.
    public static func lines(_ lines: [String]) -> [UInt8] {
        let texts = lines.enumerated().map { Placed(x: margin, y: 842 - margin - Double($0.offset) * lineHeight, text: $0.element) }
        return document([Page(texts: texts)], width: 595, height: 842)
    }

    /// A report's text as a PDF like an office suite prints it: each line in order, `linesPerPage` to a
    /// page, tab-separated cells placed at column positions so `pdftotext -layout` keeps them apart.
    /// Pages are as wide as the longest line: nothing wraps.
    ///
    /// With `cellPerLine` the text is a one-cell-per-line export (sample 004: each cell on its own
    /// tab-prefixed line, a blank line ending the row): its tables are printed as rows, as the
    /// document they came from shows them.
    public static func report(_ text: String, cellPerLine: Bool = false, linesPerPage: Int = 48) -> [UInt8] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        if cellPerLine { lines = tableRows(lines) }
        var pages: [Page] = []
        var widest = 595.0
        for (index, line) in lines.enumerated() {
            if index % linesPerPage == 0 { pages.append(Page()) }
            let y = 842 - margin - Double(index % linesPerPage) * lineHeight
            var x = margin
            for (column, cell) in line.split(separator: "\t", omittingEmptySubsequences: false).enumerated() {
                x = max(x, margin + Double(column) * columnWidth)
                let shown = String(cell)
                if !shown.trimmingPrefix(while: \.isWhitespace).isEmpty {
                    pages[pages.count - 1].texts.append(Placed(x: x, y: y, text: shown))
                    x += width(shown) + cellGap
                }
            }
            widest = max(widest, x + margin)
        }
        return document(pages, width: widest.rounded(.up), height: 842)
    }

    /// Joins one-cell-per-line tables into tab-separated rows: a tab-prefixed line is a cell (a lone
    /// tab a blank one), a line without the tab continues the cell before it, a blank line ends the row.
    static func tableRows(_ lines: [String]) -> [String] {
        var out: [String] = []
        var cells: [String]?
        for line in lines {
            if line.hasPrefix("\t") {
                cells = (cells ?? []) + line.dropFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            } else if !line.isEmpty, var row = cells {
                row[row.count - 1] += line
                cells = row
            } else {
                if let row = cells { out.append("\t" + row.joined(separator: "\t")) }
                cells = nil
                out.append(line)
            }
        }
        if let row = cells { out.append("\t" + row.joined(separator: "\t")) }
        return out
    }

    /// The PDF file of `pages`.
    public static func document(_ pages: [Page], width: Double, height: Double) -> [UInt8] {
        var cids: [Unicode.Scalar: Int] = [:]
        var ordered: [Unicode.Scalar] = []
        for placed in pages.flatMap(\.texts) {
            for scalar in placed.text.unicodeScalars where cids[scalar] == nil {
                ordered.append(scalar)
                cids[scalar] = ordered.count
            }
        }
        var objects: [[UInt8]] = [[], []]  // 1: catalogue, 2: page tree, filled in last.
        func add(_ body: [UInt8]) -> Int {
            objects.append(body)
            return objects.count
        }
        func add(_ body: String) -> Int { add(Array(body.utf8)) }

        let toUnicode = add(stream(toUnicodeCMap(ordered)))
        let descriptor = add(
            "<< /Type /FontDescriptor /FontName /NianbaoTest /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
                + "/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>")
        let halfWidths = ordered.filter(\.isASCII).map { "\(cids[$0]!) [500]" }.joined(separator: " ")
        let cidFont = add(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NianbaoTest "
                + "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                + "/FontDescriptor \(descriptor) 0 R /DW 1000 /W [\(halfWidths)] /CIDToGIDMap /Identity >>")
        let font = add(
            "<< /Type /Font /Subtype /Type0 /BaseFont /NianbaoTest /Encoding /Identity-H "
                + "/DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        var kids: [Int] = []
        for page in pages {
            var operators = page.paintsImage ? ["0.5 g 72 300 400 400 re f"] : []
            for placed in page.texts {
                let hex = placed.text.unicodeScalars.map { hex4(cids[$0]!) }.joined()
                operators.append("BT /F1 \(fontSize) Tf \(placed.x) \(placed.y) Td <\(hex)> Tj ET")
            }
            let contents = add(stream(operators.joined(separator: "\n")))
            let page = add(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] "
                    + "/Resources << /Font << /F1 \(font) 0 R >> >> /Contents \(contents) 0 R >>")
            kids.append(page)
        }
        objects[0] = Array("<< /Type /Catalog /Pages 2 0 R >>".utf8)
        objects[1] = Array("<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>".utf8)
        return serialise(objects)
    }

    /// Header, numbered objects, cross-reference table (each entry exactly 20 bytes) and trailer.
    static func serialise(_ objects: [[UInt8]]) -> [UInt8] {
        var out = Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(index + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += padded(offset, 10) + " 00000 n \n" }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }

    /// The CMap mapping each CID (1, 2, …) to the UTF-16BE of its scalar, 100 entries per block.
    static func toUnicodeCMap(_ ordered: [Unicode.Scalar]) -> String {
        var lines = [
            "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
        ]
        let entries = ordered.enumerated().map { (index, scalar) in
            "<\(hex4(index + 1))> <\(String(scalar).utf16.map { hex4(Int($0)) }.joined())>"
        }
        for start in stride(from: 0, to: entries.count, by: 100) {
            let block = entries[start..<min(start + 100, entries.count)]
            lines += ["\(block.count) beginbfchar"] + block + ["endbfchar"]
        }
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return lines.joined(separator: "\n")
    }

    static func stream(_ content: String) -> [UInt8] {
        let bytes = Array(content.utf8)
        return Array("<< /Length \(bytes.count) >>\nstream\n".utf8) + bytes + Array("\nendstream".utf8)
    }

    static func hex4(_ value: Int) -> String { padded(value, 4, radix: 16) }

    static func padded(_ value: Int, _ width: Int, radix: Int = 10) -> String {
        let digits = String(value, radix: radix, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
