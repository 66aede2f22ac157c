@testable import ReportValidation

/// Shorthands for the HTML reader tests.
enum HTMLTestSupport {
    /// The text of every line the reader produces.
    static func texts(_ html: String) -> [String] {
        HTMLReader.lines(html).map(\.text)
    }

    /// The cells of every line, split on tabs with empty cells kept.
    static func rows(_ html: String) -> [[String]] {
        HTMLReader.lines(html).map { $0.text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}
