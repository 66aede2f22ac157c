import Foundation

@testable import ReportValidation

/// A readable dump of what the reader recognised, for debugging and for failure messages.
func dump(_ document: ReportDocument) -> String {
    var out =
        "layout=\(document.layout) year=\(document.year.map(String.init) ?? "-") title=\(document.title?.text ?? "-") unit=\(document.title?.unit ?? "-")\n"
    for h in document.headings {
        out +=
            "H ord=\(h.ordinal.map(String.init) ?? "-") kind=\(h.kind.map { "\($0.rawValue)" } ?? "-") md=\(h.markdownLevel) tmpl=\(h.isTemplateWording) L\(h.line) \(h.text)\n"
    }
    if let t = document.disclosureTable {
        out += "T2 in=\(t.foundIn.map { "\($0.rawValue)" } ?? "-")\n"
        for b in t.blocks.values.sorted(by: { $0.line < $1.line }) {
            out += "  block \(b.item.rawValue) headers=\(b.headers)\n"
            for r in b.rows { out += "    \(r.label) L\(r.line) \(r.cells.map(\.raw)) \(r.reading)\n" }
        }
    }
    if let t = document.applicationTable {
        out += "T3 header=\(t.headerFound) sub=\(t.hasSubtotalColumn) rows=\(t.rows.count)\n"
        for key in ApplicationRow.allCases { if let r = t.rows[key] { out += "  \(key) L\(r.line) \(r.cells.map(\.raw)) \(r.reading)\n" } }
    }
    if let t = document.reviewTable {
        out += "T4 header=\(t.headerFound) \(t.cells.map(\.raw)) \(t.reading)\n"
    }
    out += "markers=\(document.formatMarkers.map { "\($0.version.rawValue):\($0.text)" })\n"
    out += "artifacts=\(document.artifacts.map { "\($0.kind)@\($0.line)" })\n"
    for p in document.paragraphs.prefix(60) { out += "P s\(p.section.map { "\($0.rawValue)" } ?? "-") L\(p.line) \(p.text.prefix(40))\n" }
    return out
}
