/// The container a report's text came in, sniffed from its content (extension only breaks ties).
public enum SourceFormat: String, Sendable, Hashable, Codable {
    case text
    case markdown
    case html

    /// Sniffs `text`: HTML markup wins over the extension, Markdown needs `#` headings or `|` tables.
    public static func sniff(_ text: String, fileName: String?) -> SourceFormat {
        // ASCII-lowercased first 4 KiB: markup tags are ASCII.
        let head = String(decoding: text.utf8.prefix(4096).map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
        if head.contains("<html") || head.contains("<table") || head.contains("<body")
            || head.contains("<!doctype html") || head.contains("<p>") || head.contains("<div")
        {
            return .html
        }
        // HTML kept inside a JavaScript string (a saved front-end data file) or after a long preamble.
        if text.utf8.count < 4_000_000, text.contains("<table"), text.contains("</td>") || text.contains("<td") {
            return .html
        }
        let lower = fileName?.lowercased() ?? ""
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
            // Named HTML but holds none: read the text as it is.
            return .text
        }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        return .text
    }
}
