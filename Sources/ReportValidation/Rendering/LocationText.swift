/// Where a finding points, in words a person can follow in the report:
/// `第45行 · 三、收到和处理政府信息公开申请情况 · 表三 · 行「（七）总计」 · 列「自然人」`.
public enum LocationText {
    /// The parts of `location` that are known, joined with ` · `; "全文" / "whole report" when none is.
    /// In a Word file (`layout` `.docx`) the line is a paragraph or table row: "第N段" / "paragraph N".
    public static func render(_ location: Location, in language: Language, layout: SourceLayout = .unknown) -> String {
        let parts = parts(of: location, in: language, layout: layout)
        if parts.isEmpty { return language == .zh ? "全文" : "whole report" }
        return parts.joined(separator: " · ")
    }

    /// `第12行` / `line 12`; in a Word file, where a line is a paragraph or table row, `第12段` / `paragraph 12`.
    public static func line(_ number: Int, layout: SourceLayout) -> LocalizedText {
        layout == .docx
            ? LocalizedText(zh: "第\(number)段", en: "paragraph \(number)")
            : LocalizedText(zh: "第\(number)行", en: "line \(number)")
    }

    /// Each known part on its own, in reading order: line, section, table, row, column.
    public static func parts(of location: Location, in language: Language, layout: SourceLayout = .unknown) -> [String] {
        var parts: [String] = []
        if let line = location.line {
            parts.append(Self.line(line, layout: layout).text(in: language))
        }
        if let section = location.section {
            parts.append(
                language == .zh ? section.templateHeading : "section \(section.ordinal) (\(section.englishName))")
        }
        if let table = location.table {
            parts.append(language == .zh ? "表\(table.rawValue)" : "table \(table.rawValue)")
        }
        if let row = location.row, !row.isEmpty {
            parts.append(language == .zh ? "行「\(row)」" : "row “\(row)”")
        }
        if let column = location.column, !column.isEmpty {
            parts.append(language == .zh ? "列「\(column)」" : "column “\(column)”")
        }
        return parts
    }
}
