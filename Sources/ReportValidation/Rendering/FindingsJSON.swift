/// The machine-readable report of checked files (schema `nianbao.findings/2`, see docs/findings-json.md).
///
/// Every key is always present (absent values are `null`) and keys come in a fixed order, so two runs
/// over the same file give the same bytes.
public struct FindingsJSON: Sendable {
    /// The schema identifier written into every document; bumped only on an incompatible change.
    public static let schema = "nianbao.findings/2"

    /// The language of `message` and `hint` (both languages are always included as well).
    public var language: Language

    public init(language: Language = .zh) {
        self.language = language
    }

    /// One file as a JSON object, pretty-printed, ending with a newline.
    public func render(_ file: CheckedFile) -> String {
        value(of: file).rendered
    }

    /// Several files as a JSON array of such objects, in the order given.
    public func render(_ files: [CheckedFile]) -> String {
        JSONValue.array(files.map(value(of:))).rendered
    }

    /// One file as an element of the array `render(_ files:)` prints, so a long run can be written
    /// file by file: `[`, the elements joined by `,` and a newline, then `]` (byte-identical output).
    public func renderArrayElement(_ file: CheckedFile) -> String {
        let whole = JSONValue.array([value(of: file)]).rendered
        // `[\n  {…}\n]\n` → `  {…}`
        return String(whole.dropFirst(2).dropLast(3))
    }

    func value(of file: CheckedFile) -> JSONValue {
        let result = file.result
        return .object([
            JSONMember("schema", .string(Self.schema)),
            JSONMember("file", .string(file.path)),
            JSONMember("verdict", .string(result.verdict.rawValue)),
            JSONMember("language", .string(language.rawValue)),
            JSONMember("encoding", .string(file.report.encoding?.rawValue)),
            JSONMember("convertedBy", .string(file.report.convertedBy)),
            JSONMember("formatVersion", .string(result.formatVersion?.rawValue)),
            JSONMember("year", .int(result.year)),
            JSONMember("layout", .string(result.layout.rawValue)),
            JSONMember("title", .string(result.title)),
            JSONMember(
                "counts",
                .object([
                    JSONMember("errors", .int(result.errors.count)),
                    JSONMember("warnings", .int(result.warnings.count)),
                ])),
            JSONMember("notes", .array(result.notes.map(value(of:)))),
            JSONMember("findings", .array(result.findings.map(value(of:)))),
        ])
    }

    /// A history note (resubmission, no comparison with last year): the text in the document's language and both.
    func value(of note: LocalizedText) -> JSONValue {
        .object([
            JSONMember("message", .string(note.text(in: language))),
            JSONMember("messageZh", .string(note.zh)),
            JSONMember("messageEn", .string(note.en)),
        ])
    }

    func value(of finding: Finding) -> JSONValue {
        .object([
            JSONMember("code", .string(finding.code.rawValue)),
            JSONMember("severity", .string(finding.severity.rawValue)),
            JSONMember("message", .string(finding.message.text(in: language))),
            JSONMember("messageZh", .string(finding.message.zh)),
            JSONMember("messageEn", .string(finding.message.en)),
            JSONMember("location", value(of: finding.location)),
            JSONMember("evidence", .string(finding.evidence)),
            JSONMember("hint", .string(finding.hint.text(in: language))),
            JSONMember("hintZh", .string(finding.hint.zh)),
            JSONMember("hintEn", .string(finding.hint.en)),
            JSONMember("count", .int(finding.count)),
            JSONMember(
                "items",
                .array(
                    finding.items.map { item in
                        .object([JSONMember("location", value(of: item.location)), JSONMember("evidence", .string(item.evidence))])
                    })),
            JSONMember(
                "cells",
                .array(
                    finding.cells.map { cell in
                        .object([
                            JSONMember("table", .string(cell.table.rawValue)), JSONMember("row", .string(cell.row)),
                            JSONMember("column", .string(cell.column)), JSONMember("value", .int(cell.value)),
                            JSONMember("expected", .int(cell.expected)),
                        ])
                    })),
        ])
    }

    func value(of location: Location) -> JSONValue {
        .object([
            JSONMember("line", .int(location.line)),
            JSONMember("section", .int(location.section?.rawValue)),
            JSONMember("sectionTitle", .string(location.section?.templateHeading)),
            JSONMember("table", .string(location.table?.rawValue)),
            JSONMember("row", .string(location.row)),
            JSONMember("column", .string(location.column)),
        ])
    }
}
