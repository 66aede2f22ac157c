import Foundation
import NianbaoTestSupport
import Testing

/// `nianbao rules` and `--help`, through the real executable.
@Suite(.offThePool) struct RulesCommandTests {
    @Test func jsonCatalogueListsUniqueCodesWithBothLanguages() throws {
        let run = try NianbaoBinary.run(["rules", "--format", "json"])
        #expect(run.status == 0)
        let object = try #require(try run.json() as? [String: Any])
        #expect(object["schema"] as? String == "nianbao.rules/1")
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(!rules.isEmpty)
        let codes = rules.compactMap { $0["code"] as? String }
        #expect(Set(codes).count == codes.count)
        for rule in rules {
            #expect(["error", "warning"].contains(rule["severity"] as? String ?? ""))
            #expect((rule["summaryZh"] as? String)?.isEmpty == false)
            #expect((rule["summaryEn"] as? String)?.isEmpty == false)
        }
    }

    @Test func markdownAndTextListTheSameRules() throws {
        let json = try #require(try NianbaoBinary.run(["rules", "--format", "json"]).json() as? [String: Any])
        let count = (json["rules"] as? [Any])?.count ?? -1
        let markdown = try NianbaoBinary.run(["rules", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("| `") }.count == count)
        let text = try NianbaoBinary.run(["rules"])
        #expect(text.stdout.hasPrefix("\(count) 条规则 / \(count) rules"))
    }

    @Test func committedRulesDocMatchesTheCatalogue() throws {
        let doc = NianbaoBinary.packageRoot.appendingPathComponent("docs/rules.md")
        let committed = try String(contentsOf: doc, encoding: .utf8)
        let generated = try NianbaoBinary.run(["rules", "--format", "markdown"]).stdout
        #expect(committed == generated, "docs/rules.md is stale: run scripts/gen-rules-doc")
    }

    @Test func helpExplainsBothCommandsAndExitStatus() throws {
        let run = try NianbaoBinary.run(["--help"])
        #expect(run.status == 0)
        for needle in ["check", "rules", "EXIT STATUS", "EXAMPLES"] {
            #expect(run.stdout.contains(needle), "help lacks \(needle)")
        }
        let check = try NianbaoBinary.run(["check", "--help"])
        for needle in ["--lang", "--format", "--severity", "--max-size", "CODE=error|warning"] {
            #expect(check.stdout.contains(needle), "check help lacks \(needle)")
        }
    }
}
