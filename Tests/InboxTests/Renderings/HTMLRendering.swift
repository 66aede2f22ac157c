import Inbox
import NianbaoTestSupport

/// A sample report as a government web page: a `<head>` with the charset, a `<title>`, a style sheet and
/// a script (none of which is page text), then the report in an article `<div>`: the title as centred
/// `<p><strong>`, headings as `<h1>`…`<h3>`, prose as `<p>`, and each table as a bordered `<table>` with merged
/// cells (``TableLayout``). Quotation marks are written as `&ldquo;`/`&rdquo;` as Word's web export does,
/// a cell continued on another line gets a `<br>`, an empty cell holds `&nbsp;`.
enum HTMLRendering {
    /// The page with `<meta charset="utf-8">`.
    static func page(_ layout: SampleLayout) -> String {
        page(layout, charsetDeclaration: #"<meta charset="utf-8">"#)
    }

    /// The page declared and encoded as GBK, the way older CMSs still publish. A character GBK lacks is written
    /// as a numeric character reference, as a browser submitting a GBK form would.
    static func gbkPage(_ layout: SampleLayout) throws -> [UInt8] {
        var text = page(layout, charsetDeclaration: gbkDeclaration)
        while true {
            do {
                return try IconvDecoder.encode(text, to: "GBK")
            } catch .unconvertible(let offset, _, _) {
                let utf8 = Array(text.utf8)
                let scalar = String(decoding: utf8[offset...], as: UTF8.self).unicodeScalars.first!
                let width = String(scalar).utf8.count
                text =
                    String(decoding: utf8[..<offset], as: UTF8.self) + "&#x\(String(scalar.value, radix: 16));"
                    + String(decoding: utf8[(offset + width)...], as: UTF8.self)
            } catch {
                throw error
            }
        }
    }

    static let gbkDeclaration = #"<meta http-equiv="Content-Type" content="text/html; charset=gbk">"#

    static func page(_ layout: SampleLayout, charsetDeclaration: String) -> String {
        let title = layout.blocks.compactMap { if case .title(let text) = $0 { text } else { nil } }.joined()
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            \(charsetDeclaration)
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))_政府信息公开</title>
            <style>table{border-collapse:collapse}td{border:1px solid #000;padding:2px 4px}</style>
            <script>var _hmt = _hmt || []; if (_hmt.length < 1 && document.title != "") { _hmt.push(["<td>"]); }</script>
            </head>
            <body>
            <div class="article">

            """
        for block in layout.blocks {
            switch block {
            case .title(let text):
                html += #"<p align="center"><strong>\#(escape(text))</strong></p>"# + "\n"
            case .heading(let text, let level):
                html += "<h\(level)>\(escape(text))</h\(level)>\n"
            case .paragraph(let text):
                html += #"<p style="text-indent:2em">\#(escape(text))</p>"# + "\n"
            case .table(let table):
                html += self.table(TableLayout(table))
            }
        }
        html += "</div>\n</body>\n</html>\n"
        return html
    }

    static func table(_ layout: TableLayout) -> String {
        var html = #"<table border="1" cellspacing="0" cellpadding="0" width="100%">"# + "\n<tbody>\n"
        for row in layout.rows {
            html += "<tr>"
            for cell in row {
                var attributes = ""
                if cell.rowSpan > 1 { attributes += #" rowspan="\#(cell.rowSpan)""# }
                if cell.colSpan > 1 { attributes += #" colspan="\#(cell.colSpan)""# }
                let content =
                    cell.lines.allSatisfy { SampleLayout.trim($0).isEmpty }
                    ? "&nbsp;" : cell.lines.map(escape).joined(separator: "<br>")
                html += "\n<td\(attributes)>\(content)</td>"
            }
            html += "\n</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Escapes markup characters; curly double quotes become named references.
    static func escape(_ text: String) -> String {
        Markup.escape(text, also: ["\u{201C}": "&ldquo;", "\u{201D}": "&rdquo;"])
    }

}
