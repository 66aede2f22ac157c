import ArgumentParser
import ReportValidation

extension Nianbao {
    /// `nianbao rules`: the rule catalogue, for reading or for generating docs/rules.md.
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every rule nianbao checks: code, severity and what it checks (中文 and English).",
            discussion: """
                An error rejects a report; a warning is a note on an accepted one. Use the codes \
                with `nianbao check --severity CODE=error|warning` to apply a stricter or more \
                lenient local policy.

                EXAMPLES:
                  nianbao rules
                  nianbao rules --format json
                  nianbao rules --format markdown > docs/rules.md
                """)

        @Option(help: "Output: text, json or markdown.")
        var format: CatalogueFormat = .text

        func run() {
            let rules = RuleCatalogue.all
            switch format {
            case .text: ConsoleOutput.write(RuleCatalogueText.text(rules))
            case .json: ConsoleOutput.write(RuleCatalogueText.json(rules))
            case .markdown: ConsoleOutput.write(RuleCatalogueText.markdown(rules))
            }
        }
    }
}
