import ArgumentParser
import ReportValidation

/// `--lang zh|en`: the language of findings and labels.
extension Language: ExpressibleByArgument {}

/// `check --format text|json`.
enum FindingsFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    /// The findings page (one FILE only): what the daemon writes as `REPORT.findings.html`.
    case html
}

/// `rules --format text|json|markdown`.
enum CatalogueFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
}

extension ByteSize: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }

    public var defaultValueDescription: String { "20M" }
}
